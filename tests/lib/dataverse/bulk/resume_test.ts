import { ManualClock } from "../../../../lib/clock.ts";
import { type BulkOptions, runBulkCsv } from "../../../../lib/dataverse/bulk/engine.ts";
import { CancelledError, UsageError } from "../../../../lib/errors.ts";
import { assert, assertEquals, assertIncludes, assertRejects } from "../../../helpers/assert.ts";
import { allRecords, type CountingOrg, startCountingOrg } from "../../../helpers/bulk.ts";
import type { DataverseServiceOptions } from "@pacx/emulator";

/** Odd rows carry an alternate key; even rows have none (creates with generated ids). */
function rowsCsv(n: number, edit: (row: number, line: string) => string = (_, l) => l): string {
  const lines = ["accountnumber,name,revenue"];
  for (let i = 1; i <= n; i++) lines.push(edit(i, `${i % 2 ? `R-${i}` : ""},Row ${i},${i}`));
  return lines.join("\n") + "\n";
}

async function withOrg(
  fn: (org: CountingOrg, dir: string) => Promise<void>,
  options: DataverseServiceOptions = {},
) {
  await using org = await startCountingOrg(options);
  const dir = org.dir;
  await fn(org, dir);
}

/** Runs until `after` rows are finished, then cancels (as Ctrl-C would): checkpoint and journal stay. */
async function interrupted(org: CountingOrg, options: BulkOptions, after: number): Promise<void> {
  const stop = new AbortController();
  await assertRejects(
    () =>
      runBulkCsv(org.client, {
        chunkSize: 5,
        concurrency: 1,
        ...options,
        signal: stop.signal,
        onProgress: (done) => {
          if (done >= after) stop.abort();
        },
      }),
    CancelledError,
  );
}

async function assertEveryRowOnce(org: CountingOrg, n: number) {
  const records = await allRecords(org.client, "accounts", ["name"]);
  assertEquals(records.length, n, "no row missing, none created twice");
  assertEquals(new Set(records.map((r) => r.name)).size, n);
}

Deno.test("--resume: each part of the fingerprint is checked; nothing is sent when one differs", async () => {
  await withOrg(async (org, dir) => {
    const file = `${dir}/rows.csv`;
    await Deno.writeTextFile(file, rowsCsv(60));
    const base: BulkOptions = { entitySet: "accounts", file, keyColumns: ["accountnumber"] };
    await interrupted(org, base, 20);
    await Deno.writeTextFile(`${dir}/map.json`, "{}");
    const refused: [string, Partial<BulkOptions>, string][] = [
      ["entity set", { entitySet: "contacts" }, "is for accounts, not contacts"],
      ["mode", { mode: "multiple" }, "mode differ"],
      ["id column", { idColumn: "accountid" }, "idColumn differ"],
      ["key columns", { keyColumns: [] }, "keyColumns differ"],
      ["map", { map: { name: "description" } }, "map differ"],
      ["empty as null", { emptyAsNull: true }, "emptyAsNull differ"],
      ["create if missing", { createIfMissing: false }, "createIfMissing differ"],
      ["encoding", { encoding: "windows-1252" }, "encoding differ"],
    ];
    const before = org.batches;
    for (const [part, change, message] of refused) {
      void part;
      const error = await assertRejects(
        () => runBulkCsv(org.client, { ...base, ...change, resume: true }),
        UsageError,
      );
      assertIncludes(error.message, message, part);
    }
    // The file: its header, and every row the first run applied.
    await Deno.writeTextFile(
      file,
      rowsCsv(60).replace("accountnumber,name,revenue", "accountnumber,name,Revenue"),
    );
    assertIncludes(
      (await assertRejects(() => runBulkCsv(org.client, { ...base, resume: true }), UsageError)).message,
      "header changed",
    );
    await Deno.writeTextFile(
      file,
      rowsCsv(60, (row, line) => row === 3 ? line.replace("Row 3", "Row three") : line),
    );
    assertIncludes(
      (await assertRejects(() => runBulkCsv(org.client, { ...base, resume: true }), UsageError)).message,
      "Row 3 of",
    );
    assertEquals(org.batches, before, "a refused resume sends nothing");

    // A changed row the first run had not reached is fine, and so is another --chunk-size (every row is its
    // own idempotent upsert, so regrouping them cannot apply one twice).
    await Deno.writeTextFile(
      file,
      rowsCsv(60, (row, line) => row === 55 ? line.replace("Row 55", "Row 55b") : line),
    );
    const s = await runBulkCsv(org.client, { ...base, resume: true, chunkSize: 7, concurrency: 3 });
    assert(s.resumedRows >= 20, `${s.resumedRows}`);
    assertEquals([s.rows, s.succeeded, s.failed], [60, 60, 0]);
    await assertEveryRowOnce(org, 60);
    assertEquals((await org.client.get("accounts", { key: { accountnumber: "R-55" } })).name, "Row 55b");
  });
});

