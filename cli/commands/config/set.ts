/** `ppx config set KEY VALUE`: a setting in the config file. */

import { Command } from "@commander-js/extra-typings";
import { getProfile } from "../../../lib/config/profiles.ts";
import { checkSettingValue, settingDef } from "../../../lib/config/settings.ts";
import type { App } from "../../app.ts";

/** Builds `config set`. */
export default function set(app: App) {
  return new Command("set")
    .description("Store a setting in the config file")
    .argument("<key>", "setting name (see `ppx config list`)")
    .argument("<value>", "the value")
    .action(async (key, raw, _options, command) => {
      const ctx = app.context(command);
      const def = settingDef(key);
      const value = checkSettingValue(def, raw.trim());
      await ctx.configStore.update((doc) => {
        if (def.key === "default_profile") getProfile(doc, value);
        doc[def.fileKey] = value;
      });
      ctx.out.result({ key: def.key, value }, `${def.key} set to ${value}.`);
    });
}
