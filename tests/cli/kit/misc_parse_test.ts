/** argv -> options of `ppx api`, `doctor`, `upgrade`, `completions` and `emulator start`: no network. */

import assert from "node:assert/strict";
import api from "../../../cli/commands/api.ts";
import completions from "../../../cli/commands/completions.ts";
import doctor from "../../../cli/commands/doctor.ts";
import start from "../../../cli/commands/emulator/start.ts";
import upgrade from "../../../cli/commands/upgrade.ts";
import { captureOptions } from "../../helpers/leaf.ts";

Deno.test("doctor: --host or --dataverse-host; --no-check-dataverse turns the probe off", async () => {
  assert.deepEqual(await captureOptions(doctor, []), { host: undefined, checkDataverse: true });
  assert.deepEqual(await captureOptions(doctor, ["--host", "contoso.crm.dynamics.com"]), {
    host: "contoso.crm.dynamics.com",
    checkDataverse: true,
  });
  assert.deepEqual(await captureOptions(doctor, ["--dataverse-host", "h", "--no-check-dataverse"]), {
    host: "h",
    checkDataverse: false,
  });
  await assert.rejects(captureOptions(doctor, ["--host"]), /argument missing/);
});

Deno.test("upgrade: --check and --force", async () => {
  assert.deepEqual(await captureOptions(upgrade, []), { checkOnly: false, force: false });
  assert.deepEqual(await captureOptions(upgrade, ["--check", "--force"]), { checkOnly: true, force: true });
  await assert.rejects(captureOptions(upgrade, ["now"]), /too many arguments/);
});

Deno.test("completions: one of the four shells", async () => {
  assert.deepEqual(await captureOptions(completions, ["fish"]), { shell: "fish" });
  await assert.rejects(
    captureOptions(completions, ["tcsh"]),
    /Allowed choices are bash, zsh, fish, powershell/,
  );
});

Deno.test("api: the method upper-cased, -H headers by name, --data read as JSON, the host in any spelling", async (t) => {
  await t.step("flags become options", async () => {
    assert.deepEqual(
      await captureOptions(api, [
        "post",
        "accounts",
        "-H",
        "Prefer: return=representation",
        "--data",
        '{"a":1}',
        "-i",
      ]),
      {
        method: "POST",
        path: "accounts",
        audience: undefined,
        host: undefined,
        cloud: undefined,
        headers: { Prefer: "return=representation" },
        json: { a: 1 },
        include: true,
      },
    );
    assert.equal((await captureOptions(api, ["GET", "x", "--host", "h"])).host, "h");
    assert.deepEqual((await captureOptions(api, ["GET", "x", "-e", "dev"])).host, { environment: "dev" });
    const fromStdin = await captureOptions(api, ["PATCH", "x", "--data", "@-"], { stdin: '{"b":2}' });
    assert.deepEqual(fromStdin.json, { b: 2 });
  });
  await t.step("bad argv: an unknown method, a header without a colon, JSON that is not", async () => {
    await assert.rejects(captureOptions(api, ["FETCH", "x"]), /Unknown method 'FETCH'/);
    await assert.rejects(captureOptions(api, ["GET", "x", "-H", "nocolon"]), /-H expects 'Name: value'/);
    await assert.rejects(captureOptions(api, ["POST", "x", "--data", "{oops"]), /--data/);
  });
});

Deno.test("emulator start: numbers parsed and bounded, --schema and --data read, paths against the cwd", async () => {
  const fs = {
    readTextFile: (path: string) =>
      path === "/w/seed.json"
        ? Promise.resolve('{"accounts":[{"name":"Contoso"}]}')
        : Promise.reject(new Deno.errors.NotFound(path)),
  };
  const o = await captureOptions(start, [
    "--port",
    "8080",
    "--data",
    "seed.json",
    "--persist",
    "store.json",
    "--token-file",
    "/tmp/t",
    "--latency",
    "5",
    "--error-rate",
    "0.5",
    "--fail-operations",
  ], { cwd: "/w", fs });
  assert.deepEqual([o.port, o.seed, o.schema, o.persistPath, o.tokenFile, o.log, o.failOperations], [
    8080,
    { accounts: [{ name: "Contoso" }] },
    undefined,
    "/w/store.json",
    "/tmp/t",
    false,
    true,
  ]);
  assert.deepEqual([o.protection.latencyMs, o.protection.errorRate, o.protection.dropRate], [
    5,
    0.5,
    undefined,
  ]);
  assert.equal(o.clientId, "00000000-0000-4000-8000-00000000c11e");
  assert.equal(o.solutionJobTime, undefined);
  assert.equal((await captureOptions(start, ["--solution-job-time", "2s"])).solutionJobTime, 2_000);
  await assert.rejects(() => captureOptions(start, ["--solution-job-time", "soon"]));
  await assert.rejects(
    captureOptions(start, ["--port", "70000"]),
    /--port must be a whole number from 0 to 65535/,
  );
  await assert.rejects(
    captureOptions(start, ["--error-rate", "2"]),
    /--error-rate must be a number from 0 to 1/,
  );
  await assert.rejects(captureOptions(start, ["--schema", "none.json"], { cwd: "/w", fs }), /--schema/);
});
