/** Starts the emulator with Dataverse and the Power Platform admin APIs, for admin command tests. */

import { type RunningEmulator, startEmulator } from "../../emulator/server.ts";
import { dataverseService } from "../../emulator/dataverse/service.ts";
import {
  type PowerPlatformEmulator,
  powerPlatformService,
  type PowerPlatformServiceOptions,
} from "../../emulator/powerplatform/mod.ts";

/** A running emulated tenant. */
export interface TestTenant {
  emu: RunningEmulator;
  pp: PowerPlatformEmulator;
  token: string;
  /** Env for runPpx: the four admin base URLs, a token and a private config directory. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts an emulated tenant; operations finish after `operationDelayMs` (default 50 ms). */
export async function startTenant(options: PowerPlatformServiceOptions = {}): Promise<TestTenant> {
  const dv = dataverseService();
  const pp = powerPlatformService({ operationDelayMs: 50, retryAfterSeconds: 0, ...options });
  const emu = await startEmulator({ services: [dv, pp] });
  const token = await emu.tokens.issue({ aud: emu.url, oid: "11111111-1111-4111-8111-111111111111" });
  const dir = await Deno.makeTempDir();
  return {
    emu,
    pp,
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
