/**
 * A command's examples and its help's "Examples:" section: its own section if its file wrote one, else the
 * hand-written ones of examples.ts, else (a group) the first example of its first commands. Used by
 * `configureTree` for `--help` and by `deno task docs` for the reference.
 *
 * @module
 */

import { runsPpx } from "./example_argv.ts";
import { type Example, EXAMPLES } from "./examples.ts";

/** The structural part of a commander command these helpers read. */
interface HelpNode {
  name(): string;
  readonly parent: HelpNode | null;
  readonly commands: readonly HelpNode[];
}

/** commander's Command is an EventEmitter; its typings do not say so. */
type Emitter = { listeners(event: string): ((context: unknown) => void)[] };

/** `ppx dv list`: the names from the root down. */
export function commandPath(command: HelpNode): string {
  const names: string[] = [];
  for (let c: HelpNode | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/** The text `addHelpText("after", ...)` sections add below a command's help. */
export function afterHelpText(command: HelpNode): string {
  let text = "";
  const context = { error: false, command, write: (s: string) => (text += s) };
  for (const listener of (command as unknown as Emitter).listeners("afterHelp")) listener(context);
  return text;
}

/**
 * The command lines of the "Example:" / "Examples:" section of a help text: indented lines up to the
 * next blank line; a `# comment` line is skipped, a trailing one dropped, a `\` continuation joined, and
 * a line that runs no ppx (`export X=...`, set-up for the next) is not an example.
 */
export function examplesInHelpText(text: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^Examples?:\s*$/.test(l));
  if (start < 0) return [];
  const found: string[] = [];
  let pending = "";
  for (const raw of lines.slice(start + 1)) {
    if (!raw.trim()) break;
    const line = raw.trim();
    if (line.startsWith("#") && !pending) continue;
    const joined = pending ? `${pending} ${line}` : line;
    if (joined.endsWith("\\")) {
      pending = joined.slice(0, -1).trimEnd();
      continue;
    }
    pending = "";
    const example = joined.replace(/\s{2,}#\s.*$/, "").trimEnd();
    if (runsPpx(example)) found.push(example);
  }
  return found;
}

/** Where a command's examples come from. */
export type ExampleSource = "own" | "data" | "children";

/** A command's examples and where they came from (none: an empty list). */
export interface CommandExamples {
  source: ExampleSource;
  examples: Example[];
}

/** What `attachExamples` found per command, so a second pass neither repeats nor re-reads its own section. */
const attached = new WeakMap<object, CommandExamples>();

/** A command's examples: its own "Examples:" section, else the hand-written ones, else its commands'. */
export function commandExamples(command: HelpNode): CommandExamples {
  const done = attached.get(command);
  if (done) return done;
  const own = examplesInHelpText(afterHelpText(command));
  if (own.length > 0) return { source: "own", examples: own.map((line) => ({ command: line })) };
  const data = EXAMPLES[commandPath(command)];
  if (data) return { source: "data", examples: data };
  // A group: the first example of each of its first commands (hidden ones are aliases: skipped).
  const examples: Example[] = [];
  for (const sub of command.commands) {
    if ((sub as { _hidden?: boolean })._hidden) continue;
    const first = commandExamples(sub).examples[0];
    if (first) examples.push(first);
    if (examples.length === 3) break;
  }
  return { source: "children", examples };
}

/** The "Examples:" section for `--help` (commands only; outputs live in the reference). */
export function examplesHelpText(examples: readonly Example[]): string {
  return `\nExamples:\n${examples.map((e) => `  ${e.command}`).join("\n")}\n`;
}

/** Adds the "Examples:" section to a command's help unless its own file wrote one (once per command). */
export function attachExamples(command: HelpNode): void {
  if (attached.has(command)) return;
  const found = commandExamples(command);
  if (found.source !== "own" && found.examples.length > 0) {
    (command as unknown as { addHelpText(position: "after", text: string): void })
      .addHelpText("after", examplesHelpText(found.examples));
  }
  attached.set(command, found);
}