Deno.test("a CSV error met while sending: partial success, report and checkpoint kept; fix it and --resume", async () => {
  await withOrg(async (org, dir) => {
    const file = `${dir}/rows.csv`;
    const broken = rowsCsv(300, (row, line) => row === 200 ? line.replace("Row 200", 'Row "200') : line);
    await Deno.writeTextFile(file, broken);
    const base: BulkOptions = { entitySet: "accounts", file, keyColumns: ["accountnumber"], chunkSize: 10 };
    // The validating pass stops it before anything is sent.
    await assertRejects(() => runBulkCsv(org.client, { ...base, report: `${dir}/r.csv` }), Error);
    assertEquals(org.batches, 0);
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["rows.csv"]);
    // Without it (the safety net): what was applied stands and is recorded.
    const first = await runBulkCsv(org.client, { ...base, prevalidate: false, report: `${dir}/r.csv` });
    assertEquals(first.stopped?.row, 200);
    assertIncludes(first.stopped!.message, "line 201");
    assertEquals([first.rows, first.succeeded], [199, 199]);
    const report = (await Deno.readTextFile(`${dir}/r.csv`)).trim().split("\n");
    assertEquals(report.length, 200, "the header and every applied row");
    assert(
      first.checkpoint && (await Deno.stat(first.checkpoint)).isFile,
      "the checkpoint stays for --resume",
    );
    // Fixed, the load continues where it stopped, and keyless rows are not created again.
    await Deno.writeTextFile(file, rowsCsv(300));
    const resumed = await runBulkCsv(org.client, { ...base, resume: true, report: `${dir}/r.csv` });
    assertEquals([resumed.rows, resumed.succeeded, resumed.resumedRows], [300, 300, 199]);
    await assertEveryRowOnce(org, 300);
    assertEquals((await Deno.readTextFile(`${dir}/r.csv`)).trim().split("\n").length, 301);
  });
});

Deno.test("starting over (checkpoint deleted) or loading the same file again creates nothing twice", async () => {
  await withOrg(async (org, dir) => {
    const file = `${dir}/rows.csv`;
    await Deno.writeTextFile(file, rowsCsv(80));
    const base: BulkOptions = { entitySet: "accounts", file, keyColumns: ["accountnumber"] };
    await interrupted(org, base, 30);
    await Deno.remove(`${file}.ppx-bulk.json`);
    await Deno.remove(`${file}.ppx-bulk.jsonl`);
    const again = await runBulkCsv(org.client, base);
    assertEquals(again.succeeded, 80);
    await assertEveryRowOnce(org, 80);
    await runBulkCsv(org.client, base);
    await assertEveryRowOnce(org, 80);
  });
});

Deno.test("a torn journal line: the resumed run's report accounts for every row; journal 0600", async () => {
  await withOrg(async (org, dir) => {
    const file = `${dir}/rows.csv`;
    await Deno.writeTextFile(file, rowsCsv(50));
    const base: BulkOptions = { entitySet: "accounts", file, keyColumns: ["accountnumber"] };
    await interrupted(org, base, 10);
    const journal = `${file}.ppx-bulk.jsonl`;
    if (Deno.build.os !== "windows") assertEquals((await Deno.stat(journal)).mode! & 0o777, 0o600);
    const lines = (await Deno.readTextFile(journal)).trimEnd().split("\n");
    // kill -9 in the middle of appending the last line.
    await Deno.writeTextFile(journal, lines.slice(0, -1).join("\n") + "\n" + lines.at(-1)!.slice(0, 20));
    const s = await runBulkCsv(org.client, { ...base, resume: true, report: `${dir}/r.json` });
    const report = JSON.parse(await Deno.readTextFile(`${dir}/r.json`));
    assertEquals([s.rows, s.succeeded, report.length], [50, 50, 50]);
    assertEquals(report.map((r: { row: number }) => r.row), Array.from({ length: 50 }, (_, i) => i + 1));
    await assertEveryRowOnce(org, 50);
  });
});

Deno.test("answers in reverse order are filed against the right rows (Content-ID, not position)", async () => {
  await withOrg(async (org, dir) => {
    const lines = ["ppx_code,ppx_name,ppx_priority"];
    for (let i = 1; i <= 30; i++) lines.push(`C-${i},n${i},${i % 4 === 0 ? 9 : 1}`);
    await Deno.writeTextFile(`${dir}/p.csv`, lines.join("\n"));
    const s = await runBulkCsv(org.client, {
      entitySet: "ppx_projects",
      file: `${dir}/p.csv`,
      keyColumns: ["ppx_code"],
      chunkSize: 10,
      report: `${dir}/r.json`,
    });
    assertEquals([s.succeeded, s.failed], [23, 7]);
    const report = JSON.parse(await Deno.readTextFile(`${dir}/r.json`));
    const failedRows = report.filter((r: { status: string }) => r.status === "failed").map((
      r: { row: number },
    ) => r.row);
    assertEquals(failedRows, [4, 8, 12, 16, 20, 24, 28]);
    for (const r of report) assertEquals(r.key, `ppx_code=C-${r.row}`);
  }, { batchAnswerOrder: "reverse" });
});

Deno.test("a ManualClock drives pacing: 30 s Retry-After waits take no real time", async () => {
  await withOrg(async (org, dir) => {
    await Deno.writeTextFile(`${dir}/rows.csv`, rowsCsv(40));
    const clock = new ManualClock();
    const started = performance.now();
    const s = await runBulkCsv(org.client, {
      entitySet: "accounts",
      file: `${dir}/rows.csv`,
      keyColumns: ["accountnumber"],
      chunkSize: 4,
      clock,
    });
    assertEquals(s.succeeded, 40);
    assert(s.concurrency.throttled > 0, "the run was throttled");
    assert(clock.sleeps.some((ms) => ms >= 29_000), `${clock.sleeps.filter((ms) => ms > 100)}`);
    assert(performance.now() - started < 10_000, "no real 30 s wait");
    assert(s.durationMs >= 30_000, "the summary's time is the clock's");
    await assertEveryRowOnce(org, 40);
  }, {
    protection: {
      errorRate: 0.3,
      errorStatuses: [429],
      errorRetryAfterSeconds: 30,
      seed: 3,
      pathPrefix: "/api/data/v9.2/$batch",
    },
  });
});
