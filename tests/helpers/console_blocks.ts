/**
 * The runnable examples of a Markdown page: its ```` ```console ```` blocks, its hidden set-up comments and the
 * emulator it needs. The conventions are described in docs/user-manual/00-index.md ("How to read the examples").
 */

/** What a page needs before its examples run. */
export type EmulatorMode = "signed-in" | "started" | "none";

/** One step of a page, in page order. */
export type ExampleStep =
  | {
    kind: "command";
    line: number;
    command: string;
    expected: string;
    /** Where the expected output starts (1-based) and how many lines it has, for rewriting it. */
    output: { line: number; count: number };
  }
  | { kind: "setup"; line: number; command: string };

/** A page's examples. */
export interface PageExamples {
  mode: EmulatorMode;
  steps: ExampleStep[];
  /** Malformed blocks, each naming its line. */
  problems: string[];
}

const MODE = /^<!--\s*emulator:\s*([\w-]+)\s*-->\s*$/m;
const MODES: readonly EmulatorMode[] = ["signed-in", "started", "none"];

/** Extracts the runnable examples of a Markdown page (line numbers are 1-based). */
export function parseExamples(markdown: string): PageExamples {
  const lines = markdown.split("\n");
  const problems: string[] = [];
  const steps: ExampleStep[] = [];
  let mode: EmulatorMode = "signed-in";
  const declared = MODE.exec(markdown)?.[1];
  if (declared !== undefined) {
    if ((MODES as readonly string[]).includes(declared)) mode = declared as EmulatorMode;
    else problems.push(`unknown <!-- emulator: ${declared} -->; use one of ${MODES.join(", ")}`);
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^<!--\s*console-setup\s*$/.test(line)) {
      const start = i + 1;
      const body: string[] = [];
      while (++i < lines.length && !/^\s*-->\s*$/.test(lines[i])) body.push(lines[i]);
      if (i >= lines.length) problems.push(`line ${start}: <!-- console-setup is never closed with -->`);
      steps.push({ kind: "setup", line: start, command: body.join("\n") });
      continue;
    }
    const fence = /^(\s*)(`{3,})(\S*)/.exec(line);
    if (!fence) continue;
    const [, , ticks, info] = fence;
    const start = i + 1;
    const body: { text: string; line: number }[] = [];
    while (++i < lines.length && !lines[i].trimStart().startsWith(ticks)) {
      body.push({ text: lines[i], line: i + 1 });
    }
    if (info !== "console") continue;
    if (i >= lines.length) problems.push(`line ${start}: the console block is never closed`);
    let current: { line: number; command: string[]; expected: string[]; outputLine: number } | undefined;
    const flush = () => {
      if (!current) return;
      steps.push({
        kind: "command",
        line: current.line,
        command: current.command.join("\n"),
        expected: current.expected.join("\n"),
        output: { line: current.outputLine, count: current.expected.length },
      });
    };
    for (let k = 0; k < body.length; k++) {
      const { text, line: at } = body[k];
      if (text.startsWith("$ ")) {
        flush();
        current = { line: at, command: [text.slice(2)], expected: [], outputLine: at + 1 };
        // A trailing backslash continues the command on the next line, as in the shell.
        while (current.command.at(-1)!.endsWith("\\") && k + 1 < body.length) {
          current.command.push(body[++k].text);
          current.outputLine++;
        }
      } else if (current) current.expected.push(text);
      else if (text.trim() !== "") {
        problems.push(`line ${at}: a console block must start with a "$ " command line, found: ${text}`);
      }
    }
    flush();
  }
  return { mode, steps, problems };
}

/**
 * Matches expected output lines against actual ones; an expected line that is exactly `...` matches any
 * number of lines (including none), and `...` inside a line any text. Both are already normalised.
 */
export function matchLines(expected: string[], actual: string[]): boolean {
  const memo = new Map<string, boolean>();
  const go = (e: number, a: number): boolean => {
    const key = `${e},${a}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (e === expected.length) result = a === actual.length;
    else if (expected[e] === "...") result = go(e + 1, a) || (a < actual.length && go(e, a + 1));
    else result = a < actual.length && lineMatches(expected[e], actual[a]) && go(e + 1, a + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

function lineMatches(expected: string, actual: string): boolean {
  if (expected === actual) return true;
  if (!expected.includes("...")) return false;
  const pattern = expected.split("...").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${pattern}$`).test(actual);
}

/**
 * Replaces the expected output of the given steps in a page by what they printed (`deno task snapshots`).
 * Blank lines that ended the old output are kept, so the page's spacing stays.
 */
export function rewriteOutputs(markdown: string, outputs: { step: ExampleStep; text: string }[]): string {
  const lines = markdown.split("\n");
  const sorted = outputs.filter((o) => o.step.kind === "command")
    .sort((a, b) => (b.step as { line: number }).line - (a.step as { line: number }).line);
  for (const { step, text } of sorted) {
    if (step.kind !== "command") continue;
    const start = step.output.line - 1;
    const old = lines.slice(start, start + step.output.count);
    let blanks = 0;
    while (blanks < old.length && old[old.length - 1 - blanks].trim() === "") blanks++;
    const fresh = text === "" ? [] : text.split("\n");
    lines.splice(start, step.output.count, ...fresh, ...new Array(blanks).fill(""));
  }
  return lines.join("\n");
}
