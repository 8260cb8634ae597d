/** `ppx config list`: every setting, its effective value and where it comes from. */

import { Command } from "@commander-js/extra-typings";
import { listSettings, type ListSettingsOptions } from "../../../lib/config/setting_cases.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import { profileFlag } from "./flags.ts";

/** Options of `config list`. */
export type ConfigListOptions = ListSettingsOptions;

/** Builds `config list`. */
export default function list(app: App, runF: RunF<ConfigListOptions> = runConfigList) {
  return new Command("list")
    .alias("ls")
    .description("List settings with their effective values and sources (flag, env, profile, file, default)")
    .action(async (_options, command) => {
      await runF({ profile: profileFlag(command) }, app.context(command));
    });
}

/** Prints the settings table (or their JSON). */
export async function runConfigList(options: ConfigListOptions, ctx: Context): Promise<void> {
  const rows = listSettings(options, { doc: await ctx.config(), env: ctx.env });
  ctx.out.print(rows, {
    columns: [
      "key",
      "value",
      { key: "source", format: (v, row) => (row.from ? `${v} (${row.from})` : String(v)) },
    ],
  });
}
