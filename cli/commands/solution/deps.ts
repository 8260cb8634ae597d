/** `ppx solution deps` and `check`: dependencies through RetrieveMissingDependencies / ...ForUninstall. */

import { Command, Option } from "@commander-js/extra-typings";
import { UsageError } from "../../../lib/errors.ts";
import { dependencies, dependenciesDot } from "../../../lib/solutions/lifecycle/solutions.ts";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlag, withHost } from "../dv/shared.ts";

/** Builds `solution deps`. */
export function depsCommand(app: App) {
  return withHost(
    new Command("deps")
      .description(
        "Show a solution's missing dependencies (or what blocks uninstalling it) as JSON or Graphviz dot",
      )
      .option("-n, --name <uniquename>", "the solution's unique name")
      .option(
        "--uninstall",
        "dependencies that block deleting the solution (RetrieveDependenciesForUninstall)",
      )
      .addOption(new Option("--format <format>", "json or dot").choices(["json", "dot"]).default("json"))
      .addHelpText(
        "after",
        "\nExamples:\n  ppx solution deps --name Contoso --format dot | dot -Tsvg > deps.svg",
      ),
  ).action(async (options, command) => {
    const ctx = app.context(command);
    if (!options.name) throw new UsageError("Missing --name.", { hint: "Pass --name <uniquename>." });
    const { client } = await dataverseClient(ctx, hostFlag(options));
    const list = await dependencies(client, options.name, options.uninstall ? "uninstall" : "missing");
    if (options.format === "dot") ctx.io.stdout.write(dependenciesDot(list));
    else ctx.io.stdout.write(JSON.stringify(list, null, 2) + "\n");
  });
}

/** Builds `solution check`: exit 1 when the solution has missing dependencies. */
export function checkCommand(app: App) {
  return withHost(
    new Command("check")
      .description("Check a solution for missing dependencies (exit 1 when some are missing)")
      .option("-n, --name <uniquename>", "the solution's unique name")
      .addHelpText("after", "\nExamples:\n  ppx solution check --name Contoso"),
  ).action(async (options, command) => {
    const ctx = app.context(command);
    if (!options.name) throw new UsageError("Missing --name.", { hint: "Pass --name <uniquename>." });
    const { client } = await dataverseClient(ctx, hostFlag(options));
    const missing = await dependencies(client, options.name, "missing");
    ctx.out.result({ ok: missing.length === 0, missing }, (_data, out) => {
      if (missing.length === 0) return out.success(`${options.name} has no missing dependencies.`);
      out.warn(`${options.name} has ${missing.length} missing dependencies:`);
      out.print(missing, {
        columns: [
          "requiredcomponenttype",
          "requiredcomponentobjectid",
          "dependentcomponenttype",
          "dependentcomponentobjectid",
        ],
      });
    });
    if (missing.length > 0) ctx.conclude("failed");
  });
}
