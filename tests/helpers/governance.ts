/** Starts the emulator with Dataverse, the part-1 admin APIs and the governance APIs, for part-2 tests. */

import { pagesAdminService, startEmulator } from "@pacx/emulator";
import { dataverseService } from "@pacx/emulator";
import { powerPlatformService } from "@pacx/emulator";
import { type GovernanceEmulator, governanceService } from "@pacx/emulator";
import type { TestTenant } from "./powerplatform.ts";

/** A running emulated tenant with the governance APIs. */
export interface GovernanceTenant extends TestTenant {
  gov: GovernanceEmulator;
}

/** Starts the tenant; operations finish after 50 ms and Retry-After is 0. */
export async function startGovernanceTenant(): Promise<GovernanceTenant> {
  const dv = dataverseService();
  const pp = powerPlatformService({ operationDelayMs: 50, retryAfterSeconds: 0 });
  const gov = governanceService({ powerPlatform: pp, operationDelayMs: 50, retryAfterSeconds: 0 });
  // Power Pages site administration is part of the catalog too; its routes live in their own service.
  const emu = await startEmulator({ services: [dv, pp, gov, pagesAdminService(pp)] });
  const token = await emu.tokens.issue({ aud: emu.url, oid: "11111111-1111-4111-8111-111111111111" });
  const dir = await Deno.makeTempDir();
  return {
    emu,
    pp,
    gov,
    token,
    env: {
      PPX_ACCESS_TOKEN: token,
      PPX_CONFIG_DIR: dir,
      PPX_POWERPLATFORM_URL: emu.url,
      PPX_BAP_URL: emu.url,
      PPX_POWERAPPS_URL: emu.url,
      PPX_FLOW_URL: emu.url,
    },
    close: async () => {
      await dv.flush();
      await emu.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}
