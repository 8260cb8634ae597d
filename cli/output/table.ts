/** Aligned, borderless tables for people, fitted to the terminal width. */

import Table from "cli-table3";
import stringWidth from "string-width";
import type { Styler } from "./color.ts";
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

/**
 * Shrinks the widest columns until the table fits `maxWidth`; cells that no longer fit are cut with an
 * ellipsis by the table library.
 */
export function fitWidths(natural: number[], maxWidth: number, gap = 2): number[] {
  const widths = [...natural];
  const total = () => widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1);
  while (total() > maxWidth) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest] <= 8) break;
    widths[widest] -= 1;
  }
  return widths;
}

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
