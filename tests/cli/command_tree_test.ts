/**
 * Walks the whole command tree (every group loaded): every command says what it does, every visible
 * option has a help line, an option that takes a value names it (`--out <dir>`), and an option with a
 * default or a closed set of values shows them in its help.
 */

import type { Command, Option } from "@commander-js/extra-typings";
import { App } from "../../cli/app.ts";
import { BufferIO } from "../../cli/output/io.ts";
import { envFrom } from "../../lib/env.ts";
import { assertEquals } from "../helpers/assert.ts";

type AnyCommand = Command<unknown[], Record<string, unknown>, Record<string, unknown>>;

function walk(command: AnyCommand, path: string[], visit: (c: AnyCommand, path: string[]) => void): void {
  visit(command, path);
  for (const sub of command.commands as AnyCommand[]) walk(sub, [...path, sub.name()], visit);
}

Deno.test("every command and option in the tree has help, value names, defaults and choices", async () => {
  const app = new App({ io: new BufferIO({}), env: envFrom({}) });
  const root = await app.fullTree() as unknown as AnyCommand;
  const problems: string[] = [];
  let commands = 0, options = 0;
  walk(root, ["ppx"], (command, path) => {
    commands++;
    const where = path.join(" ");
    if (!command.description().trim()) problems.push(`${where}: no description`);
    const help = command.helpInformation();
    for (const option of command.options as Option[]) {
      if (option.hidden) continue;
      options++;
      const flag = option.long ?? option.short ?? option.flags;
      if (!option.description.trim()) problems.push(`${where} ${flag}: no help line`);
      if ((option.required || option.optional) && !/[<[]\w/.test(option.flags)) {
        problems.push(`${where} ${flag}: takes a value but names none`);
      }
      const line = help.split("\n").find((l) => l.includes(option.flags)) ?? "";
      const block = help.slice(help.indexOf(line), help.indexOf(line) + line.length + 400);
      if (option.argChoices && !block.includes("choices:")) {
        problems.push(`${where} ${flag}: choices not shown`);
      }
      if (
        option.defaultValue !== undefined && typeof option.defaultValue !== "boolean" &&
        !block.includes("default:")
      ) {
        problems.push(`${where} ${flag}: default not shown`);
      }
    }
  });
  assertEquals(problems, [], `${problems.length} problems in ${commands} commands and ${options} options`);
});
