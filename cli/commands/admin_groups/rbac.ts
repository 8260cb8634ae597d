/**
 * `ppx rbac`: Power Platform role definitions and role assignments (also `ppx auth roles|assignments`).
 * Built from the RBAC operations alone (every operation of the `rbac` group is one of them), so `ppx auth`
 * loads no other area's catalog.
 */

import type { App } from "../../app.ts";
import { groupCommandOf } from "../../admin/operation_command.ts";
import { RBAC_OPERATIONS } from "../../../lib/powerplatform/catalog/rbac.ts";

/** Builds `rbac`. */
export default function rbac(app: App) {
  return groupCommandOf(
    app,
    RBAC_OPERATIONS,
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
    groupCommandOf(app, RBAC_OPERATIONS, "roles", ["rbac", "roles"], "Alias of `ppx rbac roles`"),
    groupCommandOf(
      app,
      RBAC_OPERATIONS,
      "assignments",
      ["rbac", "assignments"],
      "Alias of `ppx rbac assignments`",
    ),
  ];
}
