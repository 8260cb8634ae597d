/** `ppx rbac`: Power Platform role definitions and role assignments (also `ppx auth roles|assignments`). */

import type { App } from "../../app.ts";
import { groupCommand } from "../../admin/builder.ts";

/** Builds `rbac`. */
export default function rbac(app: App) {
  return groupCommand(
    app,
    "rbac",
    ["rbac"],
    "Role-based access control: role definitions and assignments",
    [],
    {
      roles: "Role definitions: list (create, update, delete kept from the earlier CLI)",
      assignments:
        "Role assignments at tenant, environment group (-group) and environment (-environment) scope",
    },
  );
}

/** `roles` and `assignments` for the earlier `ppx auth roles|assignments` names. */
export function rbacAliases(app: App) {
  return [
    groupCommand(app, "roles", ["rbac", "roles"], "Alias of `ppx rbac roles`"),
    groupCommand(app, "assignments", ["rbac", "assignments"], "Alias of `ppx rbac assignments`"),
  ];
}
