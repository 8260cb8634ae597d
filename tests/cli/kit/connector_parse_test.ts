/** argv -> options of the `ppx connector` leaves: no network, no files read. */

import assert from "node:assert/strict";
import del from "../../../cli/commands/connector/delete.ts";
import download from "../../../cli/commands/connector/download.ts";
import get from "../../../cli/commands/connector/get.ts";
import init from "../../../cli/commands/connector/init.ts";
import list from "../../../cli/commands/connector/list.ts";
import runtimeStatus from "../../../cli/commands/connector/runtime_status.ts";
import { create, push, update } from "../../../cli/commands/connector/upsert.ts";
import validate from "../../../cli/commands/connector/validate.ts";
import { UsageError, ValidationError } from "../../../lib/errors.ts";
import { captureOptions } from "../../helpers/leaf.ts";

const cwd = "/work/c";

Deno.test("connector get / delete / runtime-status / list: the environment in any spelling, the endpoint", async (t) => {
  await t.step("-e, paconn's --env and the earlier --environment-id are one option", async () => {
    for (const flag of ["-e", "--env", "--environment-id"]) {
      assert.deepEqual(await captureOptions(get, ["c1", flag, "dev"]), {
        name: "c1",
        environment: "dev",
        endpoint: "auto",
      });
    }
  });
  await t.step("delete and runtime-status take the name and --endpoint", async () => {
    assert.deepEqual(await captureOptions(del, ["c1", "--endpoint", "powerapps"]), {
      name: "c1",
      environment: undefined,
      endpoint: "powerapps",
    });
    assert.equal(
      (await captureOptions(runtimeStatus, ["c1", "--endpoint", "connectivity"])).endpoint,
      "connectivity",
    );
  });
  await t.step("list: --top is a whole number from 1", async () => {
    assert.deepEqual(await captureOptions(list, ["--top", "2"]), {
      top: 2,
      environment: undefined,
      endpoint: "auto",
    });
    await assert.rejects(captureOptions(list, ["--top", "0"]), /--top must be a whole number from 1/);
  });
  await t.step("bad argv: an unknown endpoint, a missing name", async () => {
    await assert.rejects(captureOptions(get, ["c1", "--endpoint", "graph"]), /Allowed choices are auto/);
    await assert.rejects(captureOptions(get, []), /missing required argument 'connector'/);
  });
});

Deno.test("connector download / init: folders resolved against the cwd, pac's and paconn's spellings", async (t) => {
  await t.step("download: --out, --output-directory, --dest, else the connector's name", async () => {
    assert.deepEqual(await captureOptions(download, ["c1", "--out", "x", "--overwrite"], { cwd }), {
      name: "c1",
      dir: "/work/c/x",
      overwrite: true,
      environment: undefined,
      endpoint: "auto",
    });
    assert.equal((await captureOptions(download, ["c1", "--dest", "/abs"], { cwd })).dir, "/abs");
    assert.equal((await captureOptions(download, ["c1"], { cwd })).dir, "/work/c/c1");
  });
  await t.step("download: pac's --connector-id/--outputDirectory and paconn's --cid", async () => {
    const pac = await captureOptions(download, ["--connector-id", "c2", "--outputDirectory", "out"], { cwd });
    assert.deepEqual([pac.name, pac.dir], ["c2", "/work/c/out"]);
    assert.equal((await captureOptions(download, ["--cid", "c3"], { cwd })).name, "c3");
    await assert.rejects(() => captureOptions(download, [], { cwd }), /Missing the connector to download/);
  });
  await t.step("init: the template by any name, defaults for host and publisher", async () => {
    assert.deepEqual(await captureOptions(init, ["New"], { cwd }), {
      dir: "/work/c/New",
      given: "New",
      template: "noauth",
      title: undefined,
      host: "api.contoso.com",
      publisher: "Contoso",
      overwrite: false,
    });
    const pac = await captureOptions(init, ["--connection-template", "OAuthAAD", "--title", "T"], { cwd });
    assert.deepEqual([pac.dir, pac.given, pac.template, pac.title], ["/work/c", ".", "aad", "T"]);
    await assert.rejects(captureOptions(init, ["--template", "kerberos"], { cwd }), UsageError);
  });
});

Deno.test("connector create / update / push: the folder source, the connector id and where the secret comes from", async (t) => {
  await t.step("file flags name files; the folder is the definition's when no path is given", async () => {
    const o = await captureOptions(push, ["--openapi", "api.json", "--api-prop", "p.json", "--cid", "c9"], {
      cwd,
    });
    assert.deepEqual(o.source, {
      path: "/work/c/api.json",
      files: {
        definition: "/work/c/api.json",
        properties: "/work/c/p.json",
        icon: undefined,
        script: undefined,
        settings: undefined,
      },
      encoding: undefined,
    });
    assert.deepEqual([o.mode, o.connectorId, o.writeSettings], ["push", "c9", true]);
  });
  await t.step("create: --secret-env, --no-settings-write, --encoding utf-16", async () => {
    const o = await captureOptions(
      create,
      ["dir", "--secret-env", "S", "--no-settings-write", "--encoding", "utf-16", "-e", "dev"],
      { cwd },
    );
    assert.deepEqual(o.secret, { secretEnv: "S", secretFrom: undefined, secret: undefined });
    assert.deepEqual([o.source.path, o.source.encoding, o.writeSettings, o.environment], [
      "/work/c/dir",
      "utf-16le",
      false,
      "dev",
    ]);
  });
  await t.step("update: --connector-id, or the earlier --name", async () => {
    assert.equal((await captureOptions(update, ["--name", "c7"], { cwd })).connectorId, "c7");
  });
  await t.step("an unknown encoding is refused before anything is read", async () => {
    await assert.rejects(captureOptions(create, ["--encoding", "ebcdic"], { cwd }), ValidationError);
  });
});

Deno.test("connector validate: --rules, --format, --strict, --remote with --name", async () => {
  const o = await captureOptions(validate, ["d", "--format", "sarif", "--strict"], { cwd });
  assert.deepEqual([o.rules, o.format, o.strict, o.remote, o.source.path], [
    false,
    "sarif",
    true,
    undefined,
    "/work/c/d",
  ]);
  const remote = await captureOptions(validate, ["--remote", "--name", "c1", "--endpoint", "connectivity"], {
    cwd,
  });
  assert.deepEqual([remote.remote, remote.endpoint, remote.source.path], [
    { name: "c1" },
    "connectivity",
    cwd,
  ]);
  assert.equal((await captureOptions(validate, ["--rules"], { cwd })).rules, true);
  await assert.rejects(
    captureOptions(validate, ["--format", "xml"], { cwd }),
    /Allowed choices are table, json, sarif/,
  );
});
