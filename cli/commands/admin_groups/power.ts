/** `ppx power`: the earlier CLI's `power flows` (= `ppx flows`) and `power runs` (= `ppx flows runs`). */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import { groupCommand } from "../../admin/builder.ts";

/** Builds `power`. */
export default function power(app: App) {
  return new Command("power")
    .description("Alias group: `power flows` = `ppx flows`, `power runs` = `ppx flows runs`")
    .addCommand(groupCommand(app, "flows", ["flows"], "Alias of `ppx flows`"))
    .addCommand(groupCommand(app, "runs", ["flows", "runs"], "Alias of `ppx flows runs`"));
}
