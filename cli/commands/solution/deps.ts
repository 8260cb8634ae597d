/** `ppx solution deps` and `check`: dependencies through RetrieveMissingDependencies / ...ForUninstall. */

import { Command, Option } from "@commander-js/extra-typings";
import {
  checkSolution,
  type DependenciesOptions,
  solutionDependencies,
} from "../../../lib/solutions/lifecycle/inspect.ts";
import { dependenciesDot } from "../../../lib/solutions/lifecycle/solutions.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { type HostFlag, hostFlags, hostOf } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";
import { worded } from "./advice.ts";
import { requiredName } from "./shared.ts";

/** The options `solution deps` parses its argv into. */
export interface SolutionDepsOptions extends DependenciesOptions {
  /** `json` (the list) or `dot` (a Graphviz digraph). */
  format: "json" | "dot";
  /** The org, when given. */
  host?: HostFlag;
}

/** Builds `solution deps`; `runF` receives the parsed options (tests capture them). */
export function depsCommand(app: App, runF: RunF<SolutionDepsOptions> = runDeps) {
  return hostFlags(
    new Command("deps")
      .description(
        "Show a solution's missing dependencies (or what blocks uninstalling it) as JSON or Graphviz dot",
      )
      .option("-n, --name <uniquename>", "the solution's unique name")
      .option(
        "--uninstall",
        "dependencies that block deleting the solution (RetrieveDependenciesForUninstall)",
      )
      .addOption(
        new Option("--format <format>", "json or dot").choices(["json", "dot"] as const).default(
          "json" as const,
        ),
      )
      .addHelpText(
        "after",
        "\nExamples:\n  ppx solution deps --name Contoso --format dot | dot -Tsvg > deps.svg",
      ),
  ).action(async (flags, command) => {
    const ctx = app.context(command);
    await runF({
      name: requiredName(flags.name),
      uninstall: flags.uninstall === true,
      format: flags.format,
      host: hostOf(flags),
    }, ctx);
  });
}

/** Reads the dependencies and prints them as JSON or dot (whatever `--output` says). */
export async function runDeps(options: SolutionDepsOptions, ctx: Context): Promise<void> {
  const { client } = await dataverseClient(ctx, options.host);
  const list = await worded(solutionDependencies(options, { client }));
  if (options.format === "dot") ctx.io.stdout.write(dependenciesDot(list));
  else ctx.io.stdout.write(JSON.stringify(list, null, 2) + "\n");
}

/** The options `solution check` parses its argv into. */
export interface SolutionCheckOptions {
  /** The solution's unique name. */
  name: string;
  /** The org, when given. */
  host?: HostFlag;
}

/** Builds `solution check`: exit 1 when the solution has missing dependencies. */
export function checkCommand(app: App, runF: RunF<SolutionCheckOptions> = runCheck) {
  return hostFlags(
    new Command("check")
      .description("Check a solution for missing dependencies (exit 1 when some are missing)")
      .option("-n, --name <uniquename>", "the solution's unique name")
      .addHelpText("after", "\nExamples:\n  ppx solution check --name Contoso"),
  ).action(async (flags, command) => {
    const ctx = app.context(command);
    await runF({ name: requiredName(flags.name), host: hostOf(flags) }, ctx);
  });
}

/** Checks for missing dependencies; the outcome is `failed` when some are missing. */
export async function runCheck(options: SolutionCheckOptions, ctx: Context): Promise<void> {
  const { client } = await dataverseClient(ctx, options.host);
  const report = await worded(checkSolution(options, { client }));
  const { missing } = report;
  ctx.out.result(report, (_data, out) => {
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
  if (!report.ok) ctx.conclude("failed");
}
