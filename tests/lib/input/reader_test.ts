import assert from "node:assert/strict";
import { ValidationError } from "../../../lib/errors.ts";
import { InputReader } from "../../../lib/input/reader.ts";

function reader(files: Record<string, string>, stdin = "") {
  let stdinReads = 0;
  const input = new InputReader({
    cwd: "/proj",
    stdin: () => {
      stdinReads++;
      return Promise.resolve(stdin);
    },
    fs: {
      readTextFile: (path) =>
        path in files
          ? Promise.resolve(files[path])
          : Promise.reject(new Deno.errors.NotFound(`No such file: ${path}`)),
    },
  });
  return { input, stdinReads: () => stdinReads };
}

async function failure(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(() => undefined, (e) => e);
  assert.ok(error instanceof ValidationError, String(error));
  return error;
}

Deno.test("input: @file resolves against the cwd, absolute paths stay, - and @- read stdin once", async () => {
  const { input, stdinReads } = reader({ "/proj/a.json": "\uFEFF[1]", "/abs/b.json": "2" }, '{"s":1}');
  assert.deepEqual(await input.json("@a.json", { label: "--x" }), [1]);
  assert.equal(await input.json("@/abs/b.json", { label: "--x" }), 2);
  assert.deepEqual(await input.json("-", { label: "--x" }), { s: 1 });
  assert.deepEqual(await input.json("@-", { label: "--x" }), { s: 1 });
  assert.equal(stdinReads(), 1);
  assert.equal(await input.json("3", { label: "--x" }), 3);
  assert.equal((await input.text("a.json", { label: "--f", kind: "path" })).path, "/proj/a.json");
  assert.equal(input.path("sub/c"), "/proj/sub/c");
});

Deno.test("input: a missing file names the flag and the path as given", async () => {
  const { input } = reader({});
  const error = await failure(input.json("@nope.json", { label: "--data" }));
  assert.match(error.message, /^Unable to read the --data file nope\.json: /);
  assert.deepEqual(error.location, { file: "nope.json" });
  assert.match((await failure(input.json("@", { label: "--data" }))).message, /names no file/);
});

Deno.test("input: JSON, JSONC, YAML, XML and CSV errors carry file, line and column", async () => {
  const { input } = reader({
    "/proj/bad.json": '{\n  "a": 1,\n}',
    "/proj/bad.jsonc": '{\n  // fine\n  "a": 1,\n  "b" 2\n}',
    "/proj/bad.yaml": "a: 1\nb: [1, 2\n",
    "/proj/bad.xml": "<fetch>\n  <entity name='a'>\n</fetch>",
    "/proj/bad.csv": 'a,b\n1,"x\n2,3\n',
  }, "a:\n  - [");
  const json = await failure(input.json("@bad.json", { label: "--data" }));
  assert.deepEqual(json.location, { file: "bad.json", line: 3, column: 1 });
  assert.match(json.message, /^The --data file bad\.json is not valid JSON at line 3, column 1: /);
  const jsonc = await failure(input.jsonc("bad.jsonc", { label: "--settings", kind: "path" }));
  assert.deepEqual(jsonc.location, { file: "bad.jsonc", line: 4, column: 7 });
  const yaml = await failure(input.yaml("@bad.yaml", { label: "--schema" }));
  assert.equal(yaml.location?.file, "bad.yaml");
  assert.equal(yaml.location?.line, 3);
  const xml = await failure(input.xml("bad.xml", { label: "--fetchxml", kind: "path" }));
  assert.equal(xml.location?.file, "bad.xml");
  assert.equal(xml.location?.line, 3);
  assert.match(xml.message, /^The --fetchxml file bad\.xml is not valid XML at line 3, column \d+: /);
  const csv = await failure(input.csv("@bad.csv", { label: "--rows" }));
  assert.equal(csv.location?.file, "bad.csv");
  assert.ok(csv.location?.line, JSON.stringify(csv.location));
  const stdin = await failure(input.yaml("-", { label: "--schema" }));
  assert.match(stdin.message, /^--schema on stdin is not valid YAML at line \d+/);
  const inline = await failure(input.json("{nope", { label: "--data" }));
  assert.match(inline.message, /^--data must be valid JSON: .* at line 1, column 2\.$/);
  assert.deepEqual(inline.location, { file: "inline", line: 1, column: 2 });
});

Deno.test("input: well-formed JSONC, YAML, XML and CSV parse", async () => {
  const { input } = reader({ "/proj/ok.csv": '\uFEFFa,b\r\n1,"x,y"\r\n\r\n' });
  assert.deepEqual(await input.jsonc('{"a": 1, /* c */ "b": [2,],}', { label: "x" }), { a: 1, b: [2] });
  assert.deepEqual(await input.yaml("a: [1, 2]", { label: "x" }), { a: [1, 2] });
  assert.equal(await input.xml("<fetch/>", { label: "x" }), "<fetch/>");
  assert.deepEqual(await input.csv("@ok.csv", { label: "x" }), [["a", "b"], ["1", "x,y"]]);
  const notObject = await failure(input.jsonObject("[1]", { label: "--data", example: '{"a":1}' }));
  assert.equal(notObject.message, "--data must be a JSON object.");
  assert.equal(notObject.hint, 'Example: {"a":1}');
});
