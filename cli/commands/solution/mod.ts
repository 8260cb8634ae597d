/**
 * `ppx solution`: one file per leaf command. Local packaging (pack, unpack, create-settings, version on a
 * folder) and the Dataverse lifecycle (list, export, import, import-status, publish-all, delete,
 * components, deps, check). The hidden legacy `--action <op>` forwards to the subcommand.
 */

import { Command, type CommandUnknownOpts, Option } from "@commander-js/extra-typings";
import { UsageError } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";
import componentsCommand from "./components.ts";
import createSettingsCommand from "./create_settings.ts";
import deleteCommand from "./delete.ts";
import { checkCommand, depsCommand } from "./deps.ts";
import exportCommand from "./export.ts";
import importCommand from "./import.ts";
import importStatusCommand from "./import_status.ts";
import listCommand from "./list.ts";
import packCommand from "./pack.ts";
import publishAllCommand from "./publish_all.ts";
import unpackCommand from "./unpack.ts";
import versionCommand from "./version.ts";

type Leaf = (app: App) => CommandUnknownOpts;

/** The leaf commands, in help order. */
const LEAVES: Leaf[] = [
  listCommand,
  exportCommand,
  importCommand,
  importStatusCommand,
  publishAllCommand,
  deleteCommand,
  componentsCommand,
  depsCommand,
  checkCommand,
  createSettingsCommand,
  versionCommand,
  unpackCommand,
  packCommand,
];

/** Actions the legacy `--action` flag accepted. */
const LEGACY = ["list", "export", "import", "publish-all", "pack", "unpack", "pack-sp", "unpack-sp"];

let warned = false;

/** Builds the solution group. */
export default function solution(app: App) {
  const group = new Command("solution")
    .description("Solutions: list, export, import, dependencies, deployment settings, pack and unpack")
    .addOption(new Option("--action <op>", "deprecated: use `ppx solution <op>`").hideHelp())
    .allowUnknownOption()
    .allowExcessArguments()
    .argument("[args...]")
    .usage("[options] [command]");
  for (const leaf of LEAVES) group.addCommand(leaf(app));
  group.action(async (args, options, command) => {
    if (!options.action) {
      if (args.length > 0) {
        throw new UsageError(`unknown command '${args[0]}'`, { hint: "See `ppx solution --help`." });
      }
      command.help({ error: true });
      return;
    }
    const op = options.action;
    if (!LEGACY.includes(op)) {
      throw new UsageError(`Unknown solution action: ${op}`, { hint: `Use one of ${LEGACY.join(", ")}.` });
    }
    if (!warned) {
      warned = true;
      app.context(command).out.warn(
        "Deprecated: action-style solution invocations are still supported but will be removed. " +
          `Use \`ppx solution ${op}\` instead.`,
      );
    }
    const sub = command.commands.find((c) => c.name() === op || c.aliases().includes(op));
    await sub!.parseAsync([...args, ...command.args.filter((a) => !args.includes(a))], { from: "user" });
  });
  return group;
}
