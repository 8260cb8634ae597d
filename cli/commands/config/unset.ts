/** `ppx config unset KEY`: remove a setting from the config file. */

import { Command } from "@commander-js/extra-typings";
import { settingDef } from "../../../lib/config/settings.ts";
import type { App } from "../../app.ts";

/** Builds `config unset`. */
export default function unset(app: App) {
  return new Command("unset")
    .description("Remove a setting from the config file")
    .argument("<key>", "setting name (see `ppx config list`)")
    .action(async (key, _options, command) => {
      const ctx = app.context(command);
      const def = settingDef(key);
      const removed = await ctx.configStore.update((doc) => {
        const had = doc[def.fileKey] !== undefined && doc[def.fileKey] !== null;
        if (def.fileKey === "default") doc.default = null;
        else delete doc[def.fileKey];
        return had;
      });
      ctx.out.result(
        { key: def.key, removed },
        removed ? `${def.key} removed from the config file.` : `${def.key} was not set in the file.`,
      );
    });
}
