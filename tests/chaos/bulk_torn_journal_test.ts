import { assertEquals } from "../helpers/assert.ts";
import { rowsArgv, startCountingOrg } from "../helpers/bulk.ts";
import { runPpx } from "../helpers/cli.ts";
import { recordChaosRow } from "./_rows.ts";
import { killMidRun, lostAndDuplicated, probeRows, rowsCsv } from "./bulk_shared.ts";

Deno.test("chaos bulk: a torn journal line (kill -9 mid-append): the report accounts for every row", async () => {
  await using org = await startCountingOrg({ protection: { latencyMs: 30, dopHint: 2 } });
  const dir = org.dir;
  const n = probeRows();
  await Deno.writeTextFile(`${dir}/rows.csv`, rowsCsv(n));
  const argv = rowsArgv();
  await killMidRun(org, dir, [...argv, "--concurrency", "1"], Math.floor(n / 4));
  // The kill landed in the middle of an append: the last line is a fragment.
  const journal = `${dir}/rows.csv.ppx-bulk.jsonl`;
  const text = await Deno.readTextFile(journal);
  const lines = text.trimEnd().split("\n");
  await Deno.writeTextFile(journal, [...lines.slice(0, -1), lines.at(-1)!.slice(0, 25)].join("\n"));
  const resumed = await runPpx([...argv, "--resume", "--report", "report.csv", "--json"], {
    env: org.env,
    cwd: dir,
  });
  const report = (await Deno.readTextFile(`${dir}/report.csv`).catch(() => "")).trim().split("\n").slice(1);
  const { lost, duplicated } = await lostAndDuplicated(org, n);
  const summary = resumed.code === 0 ? JSON.parse(resumed.stdout) : { rows: 0, succeeded: 0 };
  await recordChaosRow({
    probe: "bulk: torn journal tail + --resume",
    units: n,
    faults: 1,
    // A row the summary counts but the report lacks is lost to the user.
    lost: lost + Math.abs(summary.rows - report.length),
    duplicated,
    leaked: 0,
    exit: resumed.code,
  });
  assertEquals(resumed.code, 0, resumed.stderr);
  assertEquals([summary.rows, summary.succeeded, report.length], [n, n, n]);
  assertEquals(report.map((l) => Number(l.split(",")[0])), Array.from({ length: n }, (_, i) => i + 1));
  assertEquals([lost, duplicated], [0, 0]);
});
