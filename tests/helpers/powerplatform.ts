/** Starts the emulator with Dataverse and the Power Platform admin APIs, for admin command tests. */

import type { EmulatorService, RunningEmulator } from "@pacx/emulator";
import { startTestEmulator } from "./emulator.ts";
import { dataverseService } from "@pacx/emulator";
import {
  type PowerPlatformEmulator,
  powerPlatformService,
  type PowerPlatformServiceOptions,
} from "@pacx/emulator";

/** A running emulated tenant. */
export interface TestTenant extends AsyncDisposable {
  emu: RunningEmulator;
  pp: PowerPlatformEmulator;
  token: string;
  /** Env for runPpx: the four admin base URLs, a token and a private config directory. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts an emulated tenant; operations finish after `operationDelayMs` (default 50 ms). `extra` adds
 * services built on the admin service (governance, Pages administration); `before` are registered first
 * (their middleware wraps the others, e.g. injected faults).
 */
export async function startTenant(
  options: PowerPlatformServiceOptions = {},
  extra: (pp: PowerPlatformEmulator) => EmulatorService[] = () => [],
  before: EmulatorService[] = [],
): Promise<TestTenant> {
  const dv = dataverseService();
  const pp = powerPlatformService({ operationDelayMs: 50, retryAfterSeconds: 0, ...options });
  const emu = await startTestEmulator({ services: [...before, dv, pp, ...extra(pp)] });
  const token = await emu.tokens.issue({ aud: emu.url, oid: "11111111-1111-4111-8111-111111111111" });
  const dir = await Deno.makeTempDir();
  const close = async () => {
    await dv.flush();
    await emu.close();
    await Deno.remove(dir, { recursive: true });
  };
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
    close,
    [Symbol.asyncDispose]: close,
  };
}
