/** `ppx packages`: application packages (Dynamics 365 apps) of an environment. */

import type { App } from "../../app.ts";
import { groupCommand } from "../../admin/builder.ts";

/** Builds `packages`. */
export default function packages(app: App) {
  return groupCommand(
    app,
    "packages",
    ["packages"],
    "Application packages: list, tenant, install, upgrade, status",
  );
}
