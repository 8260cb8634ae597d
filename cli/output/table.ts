/**
 * Aligned, borderless tables for people, fitted to the terminal width: string-width measures each cell
 * (wide characters and ANSI codes counted as the terminal shows them), the rest is padding.
 */

import { displayWidth as stringWidth } from "./libs.ts";
import type { Styler } from "./color.ts";
import { fitWidths } from "./fit.ts";
import { type Column, columnText, headerOf } from "./format.ts";

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
  const line = (cells: string[], styleCell: (text: string) => string = (t) => t) =>
    cells.map((cell, i) => {
      const text = fitCell(cell, widths[i]);
      return styleCell(text) + " ".repeat(Math.max(0, widths[i] - stringWidth(text)));
    }).join(GAP).trimEnd();
  return [line(headers, style.bold), ...rows.map((row) => line(row))].join("\n") + "\n";
}

const GAP = "  ";
const ELLIPSIS = "…";

/** Cuts `text` to `width` columns, ending in an ellipsis when anything was cut. */
export function fitCell(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = "";
  let used = 0;
  for (const char of text) {
    const w = stringWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return out + ELLIPSIS;
}
