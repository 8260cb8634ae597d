import { assert, assertEquals } from "../helpers/assert.ts";
import { rowsArgv, startCountingOrg } from "../helpers/bulk.ts";
import { runPpx } from "../helpers/cli.ts";
import { recordChaosRow } from "./_rows.ts";
import { lostAndDuplicated, probeRows, rowsCsv } from "./bulk_shared.ts";
import { tempDir } from "../helpers/fixtures.ts";

Deno.test("chaos bulk: 20% 5xx + 10% dropped connections, every row exactly once", async () => {
  await using org = await startCountingOrg({
    protection: { errorRate: 0.2, dropRate: 0.1, dopHint: 4, seed: 11, pathPrefix: "/api/data/v9.2/$batch" },
  });
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const n = probeRows();
  await Deno.writeTextFile(`${dir}/rows.csv`, rowsCsv(n));
  const result = await runPpx(
    [...rowsArgv(10), "--json"],
    { env: org.env, cwd: dir },
  );
  const stats = org.dv.protection!.stats;
  const faults = stats.injectedErrors + stats.droppedConnections;
  const { lost, duplicated } = await lostAndDuplicated(org, n);
  await recordChaosRow({
    probe: "bulk: 20% 5xx + 10% dropped connections",
    units: n,
    faults,
    lost,
    duplicated,
    leaked: 0,
    exit: result.code,
  });
  assertEquals(result.code, 0, result.stderr);
  assertEquals(JSON.parse(result.stdout).succeeded, n);
  assert(stats.injectedErrors > 0 && stats.droppedConnections > 0, JSON.stringify(stats));
  assertEquals([lost, duplicated], [0, 0]);
});
