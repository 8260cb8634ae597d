import { assert, assertEquals, assertIncludes } from "../helpers/assert.ts";
import { baseEnv, PPX_PERMISSIONS, ROOT, runPpx } from "../helpers/cli.ts";
import { allRecords, killMidRun, rowsArgv, rowsCsv, startCountingOrg } from "../helpers/bulk.ts";
import { tempDir } from "../helpers/fixtures.ts";

Deno.test("ppx dv bulk-csv under 30% 429s, 2% 503s and 1% dropped connections: every row exactly once", async () => {
  await using org = await startCountingOrg({
    protection: {
      errorRate: 0.32,
      errorStatuses: [...Array(15).fill(429), 503],
      errorRetryAfterSeconds: 1,
      dropRate: 0.01,
      dopHint: 4,
      seed: 7,
      // Faults hit the bulk requests; metadata reads are covered by the HTTP client's own retry tests.
      pathPrefix: "/api/data/v9.2/$batch",
    },
  });
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const n = 300;
  await Deno.writeTextFile(`${dir}/rows.csv`, rowsCsv(n, "bulk"));
  const result = await runPpx([...rowsArgv(15), "--report", "report.csv", "--json"], {
    env: org.env,
    cwd: dir,
  });
  assertEquals(result.code, 0, result.stderr);
  const summary = JSON.parse(result.stdout);
  assertEquals([summary.rows, summary.succeeded, summary.failed], [n, n, 0]);
  const stats = org.dv.protection!.stats;
  assert(stats.injectedErrors > 3, `faults were injected: ${JSON.stringify(stats)}`);
  assert(summary.throttled > 0, "the run saw 429s");

  const records = await allRecords(org.client, "accounts", ["name", "revenue"]);
  assertEquals(records.length, n, "no row missing, none twice");
  const names = new Set(records.map((r) => r.name));
  assertEquals(names.size, n);
  assertEquals(records.find((r) => r.name === "Row 7, bulk")?.revenue, 7);

  const report = (await Deno.readTextFile(`${dir}/report.csv`)).trim().split("\n").slice(1);
  assertEquals(report.length, n);
  assertEquals(report.map((l) => Number(l.split(",")[0])), Array.from({ length: n }, (_, i) => i + 1));
  assert(report.every((l) => l.includes(",succeeded,")), report.find((l) => !l.includes(",succeeded,")));
});

Deno.test("ppx dv bulk-csv --resume after kill -9 finishes the rest without resending finished rows", async () => {
  await using org = await startCountingOrg({ protection: { latencyMs: 100, dopHint: 2 } });
  const dir = org.dir;
  const n = 400;
  await Deno.writeTextFile(`${dir}/rows.csv`, rowsCsv(n, "bulk"));
  const argv = rowsArgv();
  await killMidRun(org, dir, [...argv, "--concurrency", "1"], 60);
  const journal = `${dir}/rows.csv.ppx-bulk.jsonl`;

  const finished = new Set<string>();
  for (const line of (await Deno.readTextFile(journal)).split("\n")) {
    try {
      finished.add(JSON.parse(line).key);
    } catch { /* torn last line */ }
  }
  assert(finished.size >= 60 && finished.size < n, `killed mid-run (${finished.size} rows finished)`);
  const appliedBefore = new Map(org.applied);
  org.applied.clear();

  const again = await runPpx([...argv, "--report", "report.json"], { env: org.env, cwd: dir });
  assertEquals(again.code, 2, "a fresh run refuses to overwrite the unfinished checkpoint");
  assertIncludes(again.stderr, "--resume");

  const resumed = await runPpx([...argv, "--resume", "--report", "report.json", "--json"], {
    env: org.env,
    cwd: dir,
  });
  assertEquals(resumed.code, 0, resumed.stderr);
  const summary = JSON.parse(resumed.stdout);
  assertEquals([summary.rows, summary.succeeded, summary.resumedRows], [n, n, finished.size]);

  // Nothing finished by the first run was sent again.
  for (const url of org.applied.keys()) {
    const key = /accountnumber='([^']+)'/.exec(url)?.[1];
    const label = key ? `accountnumber=${key}` : /\(([0-9a-f-]{36})\)/.exec(url)?.[1];
    assert(!finished.has(label!), `${url} was finished before the kill but sent again`);
  }
  // Rows in flight at the kill may have been applied before; an upsert by id/key applies them once.
  const records = await allRecords(org.client, "accounts", ["name"]);
  assertEquals(records.length, n);
  assertEquals(new Set(records.map((r) => r.name)).size, n);
  assert(appliedBefore.size >= finished.size);
  const report = JSON.parse(await Deno.readTextFile(`${dir}/report.json`));
  assertEquals(report.length, n);
  assert(report.every((r: { status: string }) => r.status === "succeeded"));
  assertEquals([...Deno.readDirSync(dir)].map((e) => e.name).sort(), ["report.json", "rows.csv"]);
});

