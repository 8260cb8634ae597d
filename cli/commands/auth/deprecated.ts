/**
 * `ppx auth device NAME` and `ppx auth client NAME`: PACX's old commands, kept as forwards to
 * `ppx auth create --flow device|client-credential` with a notice shown once per config directory.
 */

import { Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import { type AuthCreateOptions, mergeAliases, runAuthCreate, withCreateOptions } from "./create.ts";

/** Options of a deprecated alias: `auth create`'s, with the flow it stands for and its own name. */
export interface AuthAliasOptions extends AuthCreateOptions {
  /** The old command that was typed. */
  alias: "device" | "client";
}

async function noticeOnce(ctx: Context, command: string, replacement: string): Promise<void> {
  const marker = `${ctx.configStore.paths.dir}/.deprecated-auth-${command}`;
  try {
    await Deno.stat(marker);
    return;
  } catch {
    // not shown yet
  }
  ctx.out.notice(`\`ppx auth ${command}\` is deprecated; use \`${replacement}\`. (shown once)`);
  try {
    await Deno.mkdir(ctx.configStore.paths.dir, { recursive: true });
    await Deno.writeTextFile(marker, "");
  } catch {
    // the notice simply shows again next time
  }
}

/** Says once that the alias is deprecated, then runs `auth create`. */
export async function runAuthAlias(options: AuthAliasOptions, ctx: Context): Promise<void> {
  const { alias, ...create } = options;
  await noticeOnce(ctx, alias, `ppx auth create ${create.name} --flow ${create.flow}`);
  await runAuthCreate(create, ctx);
}

function forward(app: App, name: "device" | "client", flow: string, runF: RunF<AuthAliasOptions>) {
  return withCreateOptions(
    new Command(name)
      .description(`Deprecated: same as \`ppx auth create NAME --flow ${flow}\``)
      .argument("<name>", "profile name"),
  ).action(async (profile, options, command) => {
    await runF({ name: profile, ...mergeAliases(options), flow, alias: name }, app.context(command));
  });
}

/** Builds `ppx auth device`. */
export function authDevice(app: App, runF: RunF<AuthAliasOptions> = runAuthAlias): CommandUnknownOpts {
  return forward(app, "device", "device", runF);
}

/** Builds `ppx auth client`. */
export function authClient(app: App, runF: RunF<AuthAliasOptions> = runAuthAlias): CommandUnknownOpts {
  return forward(app, "client", "client-credential", runF);
}
