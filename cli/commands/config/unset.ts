/** `ppx config unset KEY`: remove a setting from the config file. */

import { Command } from "@commander-js/extra-typings";
import { unsetSetting, type UnsetSettingOptions } from "../../../lib/config/setting_cases.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";

/** Options of `config unset`. */
export type ConfigUnsetOptions = UnsetSettingOptions;

/** Builds `config unset`. */
export default function unset(app: App, runF: RunF<ConfigUnsetOptions> = runConfigUnset) {
  return new Command("unset")
    .description("Remove a setting from the config file")
    .argument("<key>", "setting name (see `ppx config list`)")
    .action(async (key, _options, command) => {
      await runF({ key }, app.context(command));
    });
}

/** Removes the setting and says whether it was there. */
export async function runConfigUnset(options: ConfigUnsetOptions, ctx: Context): Promise<void> {
  const done = await unsetSetting(options, { config: ctx.configStore });
  ctx.out.result(
    done,
    done.removed ? `${done.key} removed from the config file.` : `${done.key} was not set in the file.`,
  );
}
