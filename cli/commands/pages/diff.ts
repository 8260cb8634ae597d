/** `ppx pages diff` and `ppx pages diff-permissions`: what an upload would change, per record and file. */

import { Command } from "@commander-js/extra-typings";
import type { DiffOptions } from "../../../lib/pages/mod.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { HostFlag } from "../../dataverse_host.ts";
import type { RunF } from "../../kit/leaf.ts";
import { hostFlag, withHost } from "../dv/shared.ts";
import {
  list,
  parseStrategy,
  pick,
  printPlan,
  resolvePath,
  withAliases,
  withEntityFilters,
} from "./shared.ts";

/** The options `pages diff` parses: the use-case's plus the host and `--exit-code`. */
export interface PagesDiffOptions extends DiffOptions {
  /** `--dataverse-host` / `-e`. */
  host?: HostFlag;
  /** Exit 1 when there are differences. */
  exitCode?: boolean;
}

/** Builds `pages diff` (or `pages diff-permissions` with permissionsOnly). */
export default function diff(
  app: App,
  runF: RunF<PagesDiffOptions> = runDiffCommand,
  permissionsOnly = false,
) {
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
    command = withEntityFilters(command);
  }
  return command.action(async (options, command) => {
    const ctx = app.context(command);
    const o = options as { exitCode?: boolean; strategy?: string; deleteMissing?: boolean };
    await runF({
      path: await resolvePath(ctx, pick<string>(options, "path", "src") ?? "."),
      websiteId: pick(options, "websiteId", "webSiteId"),
      strategy: parseStrategy(o.strategy),
      deleteMissing: o.deleteMissing === true,
      include: list(pick(options, "includeEntities")),
      exclude: list(pick(options, "excludeEntities")),
      permissionsOnly,
      exitCode: o.exitCode === true,
      host: hostFlag(options),
    }, ctx);
  });
}

/** Runs a diff, prints the plan, and with `--exit-code` ends as "failed" when there are differences. */
export async function runDiffCommand(options: PagesDiffOptions, ctx: Context): Promise<void> {
  // The pages use-cases (yaml, node:path, node:crypto) load when the command runs, not for `--help` (ADR 0023).
  const { planHasWrites, runDiff } = await import("../../../lib/pages/mod.ts");
  const { dataverseClient } = await import("../../dataverse_host.ts");
  const { client, org } = await dataverseClient(ctx, options.host);
  const plan = await runDiff(options, { client, orgUrl: org.url });
  printPlan(ctx, plan, "Differences");
  if (options.exitCode && (planHasWrites(plan) || plan.refused.length)) ctx.conclude("failed");
}
