/** argv -> options for the worked examples of the leaf pattern (`dv get`, `dv create`): no network. */

import assert from "node:assert/strict";
import create from "../../../cli/commands/dv/create.ts";
import get from "../../../cli/commands/dv/get.ts";
import list from "../../../cli/commands/dv/list.ts";
import upsert from "../../../cli/commands/dv/upsert.ts";
import update from "../../../cli/commands/dv/update.ts";
import del from "../../../cli/commands/dv/delete.ts";
import whoami from "../../../cli/commands/dv/whoami.ts";
import query from "../../../cli/commands/dv/query.ts";
import { UsageError, ValidationError } from "../../../lib/errors.ts";
import { captureOptions } from "../../helpers/leaf.ts";

const memoryFs = (files: Record<string, string>) => ({
  readTextFile: (path: string) =>
    path in files ? Promise.resolve(files[path]) : Promise.reject(new Deno.errors.NotFound(`no ${path}`)),
});

Deno.test("dv get: id, --key, --select/--expand lists and either host spelling", async () => {
  assert.deepEqual(
    await captureOptions(get, ["accounts", "0a", "--select", "name, revenue", "--host", "org.example"]),
    {
      entitySet: "accounts",
      ref: { id: "0a" },
      select: ["name", "revenue"],
      expand: undefined,
      annotations: undefined,
      host: "org.example",
    },
  );
  const byKey = await captureOptions(get, [
    "accounts",
    "--key",
    "a=1,b=x\\,y",
    "--key",
    "c=2",
    "--annotations",
  ]);
  assert.deepEqual(byKey.ref, { key: { a: "1", b: "x,y", c: "2" } });
  assert.equal(byKey.annotations, true);
  assert.equal(
    (await captureOptions(get, ["accounts", "x", "--dataverse-host", "https://o.example"])).host,
    "https://o.example",
  );
});

Deno.test("dv get: an id and --key together, or neither, is a usage error before anything runs", async () => {
  await assert.rejects(captureOptions(get, ["accounts", "0a", "--key", "a=1"]), UsageError);
  await assert.rejects(captureOptions(get, ["accounts"]), /Which record\?/);
});

Deno.test("dv create: --data inline, @file (resolved against the cwd) and @- (stdin) give the same record", async () => {
  const inline = await captureOptions(create, ["accounts", "--data", '{"name":"A"}', "--return"]);
  assert.deepEqual(inline, {
    entitySet: "accounts",
    data: { name: "A" },
    returnRecord: true,
    host: undefined,
  });
  const fromFile = await captureOptions(create, ["accounts", "--data", "@in/acc.json"], {
    cwd: "/work",
    fs: memoryFs({ "/work/in/acc.json": '{"name":"A"}' }),
  });
  assert.deepEqual(fromFile.data, { name: "A" });
  const fromStdin = await captureOptions(create, ["accounts", "--data", "@-"], { stdin: '{"name":"A"}' });
  assert.deepEqual(fromStdin.data, { name: "A" });
});

Deno.test("dv create: bad --data names the file, line and column", async () => {
  const error = await captureOptions(create, ["accounts", "--data", "@acc.json"], {
    cwd: "/w",
    fs: memoryFs({ "/w/acc.json": '{\n  "name": "A",\n  oops\n}' }),
  }).then(() => undefined, (e) => e);
  assert.ok(error instanceof ValidationError);
  assert.deepEqual(error.location, { file: "acc.json", line: 3, column: 3 });
  assert.match(error.message, /^The --data file acc\.json is not valid JSON at line 3, column 3: /);
  await assert.rejects(captureOptions(create, ["accounts"]), /--data is required/);
  await assert.rejects(captureOptions(create, ["accounts", "--data", "[1]"]), /--data must be a JSON object/);
});

Deno.test("dv list / query: numbers are parsed and bounded at the flag; FetchXML is read and checked", async () => {
  const listed = await captureOptions(list, [
    "contacts",
    "--top",
    "1",
    "--count",
    "--page-size",
    "50",
    "--all",
  ]);
  assert.deepEqual(listed, {
    entitySet: "contacts",
    select: undefined,
    filter: undefined,
    orderby: undefined,
    top: 1,
    expand: undefined,
    count: true,
    all: true,
    pageSize: 50,
    annotations: undefined,
    host: undefined,
  });
  await assert.rejects(
    captureOptions(list, ["contacts", "--top", "0"]),
    /--top must be a whole number from 1/,
  );
  await assert.rejects(captureOptions(list, ["contacts", "--page-size", "5001"]), /from 1 to 5000/);
  const fs = memoryFs({
    "/w/q.xml": "<fetch><entity name='account'/></fetch>",
    "/w/bad.xml": "<fetch>\n<a></b>",
  });
  const fetched = await captureOptions(query, ["accounts", "--fetchxml", "q.xml"], { cwd: "/w", fs });
  assert.equal(fetched.fetchXml, "<fetch><entity name='account'/></fetch>");
  const bad = await captureOptions(query, ["accounts", "--fetchxml", "bad.xml"], { cwd: "/w", fs }).then(
    () => undefined,
    (e) => e,
  );
  assert.ok(bad instanceof ValidationError);
  assert.equal(bad.location?.file, "bad.xml");
  assert.equal(bad.location?.line, 2);
  await assert.rejects(
    captureOptions(query, ["accounts", "--fetchxml", "q.xml", "--top", "1"], { cwd: "/w", fs }),
    UsageError,
  );
});

Deno.test("dv upsert / update / delete / whoami: flags become the options of their use-cases", async () => {
  const up = await captureOptions(upsert, [
    "accounts",
    "--key",
    "accountnumber=A-1",
    "--data",
    "{}",
    "--create-only",
  ]);
  assert.deepEqual(up, {
    entitySet: "accounts",
    ref: { key: { accountnumber: "A-1" } },
    data: {},
    mode: "create-only",
    host: undefined,
  });
  await assert.rejects(
    captureOptions(upsert, ["accounts", "1", "--data", "{}", "--create-only", "--update-only"]),
    /exclude each other/,
  );
  assert.deepEqual((await captureOptions(update, ["accounts", "1", "--data", '{"a":1}'])).data, { a: 1 });
  assert.deepEqual(await captureOptions(del, ["accounts", "1", "--host", "h"]), {
    entitySet: "accounts",
    ref: { id: "1" },
    host: "h",
  });
  assert.deepEqual(await captureOptions(whoami, ["--dataverse-host", "h"]), { host: "h" });
});