Deno.test("ppx dv bulk-csv: exit 3 with a report when rows fail; --dry-run; --mode multiple", async () => {
  await using org = await startCountingOrg();
  const dir = org.dir;
  await Deno.writeTextFile(
    `${dir}/p.csv`,
    "ppx_code,ppx_name,ppx_priority\nP-1,ok,1\nP-2,bad,x\nP-3,ok,3\n",
  );
  const dry = await runPpx([
    "dv",
    "bulk-csv",
    "ppx_projects",
    "p.csv",
    "--key-columns",
    "ppx_code",
    "--dry-run",
  ], {
    env: org.env,
    cwd: dir,
  });
  // A dry run that finds an invalid row did its job: a warning, not an error.
  assertEquals(dry.code, 0, dry.stderr);
  assertIncludes(dry.stderr, "Dry run of 3 row(s) into ppx_projects: 2 ready to send, 1 invalid");
  assert(!dry.stderr.includes("error:"), dry.stderr);
  assertEquals(org.batches, 0);

  const run = await runPpx([
    "dv",
    "bulk-csv",
    "ppx_projects",
    "p.csv",
    "--key-columns",
    "ppx_code",
    "--report",
    "r.csv",
  ], {
    env: org.env,
    cwd: dir,
  });
  assertEquals(run.code, 3, run.stderr);
  assertIncludes(run.stderr, "2 succeeded, 0 failed, 1 invalid");
  assertIncludes(run.stderr, "r.csv");
  assertIncludes(
    await Deno.readTextFile(`${dir}/r.csv`),
    "2,ppx_code=P-2,invalid,0,invalid-value,ppx_priority: 'x' is not a whole number.",
  );
  // One name per field: the CSV header is the JSON report's keys.
  const csvHeader = (await Deno.readTextFile(`${dir}/r.csv`)).split("\n")[0];
  assertEquals(csvHeader, "row,key,status,httpStatus,code,message");
  const asJson = await runPpx(
    ["dv", "bulk-csv", "ppx_projects", "p.csv", "--key-columns", "ppx_code", "--report", "r.json"],
    { env: org.env, cwd: dir },
  );
  assertEquals(asJson.code, 3);
  const rows = JSON.parse(await Deno.readTextFile(`${dir}/r.json`));
  assertEquals(Object.keys(rows[1]).join(","), csvHeader);
  if (Deno.build.os !== "windows") {
    assertEquals((await Deno.stat(`${dir}/r.json`)).mode! & 0o777, 0o600, "the report holds record data");
  }

  await Deno.writeTextFile(`${dir}/m.csv`, "ppx_code,ppx_name\nM-1,one\nM-2,two\n");
  const multiple = await runPpx(
    [
      "dv",
      "bulk-csv",
      "ppx_projects",
      "m.csv",
      "--key-columns",
      "ppx_code",
      "--mode",
      "multiple",
      "--json",
    ],
    { env: org.env, cwd: dir },
  );
  assertEquals(multiple.code, 0, multiple.stderr);
  assertEquals(JSON.parse(multiple.stdout).succeeded, 2);
  assertEquals((await org.client.get("ppx_projects", { key: { ppx_code: "M-2" } })).ppx_name, "two");
  // A second load updates the keyed records (UpsertMultiple names them by "@odata.id").
  await Deno.writeTextFile(`${dir}/m.csv`, "ppx_code,ppx_name\nM-1,uno\n");
  const again = await runPpx(
    ["dv", "bulk-csv", "ppx_projects", "m.csv", "--key-columns", "ppx_code", "--mode", "multiple"],
    { env: org.env, cwd: dir },
  );
  assertEquals(again.code, 0, again.stderr);
  assertEquals((await org.client.get("ppx_projects", { key: { ppx_code: "M-1" } })).ppx_name, "uno");

  const missing = await runPpx(["dv", "bulk-csv", "accounts", "nope.csv"], { env: org.env, cwd: dir });
  assertEquals(missing.code, 2);
  assertIncludes(missing.stderr, "nope.csv");
});

