/** `ppx governance`: cross-tenant connection reports and rule-based policies. */

import type { App } from "../../app.ts";
import { groupCommand } from "../../admin/builder.ts";

/** Builds `governance`. */
export default function governance(app: App) {
  return groupCommand(
    app,
    "governance",
    ["governance"],
    "Governance: cross-tenant connection reports, rule-based policies",
    [],
    {
      report: "Cross-tenant connection reports: submit (--wait), status, list",
      policy: "Rule-based policies: list, get, create, update",
      assignment:
        "Rule-based policy assignments: create, create-group, list, list-by-policy, list-by-environment, list-by-group",
    },
  );
}
