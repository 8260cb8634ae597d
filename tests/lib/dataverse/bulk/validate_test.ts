import { invalidUtf8Offset } from "../../../../lib/dataverse/bulk/encoding.ts";
import { validateCsvFile } from "../../../../lib/dataverse/bulk/validate.ts";
import { openCsv } from "../../../../lib/dataverse/bulk/csv_rows.ts";
import { ValidationError } from "../../../../lib/errors.ts";
import { assertEquals, assertIncludes, assertRejects } from "../../../helpers/assert.ts";

async function withFile(content: string | Uint8Array, fn: (path: string) => Promise<void>) {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/f.csv`;
    if (typeof content === "string") await Deno.writeTextFile(path, content);
    else await Deno.writeFile(path, content);
    await fn(path);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("the validating pass accepts what csv-parse reads and refuses what it refuses, naming the line", async () => {
  const good = '\ufeffa,b\r\n1,"x, ""y"""\r\n2,"multi\nline"\r\n\r\n3,\r\n';
  await withFile(good, async (path) => {
    assertEquals(await validateCsvFile(path, "utf-8"), 7);
    const rows = [];
    for await (const r of (await openCsv(path)).records) rows.push(r.cells);
    assertEquals(rows, [["1", 'x, "y"'], ["2", "multi\nline"], ["3", ""]]);
  });
  const bad: [string, string][] = [
    ['a,b\n1,x\n2,ab"c\n', "line 3 has a quote inside an unquoted field"],
    ['a,b\n1,"x\n2,y\n', "the quoted field opened on line 2 is never closed"],
    ['a,b\n1,"x"y\n', "on line 2 a closing quote is followed by 'y'"],
    ['a,b\r\n1,"x"\n2,y\r\n', "on line 2 a closing quote is followed by a line break other than"],
  ];
  for (const [text, message] of bad) {
    await withFile(text, async (path) => {
      const error = await assertRejects(() => validateCsvFile(path, "utf-8"), ValidationError);
      assertIncludes(error.message, message);
      // The streaming parser refuses the same files.
      await assertRejects(async () => {
        for await (const _ of (await openCsv(path)).records) { /* read on */ }
      }, ValidationError);
    });
  }
});

Deno.test("invalid UTF-8: the first bad byte's offset; overlongs, surrogates and cut sequences count", () => {
  const enc = (s: string) => [...new TextEncoder().encode(s)];
  assertEquals(invalidUtf8Offset(new Uint8Array(enc("ok é € 😀"))), -1);
  assertEquals(invalidUtf8Offset(new Uint8Array([...enc("caf"), 0xe9])), 3);
  assertEquals(invalidUtf8Offset(new Uint8Array([0x61, 0xc0, 0x80])), 1, "overlong");
  assertEquals(invalidUtf8Offset(new Uint8Array([0xed, 0xa0, 0x80])), 0, "surrogate");
  assertEquals(invalidUtf8Offset(new Uint8Array([0x61, 0x62, 0xe2, 0x82])), 2, "cut at the end");
});

Deno.test("encodings: latin1 and windows-1252 read on purpose; UTF-16 in both byte orders", async () => {
  await withFile(new Uint8Array([0x61, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x80, 0x0a]), async (path) => {
    const error = await assertRejects(() => validateCsvFile(path, "utf-8"), ValidationError);
    assertIncludes(error.message, "line 2, byte offset 5");
    for (const encoding of ["latin1", "windows-1252"] as const) {
      const rows = [];
      for await (const r of (await openCsv(path, { encoding })).records) rows.push(r.cells[0]);
      assertEquals(rows, ["café€"]);
    }
  });
  const text = "h\nZoë\n";
  const le = [0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])];
  const be = [0xfe, 0xff, ...[...text].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])];
  for (const bytes of [le, be]) {
    await withFile(new Uint8Array(bytes), async (path) => {
      await validateCsvFile(path, "utf-16");
      const csv = await openCsv(path, { encoding: "utf-16" });
      assertEquals(csv.header, ["h"]);
      const rows = [];
      for await (const r of csv.records) rows.push(r.cells[0]);
      assertEquals(rows, ["Zoë"]);
    });
  }
});
