/** `ppx pages list`: the Power Pages sites of an environment, both data models. */

import { Command } from "@commander-js/extra-typings";
import { listSites } from "../../../lib/pages/mod.ts";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlag, withHost } from "../dv/shared.ts";

/** Builds `pages list`. */
export default function listCommand(app: App) {
  return withHost(
    new Command("list")
      .description("List the Power Pages sites in the environment (name, id, data model)")
      .addHelpText("after", "\nExamples:\n  ppx pages list\n  ppx pages list --json"),
  ).action(async (options, command) => {
    const ctx = app.context(command);
    const { client } = await dataverseClient(ctx, hostFlag(options));
    ctx.out.print(await listSites(client), { columns: ["name", "id", "model"] });
  });
}
