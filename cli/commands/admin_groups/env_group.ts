/** `ppx env-group`: the earlier name of `ppx environment groups`, the same commands. */

import type { App } from "../../app.ts";
import { groupCommand } from "../../admin/builder.ts";

/** Builds `env-group`. */
export default function envGroup(app: App) {
  return groupCommand(app, "env-group", ["environment", "groups"], "Alias of `ppx environment groups`");
}