Deno.test("ppx dv bulk-csv: not UTF-8 is an error naming line and byte offset; --encoding reads it on purpose", async () => {
  await using org = await startCountingOrg();
  const dir = org.dir;
  const latin1 = new Uint8Array([...new TextEncoder().encode("accountnumber,name\nE-1,caf"), 0xe9, 0x0a]);
  await Deno.writeFile(`${dir}/l.csv`, latin1);
  const refused = await runPpx(
    ["dv", "bulk-csv", "accounts", "l.csv", "--key-columns", "accountnumber"],
    { env: org.env, cwd: dir },
  );
  assertEquals(refused.code, 2, refused.stderr);
  assertIncludes(refused.stderr, "not valid UTF-8: line 2, byte offset 26");
  assertIncludes(refused.stderr, "--encoding");
  assertEquals(org.batches, 0);
  for (const encoding of ["latin1", "windows-1252"]) {
    const ok = await runPpx(
      ["dv", "bulk-csv", "accounts", "l.csv", "--key-columns", "accountnumber", "--encoding", encoding],
      { env: org.env, cwd: dir },
    );
    assertEquals(ok.code, 0, ok.stderr);
    assertEquals((await org.client.get("accounts", { key: { accountnumber: "E-1" } })).name, "café");
  }
  // UTF-16 (little-endian with its byte-order mark, as Windows tools write it).
  const text = "accountnumber,name\nE-2,Zoë\n";
  const utf16 = new Uint8Array(2 + text.length * 2);
  utf16.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    utf16[2 + i * 2] = text.charCodeAt(i) & 0xff;
    utf16[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  await Deno.writeFile(`${dir}/u.csv`, utf16);
  const wide = await runPpx(
    ["dv", "bulk-csv", "accounts", "u.csv", "--key-columns", "accountnumber", "--encoding", "utf-16"],
    { env: org.env, cwd: dir },
  );
  assertEquals(wide.code, 0, wide.stderr);
  assertEquals((await org.client.get("accounts", { key: { accountnumber: "E-2" } })).name, "Zoë");
});

Deno.test("ppx dv bulk-csv: a broken quote at row 3,000 is found before anything is sent", async () => {
  await using org = await startCountingOrg();
  const dir = org.dir;
  const lines = rowsCsv(3200, "bulk").split("\r\n");
  lines[3000] = `B-3000,"Row 3000 never closed,3000`;
  await Deno.writeTextFile(`${dir}/rows.csv`, lines.join("\r\n"));
  const result = await runPpx(
    ["dv", "bulk-csv", "accounts", "rows.csv", "--key-columns", "accountnumber"],
    { env: org.env, cwd: dir },
  );
  assertEquals(result.code, 2, result.stderr);
  assertIncludes(result.stderr, "line 3001");
  assertIncludes(result.stderr, "Nothing was sent");
  assertEquals(org.batches, 0);
  assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["rows.csv"], "no checkpoint left behind");
});

Deno.test("ppx dv bulk-csv: the unknown-header hint names a command that exists and lists the columns", async () => {
  await using org = await startCountingOrg();
  const dir = org.dir;
  await Deno.writeTextFile(`${dir}/a.csv`, "accountnumber,colour\nA-1,red\n");
  const result = await runPpx(["dv", "bulk-csv", "accounts", "a.csv"], { env: org.env, cwd: dir });
  assertEquals(result.code, 2);
  const command = /`ppx (api GET "[^`]+")`/.exec(result.stderr);
  assert(command, result.stderr);
  const listed = await runPpx(["api", "GET", JSON.parse(command[1].slice(8))], { env: org.env, cwd: dir });
  assertEquals(listed.code, 0, listed.stderr);
  assertIncludes(listed.stdout, "accountnumber");
});

