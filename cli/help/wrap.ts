/**
 * Wraps help text at the terminal width. Commander wraps option descriptions itself; the free text around
 * them (examples sections, `ppx help environment`, the root help generated ahead of time) is wrapped here,
 * keeping each line's indentation and aligning continuations with a second column when there is one.
 *
 * @module
 */

/** Narrower than this, wrapping does more harm than good (one word per line). */
const MIN_WIDTH = 40;

function wrapLine(line: string, width: number): string {
  if (line.length <= width) return line;
  const indent = /^ */.exec(line)![0].length;
  // `  TERM    description`: continue under the description.
  const column = /^( *\S+(?: \S+)*? {2,})\S/.exec(line);
  const hang = column && column[1].length < width - 20 ? column[1].length : indent;
  // A comment in an examples block continues as a comment.
  const lead = /^ *# /.test(line) ? "# " : "";
  // A command line to copy (`ppx ...`, `$ ...`, `curl ...`) stays whole.
  if (/^\s*(ppx|\$|curl|GH_TOKEN=|export|source|deno)\b/.test(line)) return line;
  const out: string[] = [];
  let rest = line;
  let first = true;
  while (rest.length > width) {
    const limit = rest.slice(0, width + 1);
    const start = first ? indent : hang;
    const cut = limit.lastIndexOf(" ");
    if (cut <= start) break;
    out.push(rest.slice(0, cut).trimEnd());
    rest = " ".repeat(hang) + lead + rest.slice(cut + 1).trimStart();
    first = false;
  }
  out.push(rest);
  return out.join("\n");
}

/** `text` with every line longer than `width` wrapped at spaces (unchanged below MIN_WIDTH columns). */
export function wrapHelp(text: string, width: number): string {
  if (!Number.isFinite(width) || width < MIN_WIDTH) return text;
  return text.split("\n").map((line) => wrapLine(line, width)).join("\n");
}
