/** `Output.result`: one call prints a command's result for machines and for people. */

import assert from "node:assert/strict";
import { styler } from "../../../cli/output/color.ts";
import { BufferIO } from "../../../cli/output/io.ts";
import { Output, type OutputFormat } from "../../../cli/output/render.ts";

function out(format: OutputFormat) {
  const io = new BufferIO();
  return { io, out: new Output(io, format, styler(false)) };
}

Deno.test("result: JSON and YAML print the data itself, whatever the human form", () => {
  for (const human of [undefined, "Saved.", { columns: ["a"] }, () => assert.fail("not for machines")]) {
    const json = out("json");
    json.out.result({ a: 1, b: "x" }, human);
    assert.deepEqual(JSON.parse(json.io.out), { a: 1, b: "x" });
    assert.equal(json.io.err, "");
    const yaml = out("yaml");
    yaml.out.result({ a: 1 }, human);
    assert.equal(yaml.io.out, "a: 1\n");
  }
});

Deno.test("result: a string is a success notice on stderr and nothing on stdout", () => {
  const { io, out: o } = out("tsv");
  o.result({ key: "k", value: 1 }, "k set to 1.");
  assert.equal(io.out, "");
  assert.equal(io.err, "k set to 1.\n");
});

Deno.test("result: render options or a function decide the table / TSV form", () => {
  const table = out("tsv");
  table.out.result([{ a: 1, b: 2 }], { columns: ["b"] });
  assert.equal(table.io.out, "B\n2\n");
  const custom = out("table");
  custom.out.result({ n: 3 }, (data, o) => o.notice(`${data.n} things`));
  assert.equal(custom.io.err, "3 things\n");
  const plain = out("tsv");
  plain.out.result({ a: 1 });
  assert.equal(plain.io.out, "a\t1\n");
});

Deno.test("a streamed list is indented exactly like the same list printed at once (list --json = get --json)", async () => {
  const records = [{ a: 1, nested: { b: [1, 2] } }, { a: 2, nested: {} }];
  const streamed = out("json");
  await streamed.out.printStream((async function* () {
    yield* records;
  })());
  const whole = out("json");
  whole.out.print(records);
  assert.equal(streamed.io.out, whole.io.out);
});
