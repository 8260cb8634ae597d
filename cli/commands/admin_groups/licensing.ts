/** `ppx licensing`: billing policies, allocations, storage warnings, capacity, ISV contracts. */

import type { App } from "../../app.ts";
import { groupCommand } from "../../admin/builder.ts";

/** Builds `licensing`. */
export default function licensing(app: App) {
  return groupCommand(
    app,
    "licensing",
    ["licensing"],
    "Licensing: billing policies, allocations, storage warnings, capacity, ISV contracts",
    [],
    {
      billing: "Billing policies (pay-as-you-go): list, get, create, update, delete, refresh-provisioning",
      environment: "Environments linked to a billing policy: list, get, add, remove",
      allocations: "Currency and capacity allocations of environments; currency reports",
      currency: "Currency allocations of an environment: get, patch",
      capacity: "Capacity: allocations of an environment, or the tenant's capacity",
      storage: "Storage warning thresholds: list, get, entity",
      isv: "ISV contracts: list, get, create, update, delete",
    },
  );
}
