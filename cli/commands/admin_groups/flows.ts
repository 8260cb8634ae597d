/** `ppx flows`: cloud flows and their runs. */

import type { App } from "../../app.ts";
import { groupCommand } from "../../admin/builder.ts";

/** Builds `flows`. */
export default function flows(app: App) {
  return groupCommand(app, "flows", ["flows"], "Cloud flows: list, get, set-state, delete, run; runs", [], {
    runs: "Runs of a cloud flow: list, get, cancel, diagnostics",
  });
}
