/** `ppx help [topic | command...]`: a help topic, or a command's help. */

import { Command } from "@commander-js/extra-typings";
import { UsageError } from "../../lib/errors.ts";
import type { App } from "../app.ts";
import { HELP_TOPICS } from "../help/topics.ts";
import { wrapHelp } from "../help/wrap.ts";

/** Builds the help command. */
export default function help(app: App) {
  return new Command("help")
    .description("Help on a command or a topic (environment, exit-codes, output)")
    .argument("[words...]", "a topic, or a command path such as `dv list`")
    .action((words, _options, command) => {
      const ctx = app.context(command);
      const root = command.parent!;
      const write = (text: string) => ctx.io.stdout.write(wrapHelp(text, ctx.io.columns));
      if (words.length === 0) return void write(root.helpInformation());
      const topic = HELP_TOPICS[words[0]];
      if (topic && words.length === 1) return void write(topic());
      let target = root;
      for (const word of words) {
        const next = target.commands.find((c) => c.name() === word || c.aliases().includes(word));
        if (!next) {
          throw new UsageError(`No help for '${words.join(" ")}'.`, {
            hint: `Topics: ${Object.keys(HELP_TOPICS).join(", ")}. Commands: run \`ppx --help\`.`,
          });
        }
        target = next as typeof root;
      }
      write(target.helpInformation());
    });
}
