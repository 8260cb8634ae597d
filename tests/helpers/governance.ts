/** Starts the emulator with Dataverse, the part-1 admin APIs and the governance APIs, for part-2 tests. */

import { type GovernanceEmulator, governanceService, pagesAdminService } from "@pacx/emulator";
import { startTenant, type TestTenant } from "./powerplatform.ts";

/** A running emulated tenant with the governance APIs. */
export interface GovernanceTenant extends TestTenant {
  gov: GovernanceEmulator;
}

/** Starts the tenant; operations finish after 50 ms and Retry-After is 0. */
export async function startGovernanceTenant(): Promise<GovernanceTenant> {
  let gov: GovernanceEmulator | undefined;
  // Power Pages site administration is part of the catalog too; its routes live in their own service.
  const tenant = await startTenant({}, (pp) => {
    gov = governanceService({ powerPlatform: pp, operationDelayMs: 50, retryAfterSeconds: 0 });
    return [gov, pagesAdminService(pp)];
  });
  return { ...tenant, gov: gov! };
}
