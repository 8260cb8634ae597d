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
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i];
    if (l.endsWith("\r")) l = l.slice(0, -1);
    // Character tests, not regular expressions: a large definition has tens of thousands of lines.
    let j = 0;
    while (j < l.length && l.charCodeAt(j) === 32) j++;
    if (l.charCodeAt(j) === 9) tabs.push(i + 1);
    const last = l.charCodeAt(l.length - 1);
    if (last === 32 || last === 9) trailing.push(i + 1);
  }
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
