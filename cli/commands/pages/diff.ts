/** `ppx pages diff` and `ppx pages diff-permissions`: what an upload would change, per record and file. */

import { Command } from "@commander-js/extra-typings";
import { ExitCode } from "../../../lib/errors.ts";
import { planHasWrites, runDiff } from "../../../lib/pages/mod.ts";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlag, withHost } from "../dv/shared.ts";
import { list, parseStrategy, pick, printPlan, resolvePath, withAliases } from "./shared.ts";

/** Builds `pages diff` (or `pages diff-permissions` with permissionsOnly). */
export default function diff(app: App, permissionsOnly = false) {
  let command = withHost(
    new Command(permissionsOnly ? "diff-permissions" : "diff")
      .description(
        permissionsOnly
          ? "Table permissions, web roles and page access rules: folder versus environment, as a plan"
          : "What an upload would change in the environment, per record and file (table or --json)",
      )
      .option("--exit-code", "exit 1 when there are differences, 0 when there are none")
      .option("--strategy <name>", "plan with this upload strategy (default replace)")
      .option("--delete-missing", "show deletes for records removed from the folder"),
  );
  command = withAliases(command, "--path <folder>", "the site folder (default: the current folder)", [
    "--src",
  ]);
  command = withAliases(command, "--website-id <id>", "check the folder is this site", ["--webSiteId"]);
  if (!permissionsOnly) {
    command = withAliases(command, "--include-entities <tables>", "only these tables", ["--includeEntities"]);
    command = withAliases(command, "--exclude-entities <tables>", "leave these tables out", [
      "--excludeEntities",
    ]);
  }
  return command.action(async (options, command) => {
    const ctx = app.context(command);
    const { client, org } = await dataverseClient(ctx, hostFlag(options));
    const o = options as { exitCode?: boolean; strategy?: string; deleteMissing?: boolean };
    const plan = await runDiff({
      path: resolvePath(ctx, pick<string>(options, "path", "src") ?? "."),
      websiteId: pick(options, "websiteId", "webSiteId"),
      strategy: parseStrategy(o.strategy),
      deleteMissing: o.deleteMissing === true,
      include: list(pick(options, "includeEntities")),
      exclude: list(pick(options, "excludeEntities")),
      permissionsOnly,
    }, { client, orgUrl: org.url });
    printPlan(ctx, plan, "Differences");
    if (o.exitCode && (planHasWrites(plan) || plan.refused.length)) app.exitCode = ExitCode.Failure;
  });
}
