/** Flattens the command tree into what shell completion needs: sub-commands and flags per path. */

import type { Command } from "@commander-js/extra-typings";

/** Completion data for one command path ("" is the root). */
export interface CompletionNode {
  path: string;
  subcommands: string[];
  flags: string[];
}

/** Walks the tree; hidden commands are left out, global flags are offered everywhere. */
export function flattenTree(root: Command): CompletionNode[] {
  const nodes: CompletionNode[] = [];
  const globalFlags = flagsOf(root);
  const visit = (command: Command, path: string) => {
    const visible = command.commands.filter((c) => !(c as unknown as { _hidden: boolean })._hidden);
    const subcommands = visible.flatMap((c) => [c.name(), ...c.aliases()]);
    const flags = [...new Set([...flagsOf(command), ...globalFlags, "--help"])].sort();
    nodes.push({ path, subcommands, flags });
    for (const sub of visible) visit(sub as unknown as Command, path ? `${path} ${sub.name()}` : sub.name());
  };
  visit(root, "");
  return nodes;
}

function flagsOf(command: Command): string[] {
  return command.options
    .filter((o) => !o.hidden)
    .flatMap((o) => [o.long, o.short].filter((f): f is string => typeof f === "string"));
}

/** Quotes a word for a single-quoted shell string. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
