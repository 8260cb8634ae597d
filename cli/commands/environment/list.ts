/** `ppx env list`: the tenant's environments with their Dataverse URLs; `*` marks the selected one. */

import { Command, Option } from "@commander-js/extra-typings";
import { listEnvironmentsUseCase } from "../../../lib/powerplatform/env_use_cases.ts";
import type { App } from "../../app.ts";
import { CLOUD_HELP } from "../../admin/builder.ts";
import { environmentQuery, environments, useCloud } from "../../admin/context.ts";

/** Builds `env list`. */
export default function list(app: App) {
  return new Command("list")
    .description("List environments: display name, id, type, region, Dataverse URL, state (* = selected)")
    .addOption(
      new Option("--filter <text>", "only environments whose name, id, URL or unique name contains TEXT"),
    )
    .addOption(new Option("--cloud <cloud>", CLOUD_HELP))
    .addHelpText("after", "\nExample:\n  ppx env list\n")
    .action(async (options, command) => {
      const ctx = app.context(command);
      useCloud(ctx, options.cloud);
      const rows = await listEnvironmentsUseCase(
        { selected: await environmentQuery(ctx, undefined), filter: options.filter },
        { environments: () => environments(ctx) },
      );
      ctx.out.result(rows, (data, out) => {
        if (data.length === 0) return out.notice("No environments.");
        out.print(data.map((e) => ({
          " ": e.selected ? "*" : "",
          "display name": e.displayName,
          id: e.id,
          type: e.type ?? "",
          region: e.region ?? "",
          "dataverse url": e.url ?? "",
          state: e.state ?? "",
        })));
      });
    });
}
