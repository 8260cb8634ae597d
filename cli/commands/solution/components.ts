/** `ppx solution components`: the components of a solution, as JSON or CSV. */

import { Command, Option } from "@commander-js/extra-typings";
import { stringify } from "csv-stringify/sync";
import { UsageError } from "../../../lib/errors.ts";
import { listComponents } from "../../../lib/solutions/lifecycle/solutions.ts";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlag, withHost } from "../dv/shared.ts";
import { wholeNumber } from "../../kit/flags.ts";

/** Builds `solution components`. */
export default function componentsCommand(app: App) {
  return withHost(
    new Command("components")
      .description(
        "List a solution's components (componenttype codes: 1 table, 29 process, 61 web resource, ...)",
      )
      .option("-n, --name <uniquename>", "the solution's unique name")
      .option("--type <code>", "only this componenttype", wholeNumber("--type", { min: 0 }))
      .addOption(new Option("--format <format>", "json, csv or table").choices(["json", "csv", "table"]))
      .addHelpText("after", "\nExamples:\n  ppx solution components --name Contoso --type 1 --format csv"),
  ).action(async (options, command) => {
    const ctx = app.context(command);
    if (!options.name) throw new UsageError("Missing --name.", { hint: "Pass --name <uniquename>." });
    const { client } = await dataverseClient(ctx, hostFlag(options));
    const list = await listComponents(client, options.name, { type: options.type });
    if (options.format === "csv") {
      const columns = ["id", "objectId", "componentType", "rootComponentBehavior"];
      ctx.io.stdout.write(stringify(list.map((c) => ({ ...c })), { header: true, columns }));
      return;
    }
    if (options.format === "json") {
      ctx.io.stdout.write(JSON.stringify(list, null, 2) + "\n");
      return;
    }
    ctx.out.print(list, { columns: ["componentType", "objectId", "id"] });
  });
}
