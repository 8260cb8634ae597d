/** Aligned, borderless tables for people, fitted to the terminal width. */

import Table from "cli-table3";
import stringWidth from "string-width";
import type { Styler } from "./color.ts";
import { fitWidths } from "./fit.ts";
import { type Column, columnText, headerOf } from "./format.ts";

const NO_BORDER = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "",
  "left-mid": "",
  mid: "",
  "mid-mid": "",
  right: "",
  "right-mid": "",
  middle: "  ",
};

export { fitWidths } from "./fit.ts";

/** Renders records as an aligned table; returns the text including a final newline. */
export function renderTable(
  records: Record<string, unknown>[],
  columns: Column[],
  maxWidth: number,
  style: Styler,
): string {
  const headers = columns.map(headerOf);
  const rows = records.map((r) => columns.map((c) => columnText(c, r).replace(/\r?\n/g, " ")));
  const natural = headers.map((h, i) => Math.max(stringWidth(h), ...rows.map((row) => stringWidth(row[i]))));
  const widths = fitWidths(natural, maxWidth);
  const table = new Table({
    head: headers.map((h) => style.bold(h)),
    chars: NO_BORDER,
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0, compact: true },
    colWidths: widths,
    wordWrap: false,
  });
  for (const row of rows) table.push(row);
  return table.toString().split("\n").map((line) => line.trimEnd()).join("\n") + "\n";
}
