/** argv -> options of `ppx dv bulk-csv`: paths against the cwd, --map read, the resume line; no network. */

import assert from "node:assert/strict";
import bulkCsv from "../../../cli/commands/dv/bulk_csv.ts";
import { UsageError, ValidationError } from "../../../lib/errors.ts";
import { captureOptions } from "../../helpers/leaf.ts";

Deno.test("dv bulk-csv: flags become the engine's options", async (t) => {
  await using dir = {
    path: await Deno.makeTempDir({ prefix: "ppx-bulk-parse-" }),
    [Symbol.asyncDispose]() {
      return Deno.remove(this.path, { recursive: true });
    },
  };
  const cwd = dir.path;
  await Deno.writeTextFile(`${cwd}/map.json`, '{"Account Name":"name","Notes":null}');
  await Deno.writeTextFile(`${cwd}/bad.json`, '{"a":1}x');

  await t.step("defaults", async () => {
    const o = await captureOptions(bulkCsv, ["accounts", "rows.csv"], { cwd });
    assert.deepEqual(o, {
      entitySet: "accounts",
      file: `${cwd}/rows.csv`,
      encoding: "utf-8",
      idColumn: undefined,
      keyColumns: undefined,
      createIfMissing: true,
      chunkSize: 50,
      mode: "batch",
      map: undefined,
      emptyAsNull: false,
      concurrency: undefined,
      maxConcurrency: 52,
      dryRun: false,
      resume: false,
      checkpointPath: undefined,
      report: undefined,
      host: undefined,
      resumeLine: "ppx dv bulk-csv accounts rows.csv --resume",
    });
  });
  await t.step("every flag; the resume line repeats what was typed", async () => {
    const o = await captureOptions(bulkCsv, [
      "accounts",
      "my rows.csv",
      "--key-columns",
      "accountnumber, name",
      "--no-create-if-missing",
      "--chunk-size",
      "10",
      "--mode",
      "multiple",
      "--map",
      "map.json",
      "--report",
      "out/r.json",
      "--checkpoint",
      "/abs/cp.json",
      "--dry-run",
      "--host",
      "org.example",
    ], { cwd });
    assert.deepEqual(o.keyColumns, ["accountnumber", "name"]);
    assert.deepEqual(o.map, { "Account Name": "name", Notes: null });
    assert.deepEqual([o.createIfMissing, o.chunkSize, o.mode, o.dryRun, o.host], [
      false,
      10,
      "multiple",
      true,
      "org.example",
    ]);
    assert.deepEqual([o.report, o.checkpointPath], [`${cwd}/out/r.json`, "/abs/cp.json"]);
    assert.equal(
      o.resumeLine,
      "ppx dv bulk-csv accounts 'my rows.csv' --key-columns 'accountnumber, name' --no-create-if-missing " +
        "--chunk-size 10 --mode multiple --map map.json --report out/r.json --dry-run --checkpoint /abs/cp.json " +
        "--host org.example --resume",
    );
  });
  await t.step("bad argv: numbers out of range, a --map that is not JSON, an unknown mode", async () => {
    await assert.rejects(
      captureOptions(bulkCsv, ["accounts", "f.csv", "--chunk-size", "1001"], { cwd }),
      (e) =>
        e instanceof UsageError &&
        e.message === "--chunk-size must be a whole number from 1 to 1000, not '1001'.",
    );
    await assert.rejects(
      captureOptions(bulkCsv, ["accounts", "f.csv", "--concurrency", "0"], { cwd }),
      UsageError,
    );
    await assert.rejects(
      captureOptions(bulkCsv, ["accounts", "f.csv", "--map", "bad.json"], { cwd }),
      (e) => e instanceof ValidationError && /^The --map file bad\.json is not valid JSON/.test(e.message),
    );
    await assert.rejects(
      captureOptions(bulkCsv, ["accounts", "f.csv", "--map", "none.json"], { cwd }),
      /Unable to read the --map file/,
    );
    await assert.rejects(
      captureOptions(bulkCsv, ["accounts", "f.csv", "--mode", "single"], { cwd }),
      /Allowed choices are batch, multiple/,
    );
  });
});
