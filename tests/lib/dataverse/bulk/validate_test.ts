import { invalidUtf8Offset } from "../../../../lib/dataverse/bulk/encoding.ts";
import { validateCsvFile } from "../../../../lib/dataverse/bulk/validate.ts";
import { openCsv } from "../../../../lib/dataverse/bulk/csv_rows.ts";
import { ValidationError } from "../../../../lib/errors.ts";
import { assertEquals, assertIncludes, assertRejects } from "../../../helpers/assert.ts";
import { tempDir } from "../../../helpers/fixtures.ts";

async function withFile(content: string | Uint8Array, fn: (path: string) => Promise<void>) {
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const path = `${dir}/f.csv`;
  if (typeof content === "string") await Deno.writeTextFile(path, content);
  else await Deno.writeFile(path, content);
  await fn(path);
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

async function parses(path: string): Promise<boolean> {
  try {
    for await (const _ of (await openCsv(path)).records) { /* read on */ }
    return true;
  } catch (error) {
    if (error instanceof ValidationError) return false;
    throw error;
  }
}

async function validates(path: string): Promise<boolean> {
  try {
    await validateCsvFile(path, "utf-8");
    return true;
  } catch (error) {
    if (error instanceof ValidationError) return false;
    throw error;
  }
}

Deno.test("the validating pass agrees with csv-parse on every file, random ones included", async () => {
  const cases = [
    'a,b\r\n1,x\n"y"\r\n',
    "a,b\n1,x\r\n2,y\n",
    'a,b\r\n1,"x"\n',
    'a\r2\r"3"\r',
    'a,b\r\n1,"x\r\ny"\r\n',
    'a,b\n\n\n1,""\n',
    'a,b\n1,"x"',
    'a,b\n1,"x" \n',
  ];
  // Random files over the characters that matter, from a fixed seed (a failure can be replayed).
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const alphabet = ["a", ",", '"', "\r", "\n", "\r\n", '""'];
  for (let k = 0; k < 400; k++) {
    let text = "h,i\r\n".slice(0, random() < 0.5 ? 5 : 0) || "h,i\n";
    const length = 1 + Math.floor(random() * 14);
    for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
    cases.push(text);
  }
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const disagree: string[] = [];
  for (const [i, text] of cases.entries()) {
    const path = `${dir}/${i}.csv`;
    await Deno.writeTextFile(path, text);
    const [v, p] = [await validates(path), await parses(path)];
    if (v !== p) disagree.push(`${JSON.stringify(text)}: pass ${v}, csv-parse ${p}`);
  }
  assertEquals(disagree, []);
});
