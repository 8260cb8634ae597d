import { assertEquals } from "../helpers/assert.ts";
import { allRecords, startCountingOrg } from "../helpers/bulk.ts";
import { runPpx } from "../helpers/cli.ts";
import { recordChaosRow } from "./_rows.ts";
import { probeRows } from "./bulk_shared.ts";
import { tempDir } from "../helpers/fixtures.ts";

Deno.test("chaos bulk: $batch answers in reverse order, with 5xx: every outcome filed against its own row", async () => {
  await using org = await startCountingOrg({
    batchAnswerOrder: "reverse",
    protection: { errorRate: 0.1, seed: 5, pathPrefix: "/api/data/v9.2/$batch" },
  });
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const n = probeRows();
  // Every fifth row is refused by the service (priority 9 is out of range).
  const lines = ["ppx_code,ppx_name,ppx_priority"];
  for (let i = 1; i <= n; i++) lines.push(`Q-${i},name ${i},${i % 5 === 0 ? 9 : 1}`);
  await Deno.writeTextFile(`${dir}/p.csv`, lines.join("\n") + "\n");
  const result = await runPpx(
    [
      "dv",
      "bulk-csv",
      "ppx_projects",
      "p.csv",
      "--key-columns",
      "ppx_code",
      "--chunk-size",
      "10",
      "--report",
      "r.json",
    ],
    { env: org.env, cwd: dir },
  );
  const report: { row: number; key: string; status: string }[] = JSON.parse(
    await Deno.readTextFile(`${dir}/r.json`),
  );
  const misfiled =
    report.filter((r) => r.key !== `ppx_code=Q-${r.row}` || (r.status === "failed") !== (r.row % 5 === 0))
      .length;
  const stored = await allRecords(org.client, "ppx_projects", ["ppx_code"]);
  const codes = new Set(stored.map((r) => r.ppx_code));
  const expected = n - Math.floor(n / 5);
  await recordChaosRow({
    probe: "bulk: reordered $batch answers + 10% 5xx",
    units: n,
    // Injected 5xx answers plus every answer sent in reverse order.
    faults: org.dv.protection!.stats.injectedErrors + org.batches,
    lost: misfiled + (expected - codes.size),
    duplicated: stored.length - codes.size,
    leaked: 0,
    exit: result.code,
  });
  assertEquals(result.code, 3, result.stderr);
  assertEquals(report.length, n);
  assertEquals(misfiled, 0);
  assertEquals([codes.size, stored.length], [expected, expected]);
});
