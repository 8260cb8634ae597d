/** `ppx config path`: the config file and what chose its directory. */

import { Command } from "@commander-js/extra-typings";
import { configLocation, type ConfigLocationOptions } from "../../../lib/config/setting_cases.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";

/** Options of `config path`: none. */
export type ConfigPathOptions = ConfigLocationOptions;

/** Builds `config path`. */
export default function path(app: App, runF: RunF<ConfigPathOptions> = runConfigPath) {
  return new Command("path")
    .description("Print the config file path (PPX_CONFIG_DIR, else PACX_HOME, else ~/.pacx)")
    .action(async (_options, command) => {
      await runF({}, app.context(command));
    });
}

/** Prints the file path (people) or `{ file, dir, source }`. */
export function runConfigPath(options: ConfigPathOptions, ctx: Context): Promise<void> {
  ctx.out.result(configLocation(options, { paths: ctx.configStore.paths }), (p, out) => out.print(p.file));
  return Promise.resolve();
}
