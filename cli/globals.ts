/** The global flags: declared once on the root command, read by every command through the context. */

import { type Command, Option } from "@commander-js/extra-typings";
import { type Env, envFlag, firstEnv } from "../lib/env.ts";
import { UsageError } from "../lib/errors.ts";
import type { GlobalOptions } from "./context.ts";
import { OUTPUT_FORMATS, type OutputFormat } from "./output/formats.ts";

/** Adds the global flags to the root command. */
export function addGlobalOptions<C extends Command>(program: C): C {
  program
    .addOption(new Option("--profile <name>", "use this profile for this invocation (env: PPX_PROFILE)"))
    .addOption(new Option("--json", "print machine-readable JSON"))
    .addOption(new Option("-o, --output <format>", "output format").choices(OUTPUT_FORMATS))
    .addOption(new Option("--debug", "trace HTTP on stderr, secrets redacted (env: PPX_DEBUG)"))
    .addOption(
      new Option("--color <when>", "colour output").choices(["auto", "always", "never"]).default("auto"),
    )
    .addOption(new Option("-y, --yes", "answer yes to confirmations (destructive operations)"))
    .addOption(new Option("--no-prompt", "never prompt; fail instead (env: PPX_NO_PROMPT)"));
  return program;
}

/** Raw option values as commander hands them over. */
export interface RawGlobals {
  profile?: string;
  json?: boolean;
  output?: string;
  debug?: boolean;
  color?: string;
  yes?: boolean;
  prompt?: boolean;
}

/**
 * PPX_DEBUG when it is set at all (so `PPX_DEBUG=0` turns a legacy PACX_DEBUG off); else PACX_DEBUG, where
 * PACX took any value but `0` as on.
 */
function debugFromEnv(env: Env): boolean {
  if (env.get("PPX_DEBUG") !== undefined) return envFlag(env, "PPX_DEBUG");
  const legacy = env.get("PACX_DEBUG");
  return legacy !== undefined && legacy.trim() !== "0" && legacy.trim() !== "";
}

/** Applies environment defaults to the parsed global flags. */
export function resolveGlobals(raw: RawGlobals, env: Env): GlobalOptions {
  const output = raw.output as OutputFormat | undefined;
  if (output && !OUTPUT_FORMATS.includes(output)) {
    throw new UsageError(`Unknown output format '${output}'.`, {
      hint: `Use one of ${OUTPUT_FORMATS.join(", ")}.`,
    });
  }
  return {
    profile: raw.profile ?? firstEnv(env, "PPX_PROFILE"),
    json: raw.json === true || output === "json",
    output,
    debug: raw.debug === true || debugFromEnv(env),
    color: (raw.color as GlobalOptions["color"]) ?? "auto",
    yes: raw.yes === true,
    prompt: raw.prompt !== false && !envFlag(env, "PPX_NO_PROMPT"),
  };
}
