/**
 * Chaos probe for the admin APIs: backups started and waited for (`environment backup --wait`) while the
 * emulated Power Platform API throttles 30% of requests at random (429, Retry-After 0). Every backup must
 * exist exactly once, every run must exit 0, and the bearer token must never appear in the --debug trace.
 */

import { startTenant } from "../helpers/powerplatform.ts";
import { ServiceProtection } from "@pacx/emulator";
import type { EmulatorService } from "@pacx/emulator";
import { assertEquals } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { chaosScale, recordChaosRow } from "./_rows.ts";

Deno.test("chaos: admin backups with --wait under 30% random 429s: none lost, none duplicated, no leak", async () => {
  const protection = new ServiceProtection({
    errorRate: 0.3,
    errorStatuses: [429],
    errorRetryAfterSeconds: 0,
    seed: 7,
    pathPrefix: "/environmentmanagement/",
  });
  const faults: EmulatorService = {
    name: "faults",
    register: (_router, core) => core.use(protection.middleware),
  };
  await using tenant = await startTenant({ operationDelayMs: 20 }, () => [], [faults]);
  const { pp, env, token } = tenant;
  const runs = 4 * chaosScale();
  let leaked = 0;
  let worstExit = 0;
  for (let i = 0; i < runs; i++) {
    const r = await runPpx(
      [
        "environment",
        "backup",
        "-e",
        "8d0c4f6e-0000-4000-8000-000000000001",
        "--label",
        `b${i}`,
        "--wait",
        "--debug",
      ],
      { env },
    );
    if (r.stderr.includes(token) || r.stdout.includes(token)) leaked++;
    worstExit = Math.max(worstExit, r.code);
  }
  const labels = pp.state.backups.map((b) => b.label);
  const lost = Array.from({ length: runs }, (_, i) => `b${i}`).filter((l) => !labels.includes(l)).length;
  const duplicated = labels.length - new Set(labels).size;
  const row = {
    probe: "admin: backup --wait under 30% random 429s",
    units: runs,
    faults: protection.stats.injectedErrors,
    lost,
    duplicated,
    leaked,
    exit: worstExit,
  };
  await recordChaosRow(row);
  assertEquals({ lost, duplicated, leaked, exit: worstExit }, {
    lost: 0,
    duplicated: 0,
    leaked: 0,
    exit: 0,
  });
});
