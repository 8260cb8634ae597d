/** `ppx app`: the earlier CLI's `app admin` (= `ppx apps`) and `app pkgs` (= `ppx packages`). */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import { groupCommand } from "../../admin/builder.ts";

/** Builds `app`. */
export default function appGroup(app: App) {
  return new Command("app")
    .description("Alias group: `app admin` = `ppx apps`, `app pkgs` = `ppx packages`")
    .addCommand(groupCommand(app, "admin", ["apps"], "Alias of `ppx apps`"))
    .addCommand(groupCommand(app, "pkgs", ["packages"], "Alias of `ppx packages`"));
}
