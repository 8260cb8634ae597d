/**
 * Settings every command of the tree shares (output through the IO object, errors thrown instead of
 * exiting, help layout). A module of its own because lazily loaded commands (`ppx login`) need it too, and
 * importing the entry point from them would wait on the entry point's own top-level await.
 *
 * @module
 */

import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { IO } from "./output/io.ts";

/** Applies IO, error and help settings to a command and all its subcommands. */
export function configureTree(command: CommandUnknownOpts, io: IO): void {
  command
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      getOutHelpWidth: () => io.columns,
      getErrHelpWidth: () => io.columns,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .showHelpAfterError("(add --help for usage)")
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true });
  for (const sub of command.commands) configureTree(sub, io);
}
