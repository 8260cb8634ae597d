/**
 * The ppx command-line entry point. This module is the only place that prints errors and calls
 * Deno.exit; everything below it throws typed errors and returns data.
 *
 * @module
 */

import { processEnv } from "../lib/env.ts";
import { ExitCode, isPpxError } from "../lib/errors.ts";
import { BUILD, VERSION } from "../lib/version.ts";
import { redactTokensInText } from "../lib/http/redact.ts";
import type { App } from "./app.ts";
import type { ContextDeps } from "./context.ts";
import { commandWords, normalizeArgv } from "./argv.ts";
import { colorEnabled, styler } from "./output/color.ts";
import { denoIO, StdoutClosedError } from "./output/io.ts";
import { configureTree } from "./tree.ts";
import { describeMissingPermission } from "./permissions.ts";
import { entitySetHint, invocationHint } from "./error_hints.ts";
import { phraseError } from "./kit/phrase.ts";
import { interruptHint } from "./interrupt.ts";
import { hintOf } from "./remedies.ts";

const USAGE_CODES = new Set([
  "commander.unknownOption",
  "commander.unknownCommand",
  "commander.missingArgument",
  "commander.optionMissingArgument",
  "commander.missingMandatoryOptionValue",
  "commander.invalidArgument",
  "commander.excessArguments",
  "commander.conflictingOption",
  "commander.error",
]);

/**
 * Runs ppx with the given arguments and dependencies; returns the exit code. Used by the binary and,
 * in-process, by tests.
 */
export async function runCli(args: string[], deps: ContextDeps): Promise<number> {
  const argv = normalizeArgv(args);
  // `ppx --version` answers before the command framework is even loaded: it is what scripts call most.
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
    deps.io.stdout.write(`${VERSION}\n`);
    return ExitCode.Ok;
  }
  if (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h")) {
    // Generated from the command tree by `deno task docs`; CI fails when it is stale.
    const [{ ROOT_HELP }, { wrapHelp }] = await Promise.all([
      import("./generated/root_help.ts"),
      import("./help/wrap.ts"),
    ]);
    deps.io.stdout.write(wrapHelp(ROOT_HELP, deps.io.columns));
    return ExitCode.Ok;
  }
  const { App, buildProgram, groupsFor } = await import("./app.ts");
  const { CommanderError } = await import("@commander-js/extra-typings");
  const app = new App(deps);
  try {
    const program = await buildProgram(app, groupsFor(commandWords(argv)));
    configureTree(program, deps.io);
    await program.parseAsync(argv, { from: "user" });
    const { exitCodeOf } = await import("./outcome.ts");
    const code = exitCodeOf(app.currentContext?.outcome ?? "ok");
    if (BUILD.target !== "source" && code === ExitCode.Ok && app.currentContext) {
      const { updateNotice } = await import("./update_notice.ts");
      await updateNotice(app.currentContext, commandWords(argv)[0], deps.homeDir);
    }
    return code;
  } catch (error) {
    return await reportError(error, app, deps, CommanderError);
  }
}

async function reportError(
  error: unknown,
  app: App,
  deps: ContextDeps,
  CommanderError: typeof import("@commander-js/extra-typings").CommanderError,
): Promise<number> {
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return ExitCode.Ok;
    if (error.code === "commander.help") return ExitCode.Ok;
    return USAGE_CODES.has(error.code) ? ExitCode.Usage : ExitCode.Failure;
  }
  const permission = describeMissingPermission(error);
  if (permission !== undefined) {
    // One line, nothing else: no colour (deciding it reads the environment, which may be the very
    // permission that is missing), no hint, no stack.
    deps.io.stderr.write(`error: ${permission}\n`);
    return ExitCode.Failure;
  }
  // The reader of stdout is gone (`| head -1`): stop quietly, as gh and git do.
  if (isStdoutClosed(error)) return ExitCode.Ok;
  const ctx = app.currentContext;
  const debug = ctx?.globals.debug ?? false;
  const style = ctx?.errStyle ?? styler(colorEnabled("auto", deps.io.stderrIsTTY, deps.env));
  const io = deps.io;
  if (isPpxError(error) && error.code === "cancelled") {
    // The user's own choice, not a failure: no "error:" prefix (docs/exit-codes.md, exit 130).
    io.stderr.write(`${error.message}\n`);
    return error.exitCode;
  }
  if (isPpxError(error)) {
    // Loaded only when an error is printed: it knows every area's errors.
    const { errorWords } = await import("./error_words.ts");
    const words = errorWords(error);
    const phrased = phraseError(error);
    io.stderr.write(`${style.red("error:")} ${redactTokensInText(words?.message ?? phrased.message)}\n`);
    const hint = invocationHint(error, deps.env, ctx?.globals.profile) ?? await entitySetHint(error, ctx) ??
      words?.hint ?? phrased.hint ?? hintOf(error);
    if (hint) io.stderr.write(`${hint}\n`);
    const correlation = (error as { correlationId?: string }).correlationId;
    if (correlation) io.stderr.write(`${style.dim(`correlation id: ${correlation}`)}\n`);
    if (debug && error.stack) io.stderr.write(style.dim(redactTokensInText(error.stack)) + "\n");
    return error.exitCode;
  }
  if (error instanceof DOMException && error.name === "AbortError") {
    io.stderr.write("Cancelled.\n");
    return ExitCode.Cancelled;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Deno.errors.NotFound) {
    // A path the user named that is not there (an input file a use-case opened itself): bad input, exit 2.
    const path = /'([^']+)'$/.exec(message)?.[1];
    io.stderr.write(`${style.red("error:")} No such file or folder${path ? `: ${path}` : ""}\n`);
    io.stderr.write("Check the path; a relative path is read from the current folder.\n");
    if (debug && error.stack) io.stderr.write(style.dim(redactTokensInText(error.stack)) + "\n");
    return ExitCode.Usage;
  }
  io.stderr.write(`${style.red("error:")} unexpected failure: ${redactTokensInText(message)}\n`);
  if (debug && error instanceof Error && error.stack) {
    io.stderr.write(style.dim(redactTokensInText(error.stack)) + "\n");
  } else {
    io.stderr.write("Run again with --debug for details, and report it if it persists.\n");
  }
  return ExitCode.Failure;
}

function isStdoutClosed(error: unknown): boolean {
  return error instanceof StdoutClosedError ||
    (error instanceof Error && error.cause instanceof StdoutClosedError);
}

/**
 * Runs ppx as the process: real IO, environment and signals; exits with the command's code. Called when
 * this module is the main module, and by mod.ts when the package itself is run (`deno run jsr:@pacx/cli`).
 */
export async function main(): Promise<never> {
  const io = denoIO();
  const onInterrupt = () => {
    const hint = interruptHint();
    io.stderr.write(`\nCancelled.\n${hint ? `${hint}\n` : ""}`);
    Deno.exit(ExitCode.Cancelled);
  };
  try {
    Deno.addSignalListener("SIGINT", onInterrupt);
  } catch {
    // signals are not available on every platform
  }
  const env = processEnv();
  const code = await runCli(Deno.args, {
    io,
    env,
    cwd: Deno.cwd(),
    // A getter: read only when a command opens the config, so --help and --version need no --allow-env.
    get homeDir() {
      return env.get("HOME") || env.get("USERPROFILE") || undefined;
    },
  });
  Deno.exit(code);
}

if (import.meta.main) await main();
