/**
 * The one generic command builder: turns catalog operations into commands with the same flags and
 * behaviour everywhere (`-e/--environment`, `--payload`, typed body flags, `--api-version`, `--all` /
 * `--top` on lists, `--wait` / `--no-wait` / `--timeout` on long-running operations, `--validate-only`
 * where the API has it, confirmation or `--yes` on destructive ones; `--json` / `--output` are global).
 * ADR 0016 records the design.
 *
 * The catalog itself is not imported here: `builder.ts` adds it, and a group that needs a few operations
 * only (`ppx auth roles|assignments`) passes those, so `ppx auth` loads no other area's catalog.
 */

import { Command, Option } from "@commander-js/extra-typings";
import { CancelledError, UsageError } from "../../lib/errors.ts";
import type { Operation } from "../../lib/powerplatform/catalog/types.ts";
import type { RunOperationOptions } from "../../lib/powerplatform/execute.ts";
import { commandLine } from "../kit/phrase.ts";
import type { App } from "../app.ts";
import type { Context } from "../context.ts";
import { duration, wholeNumber } from "../kit/flags.ts";

// deno-lint-ignore no-explicit-any
type AnyCommand = Command<any, any, any>;

/** commander's property name for a flag: `--workflow-id` -> `workflowId`. */
export function flagKey(flag: string): string {
  return flag.replace(/^--/, "").replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Help of `--cloud` on admin commands. */
export const CLOUD_HELP =
  "public, usgov, usgovhigh, usgovdod or china (default: PPX_CLOUD, then the profile's)";

/** True when the operation takes an environment (from `-e` or a positional ENVIRONMENT). */
export function takesEnvironment(op: Operation): boolean {
  return (op.params ?? []).some((p) => p.environment);
}

/** Builds the command of one operation. */
export function operationCommand(app: App, op: Operation): AnyCommand {
  const command: AnyCommand = new Command(op.name).description(op.summary);
  for (const alias of op.aliases ?? []) command.alias(alias);
  const positionals = (op.params ?? []).filter((p) => p.positional);
  for (const p of positionals) {
    const optional = p.environment || !p.required;
    command.argument(
      optional ? `[${p.positional!.toLowerCase()}]` : `<${p.positional!.toLowerCase()}>`,
      p.description,
    );
  }
  if (takesEnvironment(op)) {
    command.addOption(
      new Option(
        "-e, --environment <env>",
        "environment: id, Dataverse URL or host, unique name or part of the display name",
      ),
    );
    command.addOption(new Option("--environment-id <env>", "alias of --environment").hideHelp());
  }
  for (const p of op.params ?? []) {
    if (p.positional || p.environment || !p.flag) continue;
    const choices = p.choices ? ` (${p.choices.join(", ")})` : "";
    command.addOption(new Option(`${p.flag} <value>`, `${p.description}${choices}`));
  }
  if (op.body.kind === "flags") {
    for (const f of op.body.fields) {
      const choices = f.choices ? ` (${[...f.choices, ...Object.keys(f.synonyms ?? {})].join(", ")})` : "";
      const required = f.required ? " [required]" : "";
      command.addOption(
        f.type === "boolean"
          ? new Option(f.flag, f.description)
          : new Option(`${f.flag} <value>`, `${f.description}${choices}${required}`),
      );
    }
  }
  if (op.body.kind === "payload" || (op.body.kind === "flags" && op.body.payload)) {
    const required = op.body.kind === "payload" && op.body.required ? " [required]" : "";
    command.addOption(
      new Option("--payload <json>", `request body: JSON, @file.json, or - for stdin${required}`),
    );
  }
  command.addOption(new Option("--cloud <cloud>", CLOUD_HELP));
  command.addOption(
    new Option("--api-version <version>", `api-version to send (default ${op.apiVersion ?? "none"})`),
  );
  if (op.list) {
    command.addOption(new Option("--all", "follow every page (streamed)"));
    command.addOption(new Option("--top <n>", "at most n items").argParser(wholeNumber("--top", { min: 1 })));
    command.addOption(
      new Option("--continuation-token <token>", "start at the page a previous run reported (token or URL)"),
    );
  }
  if (op.longRunning) {
    command.addOption(
      new Option("--wait", `wait until the operation ends${op.waitByDefault ? " (default)" : ""}`),
    );
    command.addOption(new Option("--no-wait", "return once the service accepted the request"));
    command.addOption(
      new Option("--interval <duration>", "time between checks when the service names none (default 2s)")
        .argParser(duration("--interval")),
    );
    command.addOption(
      new Option("--timeout <duration>", "give up waiting after this long, e.g. 90s, 45m, 2h (exit 6)")
        .default(1_800_000, "30m").argParser(duration("--timeout")),
    );
  }
  if (op.validateOnly) {
    command.addOption(new Option("--validate-only", "only validate the request; change nothing"));
  }
  command.addHelpText("after", `\nExample:\n  ${op.example}\n`);
  return command.action(async (...args: unknown[]) => {
    const cmd = args.at(-1) as AnyCommand;
    const options = args.at(-2) as Record<string, unknown>;
    const values = args.slice(0, positionals.length) as (string | undefined)[];
    const ctx = app.context(cmd);
    await runCatalogCommand(ctx, op, values, options);
  });
}

/** What the flags of one catalog command say, before anything is read or resolved. */
export interface CatalogFlags {
  /** The use-case's options (environment, payload and environment-valued fields still unresolved). */
  input: RunOperationOptions;
  /** The environment as typed (ENVIRONMENT argument or -e / --environment-id). */
  environment?: string;
  /** `--payload` as typed (JSON, @file or -). */
  payload?: string;
}

/** Turns commander's parsed arguments and flags into the use-case's options (pure; tested on its own). */
export function catalogFlags(
  op: Operation,
  positionals: (string | undefined)[],
  options: Record<string, unknown>,
): CatalogFlags {
  const params: Record<string, string | undefined> = {};
  let environmentArg: string | undefined;
  (op.params ?? []).filter((p) => p.positional).forEach((p, i) => {
    if (p.environment) environmentArg = positionals[i];
    else params[p.name] = positionals[i];
  });
  for (const p of op.params ?? []) {
    if (p.flag && !p.positional) params[p.name] = options[flagKey(p.flag)] as string | undefined;
  }
  const flagEnv = options.environment as string | undefined ?? options.environmentId as string | undefined;
  if (environmentArg && flagEnv && environmentArg !== flagEnv) {
    throw new UsageError("Give the environment once: as ENVIRONMENT or with -e, not both.");
  }
  const input: RunOperationOptions = {
    params,
    apiVersion: options.apiVersion as string | undefined,
    validateOnly: options.validateOnly === true,
    all: options.all === true,
    top: options.top as number | undefined,
    wait: op.longRunning ? (options.wait as boolean | undefined) ?? op.waitByDefault ?? false : false,
    timeoutMs: options.timeout as number | undefined,
    intervalMs: options.interval as number | undefined,
    continuationToken: options.continuationToken as string | undefined,
  };
  if (op.body.kind === "flags") {
    input.fields = {};
    for (const f of op.body.fields) {
      input.fields[f.flag] = options[flagKey(f.flag)] as string | boolean | undefined;
    }
  }
  return {
    input,
    environment: environmentArg ?? flagEnv,
    payload: options.payload === undefined ? undefined : String(options.payload),
  };
}

/** Reads the payload, resolves environments, confirms destructive operations, runs and renders. */
export async function runCatalogCommand(
  ctx: Context,
  op: Operation,
  positionals: (string | undefined)[],
  options: Record<string, unknown>,
): Promise<void> {
  // What runs an operation (HTTP, paging, polling, rendering) loads when one runs: building the tree for
  // `--help` (and for `ppx auth`, which carries `roles` and `assignments`) needs the catalog only.
  const [
    { runOperation },
    { commandWords },
    { explainForbidden },
    { adminClient, environmentQuery, resolveEnvironment, useCloud },
    { readPayload },
    { renderResult },
  ] = await Promise.all([
    import("../../lib/powerplatform/execute.ts"),
    import("../../lib/powerplatform/request.ts"),
    import("../../lib/powerplatform/forbidden.ts"),
    import("./context.ts"),
    import("./payload.ts"),
    import("./render.ts"),
  ]);
  useCloud(ctx, options.cloud as string | undefined);
  const flags = catalogFlags(op, positionals, options);
  const input = flags.input;
  if (flags.payload !== undefined) input.payload = await readPayload(ctx, flags.payload, op);
  if (op.body.kind === "flags") {
    for (const f of op.body.fields) {
      const v = input.fields?.[f.flag];
      if (f.environment && typeof v === "string") {
        input.fields![f.flag] = (await resolveEnvironment(ctx, v)).id;
      }
    }
  }
  let environmentLabel: string | undefined;
  if (takesEnvironment(op)) {
    const query = await environmentQuery(ctx, flags.environment);
    if (query) {
      const env = await resolveEnvironment(ctx, query);
      input.environmentId = env.id;
      environmentLabel = env.displayName;
    }
  }
  if (op.destructive && !ctx.globals.yes && !input.validateOnly) {
    const target = input.environmentId ? ` (${environmentLabel ?? input.environmentId})` : "";
    const ok = await ctx.prompter.confirm(
      `${commandLine(commandWords(op))}${target}: this cannot be undone. Continue?`,
      {
        flag: "--yes",
      },
    );
    if (!ok) throw new CancelledError("Nothing was changed.");
  }
  const progress = ctx.progress();
  let polls = 0;
  input.onStatus = (status) => progress.update(++polls, undefined, `${status ?? "Running"}; checks:`);
  let next: string | undefined;
  input.onNextPage = (token) => (next = token);
  const client = await adminClient(ctx, op.api);
  let result;
  try {
    result = await runOperation(op, input, { client: () => client, clock: ctx.clock });
  } catch (e) {
    throw explainForbidden(op, e);
  } finally {
    progress.done();
  }
  try {
    await renderResult(ctx, op, result);
  } catch (e) {
    throw explainForbidden(op, e);
  }
  if (result.kind === "items" && next && !input.all) {
    ctx.out.notice(`More: rerun with --all, or --continuation-token '${next}' for the next page.`);
  }
}

/** The distinct child group names directly under a group path. */
function childGroups(catalog: readonly Operation[], path: readonly string[]): string[] {
  const names = new Set<string>();
  for (const op of catalog) {
    if (op.group.length > path.length && path.every((g, i) => op.group[i] === g)) {
      names.add(op.group[path.length]);
    }
  }
  return [...names];
}

/**
 * Builds the command group for a catalog group path, named `name` (an alias group such as `env-group`
 * builds the same subtree under another name), with its sub-groups and any hand-written commands, from
 * the operations of `catalog`.
 */
export function groupCommandOf(
  app: App,
  catalog: readonly Operation[],
  name: string,
  path: readonly string[],
  description: string,
  extra: AnyCommand[] = [],
  descriptions: Record<string, string> = {},
): AnyCommand {
  const group: AnyCommand = new Command(name).description(description);
  for (const command of extra) group.addCommand(command);
  for (const op of catalog) {
    if (op.group.length === path.length && path.every((g, i) => op.group[i] === g)) {
      group.addCommand(operationCommand(app, op));
    }
  }
  for (const child of childGroups(catalog, path)) {
    group.addCommand(
      groupCommandOf(app, catalog, child, [...path, child], descriptions[child] ?? child, [], descriptions),
    );
  }
  return group;
}
