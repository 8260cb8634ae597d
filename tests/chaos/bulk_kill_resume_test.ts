import { assert, assertEquals } from "../helpers/assert.ts";
import { rowsArgv, startCountingOrg } from "../helpers/bulk.ts";
import { runPpx } from "../helpers/cli.ts";
import { recordChaosRow } from "./_rows.ts";
import { killMidRun, lostAndDuplicated, probeRows, rowsCsv } from "./bulk_shared.ts";

Deno.test("chaos bulk: kill -9 mid-run, then --resume: nothing lost, nothing twice, finished rows not resent", async () => {
  await using org = await startCountingOrg({ protection: { latencyMs: 30, dopHint: 2 } });
  const dir = org.dir;
  const n = probeRows();
  await Deno.writeTextFile(`${dir}/rows.csv`, rowsCsv(n));
  const argv = rowsArgv();
  const finished = await killMidRun(org, dir, [...argv, "--concurrency", "1"], Math.floor(n / 4));
  assert(finished > 0 && finished < n, `killed mid-run (${finished} rows finished)`);
  org.applied.clear();
  const resumed = await runPpx([...argv, "--resume", "--report", "report.json", "--json"], {
    env: org.env,
    cwd: dir,
  });
  const { lost, duplicated } = await lostAndDuplicated(org, n);
  // Rows the journal had finished must not be sent again; rows in flight at the kill are sent once more.
  const resent = [...org.applied.values()].reduce((a, b) => a + b, 0) - (n - finished);
  await recordChaosRow({
    probe: "bulk: kill -9 mid-run + --resume",
    units: n,
    faults: 1,
    lost,
    duplicated,
    leaked: 0,
    exit: resumed.code,
  });
  assertEquals(resumed.code, 0, resumed.stderr);
  const summary = JSON.parse(resumed.stdout);
  assertEquals([summary.rows, summary.succeeded, summary.resumedRows], [n, n, finished]);
  assertEquals(resent, 0, "each row the journal did not have is sent once; the others not at all");
  assertEquals(JSON.parse(await Deno.readTextFile(`${dir}/report.json`)).length, n);
  assertEquals([lost, duplicated], [0, 0]);
});
