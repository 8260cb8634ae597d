/** `ppx solution list`: the solutions installed in an environment. */

import { Command, Option } from "@commander-js/extra-typings";
import {
  listInstalledSolutions,
  type ListSolutionsOptions,
} from "../../../lib/solutions/lifecycle/inspect.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { type HostFlag, hostFlags, hostOf } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";

/** The options `solution list` parses its argv into. */
export interface SolutionListOptions extends ListSolutionsOptions {
  /** The org, when given. */
  host?: HostFlag;
}

/** Builds `solution list`; `runF` receives the parsed options (tests capture them). */
export default function listCommand(app: App, runF: RunF<SolutionListOptions> = runList) {
  return hostFlags(
    new Command("list")
      .description("List the solutions in the environment (unique name, version, managed)")
      .option("--include-system", "include Default, Active, Basic and hidden solutions")
      .addOption(new Option("--includeSystemSolutions", "pac name of --include-system").hideHelp())
      .addHelpText("after", "\nExamples:\n  ppx solution list\n  ppx solution list --include-system --json"),
  ).action(async (flags, command) => {
    await runF({
      includeSystem: flags.includeSystem === true || flags.includeSystemSolutions === true,
      host: hostOf(flags),
    }, app.context(command));
  });
}

/** Lists the solutions: a table for people, the list as it is for machines. */
export async function runList(options: SolutionListOptions, ctx: Context): Promise<void> {
  const { client } = await dataverseClient(ctx, options.host);
  const list = await listInstalledSolutions(options, { client });
  ctx.out.result(list, { columns: ["uniqueName", "friendlyName", "version", "managed"] });
}
