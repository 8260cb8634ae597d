/** `ppx config set KEY VALUE`: a setting in the config file. */

import { Command } from "@commander-js/extra-typings";
import { setSetting, type SetSettingOptions } from "../../../lib/config/setting_cases.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";

/** Options of `config set`. */
export type ConfigSetOptions = SetSettingOptions;

/** Builds `config set`. */
export default function set(app: App, runF: RunF<ConfigSetOptions> = runConfigSet) {
  return new Command("set")
    .description("Store a setting in the config file")
    .argument("<key>", "setting name (see `ppx config list`)")
    .argument("<value>", "the value")
    .action(async (key, value, _options, command) => {
      await runF({ key, value }, app.context(command));
    });
}

/** Stores the setting and confirms it. */
export async function runConfigSet(options: ConfigSetOptions, ctx: Context): Promise<void> {
  const done = await setSetting(options, { config: ctx.configStore });
  ctx.out.result(done, `${done.key} set to ${done.value}.`);
}
