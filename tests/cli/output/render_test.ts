import { styler } from "../../../cli/output/color.ts";
import { BufferIO } from "../../../cli/output/io.ts";
import { createProgress } from "../../../cli/output/progress.ts";
import { chooseFormat, Output } from "../../../cli/output/render.ts";
import { fitWidths } from "../../../cli/output/table.ts";
import { loadFormatLibraries } from "../../../cli/output/libs.ts";
import { assert, assertEquals, assertIncludes } from "../../helpers/assert.ts";

// Rendering is synchronous; the format libraries are loaded once, as the root command's preAction hook does.
for (const format of ["table", "csv", "yaml"] as const) await loadFormatLibraries(format);

const rows = [
  { name: "Contoso", revenue: 1200.5, active: true, owner: { name: "Ann" }, "@odata.etag": "W/1" },
  { name: "Fabrikam\tLtd", revenue: null, active: false, owner: { name: "Bo\nb" } },
];

Deno.test("format choice: --json wins, then --output, then TTY -> table, pipe -> tsv", () => {
  assertEquals(chooseFormat(true, "yaml", true), "json");
  assertEquals(chooseFormat(false, "csv", true), "csv");
  assertEquals(chooseFormat(false, undefined, true), "table");
  assertEquals(chooseFormat(false, undefined, false), "tsv");
});

Deno.test("TSV has a header, escapes tabs and newlines, and leaves OData annotations out", () => {
  const io = new BufferIO();
  new Output(io, "tsv", styler(false)).print(rows, { columns: ["name", "revenue", "active", "owner.name"] });
  assertEquals(
    io.out,
    "NAME\tREVENUE\tACTIVE\tOWNER.NAME\nContoso\t1200.5\ttrue\tAnn\nFabrikam\\tLtd\t\tfalse\tBo\\nb\n",
  );
  const inferred = new BufferIO();
  new Output(inferred, "tsv", styler(false)).print(rows);
  assertEquals(inferred.out.split("\n")[0], "NAME\tREVENUE\tACTIVE\tOWNER");
});

Deno.test("tables align columns and fit the terminal width", () => {
  const io = new BufferIO({ tty: true, columns: 40 });
  const many = Array.from({ length: 3 }, (_, i) => ({ id: `id-${i}`, description: "x".repeat(80) }));
  new Output(io, "table", styler(false)).print(many);
  const lines = io.out.trimEnd().split("\n");
  assertEquals(lines.length, 4);
  for (const line of lines) assert(line.length <= 40, `line too wide (${line.length}): ${line}`);
  assertIncludes(lines[1], "…");
  assertEquals(lines[0].indexOf("DESCRIPTION"), lines[1].indexOf("xxx"));
});

Deno.test("fitWidths shrinks the widest column first", () => {
  assertEquals(fitWidths([10, 50], 40), [10, 28]);
  assertEquals(fitWidths([5, 5], 40), [5, 5]);
});

Deno.test("an empty list on a terminal says so on stderr and prints nothing on stdout", () => {
  const io = new BufferIO({ tty: true });
  new Output(io, "table", styler(false)).print([]);
  assertEquals(io.out, "");
  assertIncludes(io.err, "No results.");
});

Deno.test("CSV quotes fields that need it", () => {
  const io = new BufferIO();
  new Output(io, "csv", styler(false)).print([{ a: 'say "hi"', b: "x,y" }]);
  assertEquals(io.out, 'a,b\n"say ""hi""","x,y"\n');
});

Deno.test("streamed JSON is one valid array, however many records arrive", async () => {
  async function* gen() {
    for (let i = 0; i < 3; i++) yield { i };
  }
  const io = new BufferIO();
  const count = await new Output(io, "json", styler(false)).printStream(gen());
  assertEquals(count, 3);
  assertEquals(JSON.parse(io.out), [{ i: 0 }, { i: 1 }, { i: 2 }]);
  const empty = new BufferIO();
  await new Output(empty, "json", styler(false)).printStream((async function* () {})());
  assertEquals(JSON.parse(empty.out), []);
});

Deno.test("streamed TSV writes the header once", async () => {
  async function* gen() {
    yield { a: 1 };
    yield { a: 2 };
  }
  const io = new BufferIO();
  await new Output(io, "tsv", styler(false)).printStream(gen());
  assertEquals(io.out, "A\n1\n2\n");
});

Deno.test("progress writes to stderr only on a terminal and never for machine output", () => {
  const tty = new BufferIO({ tty: true });
  const p = createProgress(tty, { machine: false, now: () => 0 });
  p.update(5, 10, "rows");
  p.done();
  assertIncludes(tty.err, "rows 5/10 (50%)");
  assertEquals(tty.out, "");
  for (
    const [io, machine] of [[new BufferIO({ tty: false }), false], [
      new BufferIO({ tty: true }),
      true,
    ]] as const
  ) {
    const silent = createProgress(io, { machine, now: () => 0 });
    silent.update(1, 2);
    silent.done();
    assertEquals(io.err, "");
  }
});

Deno.test("fitWidths keeps narrow columns whole and lets the wide ones share the rest", () => {
  // An id and a date stay whole next to a long description; the description takes the rest.
  assertEquals(fitWidths([36, 10, 200], 120), [36, 10, 70]);
  assertEquals(fitWidths([36, 36, 120], 120), [36, 36, 44]);
  // When even the narrow ones cannot all be whole, everyone gets an equal share (never less than 8).
  assertEquals(fitWidths([20, 36, 80, 80], 100), [20, 24, 25, 25]);
  assertEquals(fitWidths(Array(20).fill(30), 100), Array(20).fill(8));
  // Nothing is cut when it fits.
  assertEquals(fitWidths([36, 36, 40], 120), [36, 36, 40]);
});
