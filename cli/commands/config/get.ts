/** `ppx config get KEY`: a setting's effective value (exit 1 when unset, like `git config`). */

import { Command } from "@commander-js/extra-typings";
import { getSetting, type GetSettingOptions } from "../../../lib/config/setting_cases.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import { profileFlag } from "./flags.ts";

/** Options of `config get`. */
export type ConfigGetOptions = GetSettingOptions;

/** Builds `config get`. */
export default function get(app: App, runF: RunF<ConfigGetOptions> = runConfigGet) {
  return new Command("get")
    .description("Print a setting's effective value (exit 1 when it is not set)")
    .argument("<key>", "setting name (see `ppx config list`)")
    .action(async (key, _options, command) => {
      await runF({ key, profile: profileFlag(command) }, app.context(command));
    });
}

/** Prints the value (or says it is unset and concludes "failed"). */
export async function runConfigGet(options: ConfigGetOptions, ctx: Context): Promise<void> {
  const resolved = getSetting(options, { doc: await ctx.config(), env: ctx.env });
  ctx.out.result(resolved, (r, out) => {
    if (r.value !== null) out.print(r.value);
    else out.notice(`${r.key} is not set.`);
  });
  if (resolved.value === null) ctx.conclude("failed");
}
