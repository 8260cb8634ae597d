/** `ppx solution import`: ImportSolutionAsync (or StageAndUpgradeAsync), then follow the import job. */

import { Command, Option } from "@commander-js/extra-typings";
import { UsageError } from "../../../lib/errors.ts";
import { importSolutionFile, type ImportSolutionOptions } from "../../../lib/solutions/lifecycle/import.ts";
import { parseSettings } from "../../../lib/solutions/lifecycle/settings.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { duration, type HostFlag, hostFlags, hostOf } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";
import { worded } from "./advice.ts";
import { parseJobId, pollProgress, renderImport } from "./shared.ts";

/** The options `solution import` parses its argv into (the settings file already read and checked). */
export interface SolutionImportOptions extends ImportSolutionOptions {
  /** The org, when given. */
  host?: HostFlag;
}

/** Builds `solution import`; `runF` receives the parsed options (tests capture them). */
export default function importCommand(app: App, runF: RunF<SolutionImportOptions> = runImport) {
  return hostFlags(
    new Command("import")
      .description("Import a solution zip (async import; follows the import job until it finishes)")
      .option("-p, --path <zip>", "the solution zip")
      .addOption(new Option("--file <zip>", "PACX name of --path").hideHelp())
      .option("--wait", "follow the import until it finishes (default)")
      .option("--no-wait", "start the import, print the job id and return (reattach with import-status)")
      .addOption(
        new Option("--max-wait <duration>", "stop waiting after (the import keeps running)").default(
          3_600_000,
          "60m",
        ).argParser(duration("--max-wait")),
      )
      .addOption(
        new Option("--max-async-wait-time <minutes>", "pac name of --max-wait").hideHelp()
          .argParser(duration("--max-async-wait-time", "m")),
      )
      .addOption(new Option("--async", "pac: import asynchronously (ppx always does)").hideHelp())
      .option(
        "--settings-file <json>",
        "deployment settings: connection references and environment variables",
      )
      .option("--activate-plugins", "activate plug-ins and workflows after import (PublishWorkflows)")
      .option("--publish-workflows", "activate processes in the solution (default)")
      .option("--no-publish-workflows", "leave imported processes off")
      .option("--overwrite-unmanaged", "overwrite unmanaged customizations on managed components")
      .addOption(new Option("--force-overwrite", "pac name of --overwrite-unmanaged").hideHelp())
      .addOption(new Option("--no-overwrite-unmanaged", "PACX: keep unmanaged customizations").hideHelp())
      .option("--holding", "import as a holding solution (<name>_Upgrade), staged for upgrade")
      .addOption(new Option("--import-as-holding", "pac name of --holding").hideHelp())
      .option("--stage-and-upgrade", "stage and apply the upgrade in one step (StageAndUpgradeAsync)")
      .option(
        "--skip-dependency-check",
        "skip product-update dependency checks (SkipProductUpdateDependencies)",
      )
      .option("--skip-lower-version", "do nothing when the environment already has this version or newer")
      .option("--convert-to-managed", "convert unmanaged components to managed (obsolete in Dataverse)")
      .option("--publish-changes", "publish all customizations after a successful import (PublishAllXml)")
      .option(
        "--import-job-id <guid>",
        "the import job id to use (default: a new GUID)",
        parseJobId("--import-job-id"),
      )
      .addHelpText(
        "after",
        "\nExamples:\n  ppx solution import --path Contoso_managed.zip --settings-file settings.json\n" +
          "  ppx solution import --path Contoso.zip --no-wait --json   # then: ppx solution import-status <job>",
      ),
  ).action(async (flags, command) => {
    const ctx = app.context(command);
    const zip = flags.path ?? flags.file;
    if (!zip) throw new UsageError("Missing --path.", { hint: "Pass --path <solution.zip>." });
    const holding = flags.holding === true || flags.importAsHolding === true;
    if (holding && flags.stageAndUpgrade) {
      throw new UsageError("--holding and --stage-and-upgrade cannot be combined.", {
        hint: "Use --holding to stage only, or --stage-and-upgrade to stage and apply.",
      });
    }
    const settings = flags.settingsFile === undefined ? undefined : await worded(async () =>
      parseSettings(
        await ctx.input.json(flags.settingsFile!, { label: "--settings-file", kind: "path" }),
        flags.settingsFile!,
      )
    );
    await runF({
      path: ctx.input.path(zip),
      settings,
      overwriteUnmanaged: flags.overwriteUnmanaged === true || flags.forceOverwrite === true,
      publishWorkflows: flags.activatePlugins === true || flags.publishWorkflows !== false,
      convertToManaged: flags.convertToManaged,
      skipProductUpdateDependencies: flags.skipDependencyCheck,
      holding,
      stageAndUpgrade: flags.stageAndUpgrade,
      importJobId: flags.importJobId,
      skipLowerVersion: flags.skipLowerVersion === true,
      wait: flags.wait !== false,
      maxWaitMs: flags.maxAsyncWaitTime ?? flags.maxWait,
      publishChanges: flags.publishChanges === true,
      host: hostOf(flags),
    }, ctx);
  });
}

/** Imports (following the job on a progress line), then prints how it ended. */
export async function runImport(options: SolutionImportOptions, ctx: Context): Promise<void> {
  const progress = pollProgress(ctx, (solution) => `Importing ${solution}`);
  let result;
  try {
    result = await worded(
      importSolutionFile(options, {
        connect: async () => (await dataverseClient(ctx, options.host)).client,
        clock: ctx.clock,
        onProgress: progress.update,
      }),
    );
  } finally {
    progress.done();
  }
  if (result.kind === "skipped") {
    const { solution, installed, version } = result;
    ctx.out.result({ solution, state: "skipped", installed }, (data, out) => {
      out.notice(`Skipped: ${solution} ${installed} is installed (the zip has ${version}).`);
      out.print(data);
    });
    return;
  }
  if (result.kind === "started") {
    const { started, solution } = result;
    ctx.out.result({ ...started, solution, state: "running" }, (data, out) => {
      out.notice(
        `Import of ${solution} started (import job ${started.importJobId}). ` +
          `Follow it with: ppx solution import-status ${started.importJobId} --async-operation-id ` +
          `${started.asyncOperationId} --wait`,
      );
      out.print(data);
    });
    return;
  }
  if (result.published) ctx.out.remark("Published all customizations.");
  renderImport(ctx, result.status);
}
