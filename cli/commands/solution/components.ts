/** `ppx solution components`: the components of a solution, as JSON or CSV. */

import { Command, Option } from "@commander-js/extra-typings";
import { type ComponentsOptions, solutionComponents } from "../../../lib/solutions/lifecycle/inspect.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { type HostFlag, hostFlags, hostOf, wholeNumber } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";
import { worded } from "./advice.ts";
import { requiredName } from "./shared.ts";

/** The options `solution components` parses its argv into. */
export interface SolutionComponentsOptions extends ComponentsOptions {
  /** `json` and `csv` print the list in that format whatever `--output` says; default: a table. */
  format?: "json" | "csv" | "table";
  /** The org, when given. */
  host?: HostFlag;
}

/** Builds `solution components`; `runF` receives the parsed options (tests capture them). */
export default function componentsCommand(
  app: App,
  runF: RunF<SolutionComponentsOptions> = runComponents,
) {
  return hostFlags(
    new Command("components")
      .description(
        "List a solution's components (componenttype codes: 1 table, 29 process, 61 web resource, ...)",
      )
      .option("-n, --name <uniquename>", "the solution's unique name")
      .option("--type <code>", "only this componenttype", wholeNumber("--type", { min: 0 }))
      .addOption(
        new Option("--format <format>", "json, csv or table").choices(["json", "csv", "table"] as const),
      )
      .addHelpText("after", "\nExamples:\n  ppx solution components --name Contoso --type 1 --format csv"),
  ).action(async (flags, command) => {
    const ctx = app.context(command);
    await runF(
      { name: requiredName(flags.name), type: flags.type, format: flags.format, host: hostOf(flags) },
      ctx,
    );
  });
}

/** Lists the components and prints them as `--format` says. */
export async function runComponents(options: SolutionComponentsOptions, ctx: Context): Promise<void> {
  const { client } = await dataverseClient(ctx, options.host);
  const list = await worded(solutionComponents(options, { client }));
  if (options.format === "csv") {
    const { stringify } = await import("csv-stringify/sync");
    const columns = ["id", "objectId", "componentType", "rootComponentBehavior"];
    ctx.io.stdout.write(stringify(list.map((c) => ({ ...c })), { header: true, columns }));
    return;
  }
  if (options.format === "json") {
    // --format json is the list as JSON whatever --output says.
    ctx.io.stdout.write(JSON.stringify(list, null, 2) + "\n");
    return;
  }
  ctx.out.result(list, { columns: ["componentType", "objectId", "id"] });
}
