/** `ppx apps`: canvas apps of an environment, as admin. */

import type { App } from "../../app.ts";
import { groupCommand } from "../../admin/builder.ts";

/** Builds `apps`. */
export default function apps(app: App) {
  return groupCommand(
    app,
    "apps",
    ["apps"],
    "Power Apps: list, show, versions, restore, publish, share, revoke, permissions, set-owner",
  );
}
