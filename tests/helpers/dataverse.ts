/**
 * `startOrg`: the one factory for an emulated Dataverse org in tests (optionally with the solution endpoints,
 * extra services and a manual clock), with a token for its audience, a client, the env for `runPpx`, and a
 * temp working directory. Dispose it (`await using org = await startOrg()`): the emulator stops, the
 * directory goes, and a request to a route the emulator does not know fails the test.
 */

import {
  type DataverseEmulator,
  dataverseService,
  type DataverseServiceOptions,
  type EmulatorService,
  type RunningEmulator,
  type SolutionsEmulator,
  solutionsService,
  type SolutionsServiceOptions,
} from "@pacx/emulator";
import { startTestEmulator } from "./emulator.ts";
import { ManualClock } from "../../lib/clock.ts";
import { DataverseClient } from "../../lib/dataverse/client.ts";
import { HttpClient } from "../../lib/http/client.ts";
import { StaticTokenSource } from "../../lib/auth/static_token.ts";
import { type RunOptions, runPpx, type RunResult } from "./cli.ts";

/** What a test org adds to the Dataverse service's own options. */
export interface OrgOptions extends DataverseServiceOptions {
  /** Also host the solution endpoints (with these timings). */
  solutions?: SolutionsServiceOptions | true;
  /** Services registered before Dataverse (their middleware wraps it). */
  services?: EmulatorService[];
  /** A clock shared by the emulator and `run` (a ManualClock is made when `true`). */
  clock?: ManualClock | true;
  /** Lifetime of the org's token in seconds (default one hour). */
  tokenLifetime?: number;
}

/** A running emulated org. */
export interface TestOrg extends AsyncDisposable {
  emu: RunningEmulator;
  dv: DataverseEmulator;
  /** The solution endpoints, when asked for. */
  sol: SolutionsEmulator;
  /** The manual clock, when asked for. */
  clock: ManualClock;
  token: string;
  client: DataverseClient;
  /** Env for runPpx: host and token. */
  env: Record<string, string>;
  /** A temp working directory (`run` uses it as cwd). */
  dir: string;
  /** Runs ppx in-process against this org, in `dir`. */
  run(argv: string[], extra?: RunOptions): Promise<RunResult>;
  close(): Promise<void>;
}

/** Starts an emulated org; dispose it or call `close()`. */
export async function startOrg(options: OrgOptions = {}): Promise<TestOrg> {
  const { solutions, services = [], clock: clockOption, tokenLifetime, ...dvOptions } = options;
  const clock = clockOption === true ? new ManualClock() : clockOption;
  const dv = dataverseService(dvOptions);
  const sol = solutions ? solutionsService(dv, solutions === true ? {} : solutions) : undefined;
  const emu = await startTestEmulator({
    services: [...services, dv, ...(sol ? [sol] : [])],
    now: clock ? () => clock.now() : undefined,
  });
  const token = await emu.tokens.issue({
    aud: emu.url,
    oid: "11111111-1111-4111-8111-111111111111",
    ...(tokenLifetime ? { expiresIn: tokenLifetime } : {}),
  });
  const http = new HttpClient({
    baseUrl: emu.url,
    token: new StaticTokenSource(token),
    retry: { baseDelayMs: 1, maxDelayMs: 50 },
  });
  const dir = await Deno.makeTempDir({ prefix: "ppx-org-" });
  const env = { DATAVERSE_HOST: emu.url, PPX_ACCESS_TOKEN: token };
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await dv.flush();
    await emu.close();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  };
  return {
    emu,
    dv,
    get sol(): SolutionsEmulator {
      if (!sol) throw new Error("startOrg: pass { solutions: true } to host the solution endpoints");
      return sol;
    },
    get clock(): ManualClock {
      if (!clock) throw new Error("startOrg: pass { clock: true } for a manual clock");
      return clock;
    },
    token,
    client: new DataverseClient(http),
    env,
    dir,
    run: (argv, extra = {}) =>
      runPpx(argv, { cwd: dir, ...(clock ? { clock } : {}), ...extra, env: { ...env, ...extra.env } }),
    close,
    [Symbol.asyncDispose]: close,
  };
}
