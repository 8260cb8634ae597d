/** `ppx analytics`: Advisor recommendations. */

import type { App } from "../../app.ts";
import { groupCommand } from "../../admin/builder.ts";

/** Builds `analytics`. */
export default function analytics(app: App) {
  return groupCommand(
    app,
    "analytics",
    ["analytics"],
    "Advisor recommendations: scenarios, actions, resources, recommendations, acknowledge, dismiss, execute",
  );
}
