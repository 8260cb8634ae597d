/** Starts the emulator with the Dataverse service for tests, with a token for its audience. */

import { type RunningEmulator, startEmulator } from "@pacx/emulator";
import { type DataverseEmulator, dataverseService, type DataverseServiceOptions } from "@pacx/emulator";
import { DataverseClient } from "../../lib/dataverse/client.ts";
import { HttpClient } from "../../lib/http/client.ts";
import { StaticTokenSource } from "../../lib/auth/static_token.ts";

/** A running emulated org. */
export interface TestOrg {
  emu: RunningEmulator;
  dv: DataverseEmulator;
  token: string;
  client: DataverseClient;
  /** Env for runPpx: host and token. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts an emulated org. */
export async function startOrg(options: DataverseServiceOptions = {}): Promise<TestOrg> {
  const dv = dataverseService(options);
  const emu = await startEmulator({ services: [dv] });
  const token = await emu.tokens.issue({ aud: emu.url, oid: "11111111-1111-4111-8111-111111111111" });
  const http = new HttpClient({
    baseUrl: emu.url,
    token: new StaticTokenSource(token),
    retry: { baseDelayMs: 1, maxDelayMs: 50 },
  });
  return {
    emu,
    dv,
    token,
    client: new DataverseClient(http),
    env: { DATAVERSE_HOST: emu.url, PPX_ACCESS_TOKEN: token },
    close: async () => {
      await dv.flush();
      await emu.close();
    },
  };
}
