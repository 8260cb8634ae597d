/**
 * `ppx auth device NAME` and `ppx auth client NAME`: PACX's old commands, kept as forwards to
 * `ppx auth create --flow device|client-credential` with a notice shown once per config directory.
 */

import { Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { createProfile, mergeAliases, withCreateOptions } from "./create.ts";

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

function forward(app: App, name: "device" | "client", flow: string) {
  return withCreateOptions(
    new Command(name)
      .description(`Deprecated: same as \`ppx auth create NAME --flow ${flow}\``)
      .argument("<name>", "profile name"),
  ).action(async (profile, options, command) => {
    const ctx = app.context(command);
    await noticeOnce(ctx, name, `ppx auth create ${profile} --flow ${flow}`);
    await createProfile(ctx, profile, { ...mergeAliases(options), flow });
  });
}

/** Builds `ppx auth device`. */
export function authDevice(app: App): CommandUnknownOpts {
  return forward(app, "device", "device");
}

/** Builds `ppx auth client`. */
export function authClient(app: App): CommandUnknownOpts {
  return forward(app, "client", "client-credential");
}
