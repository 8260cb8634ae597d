/** `ppx pages upload`: only what changed since the last sync, in `$batch` change sets; `--dry-run` shows the plan. */

import { Command } from "@commander-js/extra-typings";
import type { UploadOptions } from "../../../lib/pages/mod.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { HostFlag } from "../../dataverse_host.ts";
import type { RunF } from "../../kit/leaf.ts";
import { hostFlag, withHost } from "../dv/shared.ts";
import {
  list,
  parseModel,
  parseStrategy,
  pick,
  planView,
  printPlan,
  resolvePath,
  withAliases,
  withEntityFilters,
} from "./shared.ts";

/** The options `pages upload` parses: the use-case's plus the host. */
export interface PagesUploadOptions extends UploadOptions {
  /** `--dataverse-host` / `-e`. */
  host?: HostFlag;
}

/** Builds `pages upload`. */
export default function upload(app: App, runF: RunF<PagesUploadOptions> = runUploadCommand) {
  let command = withHost(
    new Command("upload")
      .description("Upload a site folder (pac's layout): changed records and files only, as one plan")
      .option("--strategy <name>", "replace (default), merge, skip-existing or create-only")
      .option("--dry-run", "print the plan; send nothing")
      .option("--delete-missing", "delete records removed from the folder since the last sync")
      .addHelpText(
        "after",
        "\nStrategies:\n  replace        the folder wins: every changed record is written whole (content the folder lacks is cleared)\n" +
          "  merge          only fields that differ are written; fields the folder lacks are kept\n" +
          "  skip-existing  only records missing in the environment are created\n" +
          "  create-only    like skip-existing, but a record that exists stops the upload before anything is sent\n" +
          "\nExamples:\n  ppx pages upload --path ./site --dry-run\n  ppx pages upload --path ./site --strategy merge --json",
      ),
  );
  command = withAliases(command, "--path <folder>", "the site folder (default: the current folder)", [
    "--src",
  ]);
  command = withAliases(
    command,
    "--website-id <id>",
    "check the folder is this site (default: the folder's)",
    ["--webSiteId"],
  );
  command = withAliases(command, "--model-version <model>", "1 or 2: check the folder is of this model", [
    "--modelVersion",
  ]);
  command = withAliases(command, "--force-upload-all", "send every record, changed or not", [
    "--forceUploadAll",
  ]);
  command = withEntityFilters(command);
  return command.action(async (options, command) => {
    const ctx = app.context(command);
    const o = options as { dryRun?: boolean; deleteMissing?: boolean; strategy?: string };
    await runF({
      path: await resolvePath(ctx, pick<string>(options, "path", "src") ?? "."),
      websiteId: pick(options, "websiteId", "webSiteId"),
      strategy: parseStrategy(o.strategy),
      model: parseModel(pick(options, "modelVersion")),
      dryRun: o.dryRun === true,
      deleteMissing: o.deleteMissing === true,
      force: pick(options, "forceUploadAll") === true,
      include: list(pick(options, "includeEntities")),
      exclude: list(pick(options, "excludeEntities")),
      host: hostFlag(options),
    }, ctx);
  });
}

/** Runs an upload (or its dry run) and reports the plan or what was sent. */
export async function runUploadCommand(options: PagesUploadOptions, ctx: Context): Promise<void> {
  // The pages use-cases (yaml, node:path, node:crypto) load when the command runs, not for `--help` (ADR 0023).
  const { runUpload } = await import("../../../lib/pages/mod.ts");
  const { dataverseClient } = await import("../../dataverse_host.ts");
  const { client, org } = await dataverseClient(ctx, options.host);
  const progress = ctx.progress();
  const result = await runUpload(options, {
    client,
    orgUrl: org.url,
    onProgress: (label, done, total) => progress.update(done, total, label),
  }).finally(() => progress.done());
  if (!result.applied) return printPlan(ctx, result.plan, "Plan (dry run, nothing sent)");
  const applied = result.applied;
  ctx.out.result(
    { ...planView(result.plan), requests: applied.requests, skippedFields: applied.skippedFields },
    (_data, out) => {
      for (const [record, fields] of Object.entries(applied.skippedFields)) {
        out.warn(
          `${record}: ${fields.join(", ")} kept in the folder but not sent (not columns of the table)`,
        );
      }
      out.success(`Uploaded ${applied.applied.length} record(s) in ${applied.requests} request(s).`);
    },
  );
}
