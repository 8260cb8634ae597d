/**
 * Chaos probe: 500 and 429 storms (and dropped connections) on the GETs of `dv list --all`. Every page is
 * read despite them: nothing lost, nothing twice, exit 0. Waits run on a manual clock so the storm costs
 * no wall time.
 */

import { startTestEmulator } from "../helpers/emulator.ts";
import { dataverseService } from "@pacx/emulator";
import { ManualClock } from "../../lib/clock.ts";
import { runPpx } from "../helpers/cli.ts";
import { assertEquals } from "../helpers/assert.ts";
import { chaosScale, recordChaosRow } from "./_rows.ts";

const cases = [
  { name: "500 storm", statuses: [500], errorRate: 0.2, dropRate: 0 },
  { name: "429 storm", statuses: [429], errorRate: 0.2, dropRate: 0 },
  {
    name: "500/502/503/504/429 + dropped connections",
    statuses: [500, 502, 503, 504, 429],
    errorRate: 0.15,
    dropRate: 0.1,
  },
];

for (const c of cases) {
  Deno.test(`chaos net: dv list --all under a ${c.name} on its GETs reads every row once`, async () => {
    const rows = Math.round(200 * chaosScale());
    const dv = dataverseService();
    await using emu = await startTestEmulator({ services: [dv] });
    const table = dv.store.table("account")!;
    for (let i = 0; i < rows; i++) {
      dv.store.insert(table, crypto.randomUUID(), { name: `Storm ${String(i).padStart(6, "0")}` });
    }
    dv.protection!.configure({
      errorRate: c.errorRate,
      errorStatuses: c.statuses,
      errorRetryAfterSeconds: 1,
      dropRate: c.dropRate,
      seed: 7,
    });
    const token = await emu.tokens.issue({ aud: emu.url });
    const r = await runPpx(
      ["dv", "list", "accounts", "--all", "--page-size", "10", "--select", "name", "--json"],
      { env: { DATAVERSE_HOST: emu.url, PPX_ACCESS_TOKEN: token }, clock: new ManualClock() },
    );
    const names: string[] = r.code === 0 ? JSON.parse(r.stdout).map((x: { name: string }) => x.name) : [];
    const unique = new Set(names);
    const stats = dv.protection!.stats;
    const row = {
      probe: `net: dv list --all, ${c.name} on GETs (rows)`,
      units: rows,
      faults: stats.injectedErrors + stats.droppedConnections,
      lost: rows - unique.size,
      duplicated: names.length - unique.size,
      leaked: 0,
      exit: r.code,
    };
    await recordChaosRow(row);
    assertEquals(r.code, 0, r.stderr);
    assertEquals(row.lost, 0);
    assertEquals(row.duplicated, 0);
  });
}
