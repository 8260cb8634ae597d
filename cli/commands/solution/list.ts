/** `ppx solution list`: the solutions installed in an environment. */

import { Command, Option } from "@commander-js/extra-typings";
import { listSolutions } from "../../../lib/solutions/lifecycle/solutions.ts";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlag, withHost } from "../dv/shared.ts";

/** Builds `solution list`. */
export default function listCommand(app: App) {
  return withHost(
    new Command("list")
      .description("List the solutions in the environment (unique name, version, managed)")
      .option("--include-system", "include Default, Active, Basic and hidden solutions")
      .addOption(new Option("--includeSystemSolutions", "pac name of --include-system").hideHelp())
      .addHelpText("after", "\nExamples:\n  ppx solution list\n  ppx solution list --include-system --json"),
  ).action(async (options, command) => {
    const ctx = app.context(command);
    const { client } = await dataverseClient(ctx, hostFlag(options));
    const list = await listSolutions(client, {
      includeSystem: options.includeSystem === true || options.includeSystemSolutions === true,
    });
    ctx.out.print(list, { columns: ["uniqueName", "friendlyName", "version", "managed"] });
  });
}