Deno.test("ppx dv bulk-csv: Ctrl-C says Cancelled and the exact command that resumes", async () => {
  await using org = await startCountingOrg({ protection: { latencyMs: 100, dopHint: 1 } });
  const dir = org.dir;
  await Deno.writeTextFile(`${dir}/my rows.csv`, rowsCsv(200, "bulk"));
  const argv = ["dv", "bulk-csv", "accounts", "my rows.csv", "--key-columns", "accountnumber"];
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...PPX_PERMISSIONS, `${ROOT}cli/main.ts`, ...argv, "--chunk-size", "2"],
    env: { ...baseEnv(), ...org.env, NO_COLOR: "1" },
    clearEnv: true,
    cwd: dir,
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const journal = `${dir}/my rows.csv.ppx-bulk.jsonl`;
  const deadline = Date.now() + 30_000;
  while ((await Deno.readTextFile(journal).catch(() => "")).split("\n").length < 5) {
    if (Date.now() > deadline) throw new Error("the run made no progress");
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill("SIGINT");
  const out = await child.output();
  const stderr = new TextDecoder().decode(out.stderr);
  assertEquals(out.code, 130, stderr);
  assertIncludes(stderr, "Cancelled.");
  const line = "ppx dv bulk-csv accounts 'my rows.csv' --key-columns accountnumber --chunk-size 2 --resume";
  assertIncludes(stderr, `Resume with: ${line}`);
  const resumed = await runPpx(
    [...argv, "--chunk-size", "2", "--resume", "--json"],
    { env: org.env, cwd: dir },
  );
  assertEquals(resumed.code, 0, resumed.stderr);
  assert(JSON.parse(resumed.stdout).resumedRows > 0);
  assertEquals((await allRecords(org.client, "accounts", ["name"])).length, 200);
});

Deno.test("ppx dv bulk-csv: a file that breaks while loading ends as a partial success that --resume finishes", async () => {
  await using org = await startCountingOrg({ protection: { latencyMs: 5, dopHint: 2 } });
  const dir = org.dir;
  // Large enough that the reader (a few thousand rows ahead of the sending) has not reached row 8,500.
  const n = 9000;
  const good = rowsCsv(n, "bulk");
  await Deno.writeTextFile(`${dir}/rows.csv`, good);
  const argv = rowsArgv(10);
  const run = runPpx([...argv, "--concurrency", "2", "--report", "r.csv"], { env: org.env, cwd: dir });
  // Once sending has begun (the checking pass is over), row 8,500 gets a stray quote, in place.
  while (org.batches === 0) await new Promise((r) => setTimeout(r, 5));
  const at = good.indexOf("Row 8500,");
  const file = await Deno.open(`${dir}/rows.csv`, { write: true });
  await file.seek(at + 1, Deno.SeekMode.Start);
  await file.write(new TextEncoder().encode('"'));
  file.close();
  const result = await run;
  assertEquals(result.code, 3, result.stderr);
  assertIncludes(result.stderr, "Stopped at row 8500");
  assertIncludes(
    result.stderr,
    "continue with: ppx dv bulk-csv accounts rows.csv --key-columns accountnumber --chunk-size 10 " +
      "--concurrency 2 --report r.csv --resume",
  );
  assertEquals((await Deno.readTextFile(`${dir}/r.csv`)).trim().split("\n").length, 8500, "rows 1-8,499");
  await Deno.writeTextFile(`${dir}/rows.csv`, good);
  const resumed = await runPpx([...argv, "--resume", "--json"], { env: org.env, cwd: dir });
  assertEquals(resumed.code, 0, resumed.stderr);
  assertEquals(JSON.parse(resumed.stdout).resumedRows, 8499);
  assertEquals((await allRecords(org.client, "accounts", ["name"])).length, n);
});
