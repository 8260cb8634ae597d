/** `ppx env list`: the tenant's environments with their Dataverse URLs; `*` marks the selected one. */

import { Command, Option } from "@commander-js/extra-typings";
import { listEnvironmentsUseCase } from "../../../lib/powerplatform/env_use_cases.ts";
import type { App } from "../../app.ts";
import { CLOUD_HELP } from "../../admin/builder.ts";
import { environmentQuery, environments, useCloud } from "../../admin/context.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";

/** The options `env list` parses its argv into. */
export interface EnvListOptions {
  /** `--filter`: only environments whose name, id, URL or unique name contains it. */
  filter?: string;
  /** `--cloud`, when given. */
  cloud?: string;
}

/** Builds `env list`; `runF` receives the parsed options (tests capture them). */
export default function list(app: App, runF: RunF<EnvListOptions> = runList) {
  return new Command("list")
    .description("List environments: display name, id, type, region, Dataverse URL, state (* = selected)")
    .addOption(
      new Option("--filter <text>", "only environments whose name, id, URL or unique name contains TEXT"),
    )
    .addOption(new Option("--cloud <cloud>", CLOUD_HELP))
    .addHelpText("after", "\nExample:\n  ppx env list\n")
    .action(async (options, command) => {
      await runF({ filter: options.filter, cloud: options.cloud }, app.context(command));
    });
}

/** Lists the environments (a list: a table marking the selected one, or the array with --json). */
export async function runList(options: EnvListOptions, ctx: Context): Promise<void> {
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
}
