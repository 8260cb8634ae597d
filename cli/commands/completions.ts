/** `ppx completions SHELL`: a completion script generated from the full command tree. */

import { Argument, Command } from "@commander-js/extra-typings";
import type { App } from "../app.ts";
import { completionScript, SHELLS } from "../completions/scripts.ts";
import { flattenTree } from "../completions/tree.ts";

/** Builds the completions command. */
export default function completions(app: App) {
  return new Command("completions")
    .description("Print a shell completion script")
    .addArgument(new Argument("<shell>", "the shell").choices(SHELLS))
    .addHelpText(
      "after",
      "\nExamples:\n  source <(ppx completions bash)          # add to ~/.bashrc\n  ppx completions fish | source\n  ppx completions powershell | Out-String | Invoke-Expression",
    )
    .action(async (shell, _options, command) => {
      const ctx = app.context(command);
      const tree = await app.fullTree();
      ctx.io.stdout.write(completionScript(shell, flattenTree(tree)));
    });
}
