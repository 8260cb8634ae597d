/**
 * Settings every command of the tree shares (output through the IO object, errors thrown instead of
 * exiting, help layout, "did you mean"). A module of its own because lazily loaded commands (`ppx login`)
 * need it too, and importing the entry point from them would wait on the entry point's own top-level await.
 *
 * @module
 */

import type { Command, CommandUnknownOpts } from "@commander-js/extra-typings";
import type { IO } from "./output/io.ts";
import { attachExamples } from "./help/example_sections.ts";
import { wrapHelp } from "./help/wrap.ts";
import { missingGroupMessage, PACX_GROUPS, unknownCommandMessage } from "./suggest.ts";

/** The names and visible aliases a user can type under `command`. */
function commandWords(command: CommandUnknownOpts): string[] {
  const words: string[] = [];
  for (const sub of command.createHelp().visibleCommands(command)) {
    words.push(sub.name(), ...sub.aliases());
  }
  return words;
}

/**
 * Replaces commander's unknown-command report (its suggester mangles words that start with `--` and offers
 * destructive commands) with ours, and points PACX groups ppx lacks at `ppx api`.
 */
function reportUnknownCommands(command: CommandUnknownOpts): void {
  command.on("command:*", (operands: string[]) => {
    const word = operands[0];
    const known = command.commands.some((c) => c.name() === word || c.aliases().includes(word));
    const message = !command.parent && !known && PACX_GROUPS.has(word)
      ? missingGroupMessage(word)
      : unknownCommandMessage(word, commandWords(command));
    command.error(message, { code: "commander.unknownCommand" });
  });
}

/** Commands whose unknown-command report is ours already (`ppx login` configures its tree again). */
const hooked = new WeakSet<object>();

/** Applies IO, error and help settings to a command and all its subcommands. */
export function configureTree(command: CommandUnknownOpts, io: IO): void {
  command
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(wrapHelp(s, io.columns)),
      // Error messages stay one line each, for logs and grep.
      writeErr: (s) => io.stderr.write(s),
      getOutHelpWidth: () => io.columns,
      getErrHelpWidth: () => io.columns,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .showHelpAfterError("(add --help for usage)")
    .showSuggestionAfterError(true)
    // Wide command terms (`bulk-csv [options] <entityset> <csv>`) leave little room: wrap anyway.
    .configureHelp({ showGlobalOptions: true, minWidthToWrap: 24 });
  attachExamples(command);
  if (command.commands.length > 0 && !hooked.has(command)) {
    hooked.add(command);
    reportUnknownCommands(command as unknown as CommandUnknownOpts);
  }
  for (const sub of command.commands) configureTree(sub as unknown as Command, io);
}
