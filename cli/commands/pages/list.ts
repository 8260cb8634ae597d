/** `ppx pages list`: the Power Pages sites of an environment, both data models. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { HostFlag } from "../../dataverse_host.ts";
import type { RunF } from "../../kit/leaf.ts";
import { hostFlag, withHost } from "../dv/shared.ts";

/** The options `pages list` parses. */
export interface PagesListOptions {
  /** `--dataverse-host` / `-e`. */
  host?: HostFlag;
}

/** Builds `pages list`. */
export default function listCommand(app: App, runF: RunF<PagesListOptions> = runListCommand) {
  return withHost(
    new Command("list")
      .description("List the Power Pages sites in the environment (name, id, data model)")
      .addHelpText("after", "\nExamples:\n  ppx pages list\n  ppx pages list --json"),
  ).action(async (options, command) => {
    await runF({ host: hostFlag(options) }, app.context(command));
  });
}

/** Lists the sites. */
export async function runListCommand(options: PagesListOptions, ctx: Context): Promise<void> {
  // The pages use-cases (yaml, node:path, node:crypto) load when the command runs, not for `--help` (ADR 0023).
  const { listSites } = await import("../../../lib/pages/mod.ts");
  const { dataverseClient } = await import("../../dataverse_host.ts");
  const { client } = await dataverseClient(ctx, options.host);
  ctx.out.result(await listSites(client), { columns: ["name", "id", "model"] });
}
