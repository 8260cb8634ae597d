/**
 * Line-level publishing conventions on the definition's text: spaces rather than tabs for indentation,
 * no trailing whitespace. Reported once per kind with the first line and the count, so a file indented
 * with tabs throughout is one finding, not a thousand.
 *
 * Permissions: none.
 *
 * @module
 */

import type { Finding } from "./findings.ts";

/** Finds tab indentation and trailing whitespace in a JSON text. */
export function checkText(text: string, file: string): Finding[] {
  const tabs: number[] = [];
  const trailing: number[] = [];
  text.split("\n").forEach((line, i) => {
    const l = line.replace(/\r$/, "");
    if (/^\s*\t/.test(l)) tabs.push(i + 1);
    if (/[ \t]+$/.test(l)) trailing.push(i + 1);
  });
  const out: Finding[] = [];
  const add = (code: string, lines: number[], what: string) => {
    if (lines.length === 0) return;
    const more = lines.length > 1 ? ` (and ${lines.length - 1} more line${lines.length > 2 ? "s" : ""})` : "";
    out.push({
      level: "Warning",
      code,
      file,
      path: "$",
      line: lines[0],
      column: 1,
      message: `${what} at line ${lines[0]}${more}.`,
    });
  };
  add("PpxIndentation", tabs, "Tab indentation; use four spaces");
  add("PpxTrailingWhitespace", trailing, "Trailing whitespace");
  return out;
}
