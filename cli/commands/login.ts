/**
 * `ppx login [PROFILE] [--provider azure|github] [...]`: one entry point for signing in. It picks the
 * provider (the flag, else the named or default profile's provider, else a question on a terminal) and
 * hands every other argument to that provider's own command — `ppx auth github` or the Azure sign-in
 * `ppx auth login` — parsed by that command itself, so no sign-in logic lives here.
 */

import { Command, type CommandUnknownOpts, Option } from "@commander-js/extra-typings";
import { chooseProvider } from "../../lib/auth/provider_choice.ts";
import type { Provider } from "../../lib/config/schema.ts";
import { UsageError } from "../../lib/errors.ts";
import type { App } from "../app.ts";
import type { Context } from "../context.ts";
import type { RunF } from "../kit/leaf.ts";
import { addGlobalOptions } from "../globals.ts";
import { configureTree } from "../tree.ts";

/** The subcommand of `ppx auth` that signs in with each provider. */
export const LOGIN_TARGETS: Record<Provider, string> = { azure: "login", github: "github" };

const HELP = `
Routing:
  1. --provider azure|github, when given;
  2. else Azure when an option only \`ppx auth create\` has is given (--tenant-id, --flow, ...);
  3. else the provider of PROFILE (or of --profile / the default profile) when it exists;
  4. else ppx asks on a terminal, and fails without one (pass --provider).
An Azure sign-in with \`ppx auth create\`'s options creates the profile, as PACX's \`ppx login\` did.
Every other option goes to the provider's command unchanged: see \`ppx auth github --help\` and
\`ppx auth login --help\` for them.

Examples:
  ppx login work --provider github --client-id Iv1.0123456789abcdef
  ppx login work --tenant-id contoso.onmicrosoft.com --client-id $APP   # = ppx auth create work ...
  ppx login work                      # re-authenticate 'work' with the provider it already uses
  ppx login --provider azure          # same as: ppx auth login
`;

/** Splits `--provider X` / `--provider=X` out of raw arguments. */
export function takeProvider(args: string[]): { provider?: string; rest: string[] } {
  const rest: string[] = [];
  let provider: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--provider") provider = args[++i];
    else if (arg.startsWith("--provider=")) provider = arg.slice("--provider=".length);
    else rest.push(arg);
  }
  return { provider, rest };
}

/** The first operand of `args`, skipping the values of options that take one. */
export function firstOperand(args: string[], valued: Set<string>): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") return args[i + 1];
    if (arg.startsWith("-")) {
      if (!arg.includes("=") && valued.has(arg)) i++;
      continue;
    }
    return arg;
  }
  return undefined;
}

function valuedFlags(command: CommandUnknownOpts): Set<string> {
  const out = new Set<string>();
  for (const option of command.options) {
    if (!option.required && !option.optional) continue;
    if (option.long) out.add(option.long);
    if (option.short) out.add(option.short);
  }
  return out;
}

function longFlags(command: CommandUnknownOpts | undefined): Set<string> {
  const out = new Set<string>();
  for (const option of command?.options ?? []) {
    if (option.long) out.add(option.long);
    if (option.short) out.add(option.short);
  }
  return out;
}

/**
 * Which of `args` only `auth create` takes: `any` (not `auth login`'s), `azureOnly` (not `auth github`'s
 * either, so they can only mean an Azure profile, e.g. --tenant-id).
 */
export function createOnlyFlags(
  authGroup: CommandUnknownOpts,
  args: string[],
): { any: boolean; azureOnly: boolean } {
  const sub = (name: string) =>
    authGroup.commands.find((c) => c.name() === name) as CommandUnknownOpts | undefined;
  const create = longFlags(sub("create"));
  const login = longFlags(sub("login"));
  const github = longFlags(sub("github"));
  let any = false;
  let azureOnly = false;
  for (const arg of args) {
    const flag = arg.split("=")[0];
    if (!flag.startsWith("-") || !create.has(flag) || login.has(flag)) continue;
    any = true;
    if (!github.has(flag)) azureOnly = true;
  }
  return { any, azureOnly };
}

/** Options of `ppx login`: the provider asked for and every other argument, for the provider's command. */
export interface LoginOptions {
  /** `--provider`, as typed (checked by the run). */
  provider?: string;
  /** The rest of the command line, unparsed: the provider's own command parses it. */
  args: string[];
}

/** Builds `ppx login`. */
export default function login(
  app: App,
  runF: RunF<LoginOptions> = (options, ctx) => runLogin(app, options, ctx),
) {
  return new Command("login")
    .description("Sign in with Azure or GitHub (routes to `ppx auth login` or `ppx auth github`)")
    .usage("[profile] [--provider azure|github] [options of the provider's command]")
    .addOption(new Option("--provider <name>", "identity provider").choices(["azure", "github"]))
    .allowUnknownOption()
    .allowExcessArguments()
    .helpOption("-h, --help", "show this help (the provider's options: ppx auth github --help)")
    .addHelpText("after", HELP)
    .action(async (options, command) => {
      const taken = takeProvider(command.args);
      await runF({ provider: options.provider ?? taken.provider, args: taken.rest }, app.context(command));
    });
}

/**
 * Picks the provider (lib `chooseProvider`) and runs that provider's `ppx auth` command on the rest, in
 * the same app (so it shares this invocation's context and global flags).
 */
export async function runLogin(app: App, options: LoginOptions, ctx: Context): Promise<void> {
  const flagged = options.provider;
  if (flagged !== undefined && flagged !== "azure" && flagged !== "github") {
    throw new UsageError(`Unknown provider '${flagged}'.`, {
      hint: "Use --provider azure or --provider github.",
    });
  }
  const authGroup: CommandUnknownOpts = (await import("./auth/mod.ts")).default(app);
  const valued = new Set<string>();
  for (const sub of authGroup.commands) for (const f of valuedFlags(sub)) valued.add(f);
  const create = createOnlyFlags(authGroup, options.args);
  const provider = await chooseProvider({
    provider: flagged,
    entraOnly: create.azureOnly,
    profile: firstOperand(options.args, valued) ?? ctx.globals.profile,
  }, {
    config: ctx.configStore,
    ask: () =>
      ctx.prompter.select<Provider>("Sign in with which identity provider?", [
        { value: "azure", name: "Azure (Microsoft Entra ID)" },
        { value: "github", name: "GitHub" },
      ], { flag: "--provider azure|github" }),
  });

  // With `auth create`'s own flags (PACX's alias), an Azure sign-in creates the profile.
  const target = provider === "azure" && create.any ? "create" : LOGIN_TARGETS[provider];
  if (!authGroup.commands.some((c) => c.name() === target)) {
    throw new UsageError(`Signing in with ${provider} is not available in this build of ppx.`, {
      hint: "Use --provider github, or update ppx.",
    });
  }
  // The provider's own command parses the rest, exactly as if `ppx auth <target> ...` had been typed.
  const root = addGlobalOptions(new Command("ppx"));
  root.addCommand(authGroup);
  configureTree(root, ctx.io);
  await root.parseAsync(["auth", target, ...options.args], { from: "user" });
}
