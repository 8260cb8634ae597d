/** `ppx completions SHELL`: a completion script generated from the full command tree. */

import { Argument, Command } from "@commander-js/extra-typings";
import type { App } from "../app.ts";
import { completionScript, type Shell, SHELLS } from "../completions/scripts.ts";
import { flattenTree } from "../completions/tree.ts";
import type { Context } from "../context.ts";
import type { RunF } from "../kit/leaf.ts";

/** The options `ppx completions` parses its argv into. */
export interface CompletionsOptions {
  /** The shell the script is for. */
  shell: Shell;
}

/** Builds the completions command; `runF` receives the parsed options (tests capture them). */
export default function completions(app: App, runF: RunF<CompletionsOptions> = runCompletions(app)) {
  return new Command("completions")
    .description("Print a shell completion script")
    .addArgument(new Argument("<shell>", "the shell").choices(SHELLS))
    .addHelpText(
      "after",
      "\nExamples:\n  source <(ppx completions bash)          # add to ~/.bashrc\n  ppx completions fish | source\n  ppx completions powershell | Out-String | Invoke-Expression",
    )
    .action(async (shell, _options, command) => {
      await runF({ shell }, app.context(command));
    });
}

/**
 * Prints the script, as it is in every output format (a shell sources it): the tree is the whole program,
 * which the app builds, so the run function is made per app.
 */
export function runCompletions(app: App): RunF<CompletionsOptions> {
  return async (options: CompletionsOptions, ctx: Context) => {
    const tree = await app.fullTree();
    ctx.io.stdout.write(completionScript(options.shell, flattenTree(tree)));
  };
}
