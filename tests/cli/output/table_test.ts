import { deepStrictEqual, equal } from "node:assert/strict";
import { fitCell, renderTable } from "../../../cli/output/table.ts";
import { styler } from "../../../cli/output/color.ts";
import { loadFormatLibraries } from "../../../cli/output/libs.ts";

await loadFormatLibraries("table");

const plain = styler(false);

Deno.test("renderTable pads columns to their widest cell, two spaces apart, no trailing blanks", () => {
  const text = renderTable(
    [{ a: "x", b: "yyyy" }, { a: "longer value", b: "" }],
    [{ key: "a" }, {
      key: "b",
    }],
    80,
    plain,
  );
  deepStrictEqual(text.split("\n"), ["A             B", "x             yyyy", "longer value", ""]);
});

Deno.test("renderTable counts wide characters as two columns and cuts with an ellipsis to fit", () => {
  const text = renderTable(
    [{ name: "日本語のテキスト", id: "1" }],
    [{ key: "name" }, { key: "id" }],
    12,
    plain,
  );
  deepStrictEqual(text.split("\n"), ["NAME      ID", "日本語…   1", ""]);
});

Deno.test("fitCell never splits a surrogate pair", () => {
  equal(fitCell("emoji 😀 here", 8), "emoji …");
  equal(fitCell("emoji 😀 here", 9), "emoji 😀…");
  equal(fitCell("short", 8), "short");
});
