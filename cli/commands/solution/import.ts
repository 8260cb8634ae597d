/** `ppx solution import`: ImportSolutionAsync (or StageAndUpgradeAsync), then follow the import job. */

import { Command, Option } from "@commander-js/extra-typings";
import { UsageError, ValidationError } from "../../../lib/errors.ts";
import { startImport, waitForImport } from "../../../lib/solutions/lifecycle/jobs.ts";
import { componentParameters, parseSettings } from "../../../lib/solutions/lifecycle/settings.ts";
import { listSolutions, publishAll } from "../../../lib/solutions/lifecycle/solutions.ts";
import { readSolutionZip } from "../../../lib/solutions/lifecycle/zip_info.ts";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlag, withHost } from "../dv/shared.ts";
import { reportImport } from "./import_shared.ts";
import { duration } from "../../kit/flags.ts";
import { parseJobId, pollProgress } from "./lifecycle_shared.ts";

/** Builds `solution import`. */
export default function importCommand(app: App) {
  return withHost(
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
  ).action(async (options, command) => {
    const ctx = app.context(command);
    const zip = options.path ?? options.file;
    if (!zip) throw new UsageError("Missing --path.", { hint: "Pass --path <solution.zip>." });
    const holding = options.holding === true || options.importAsHolding === true;
    if (holding && options.stageAndUpgrade) {
      throw new UsageError("--holding and --stage-and-upgrade cannot be combined.", {
        hint: "Use --holding to stage only, or --stage-and-upgrade to stage and apply.",
      });
    }
    const file = ctx.input.path(zip);
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(file);
    } catch (error) {
      throw new ValidationError(`Unable to read ${file}: ${(error as Error).message}`, {
        hint: "Check --path.",
      });
    }
    const contents = await readSolutionZip(file, file);
    const settings = options.settingsFile
      ? parseSettings(
        await ctx.input.json(options.settingsFile, { label: "--settings-file", kind: "path" }),
        options.settingsFile,
      )
      : undefined;
    const { client } = await dataverseClient(ctx, hostFlag(options));
    if (options.skipLowerVersion) {
      const installed = (await listSolutions(client, { includeSystem: true }))
        .find((s) => s.uniqueName.toLowerCase() === contents.uniqueName.toLowerCase());
      if (installed && compareVersions(installed.version, contents.version) >= 0) {
        ctx.out.result(
          { solution: contents.uniqueName, state: "skipped", installed: installed.version },
          (data, out) => {
            out.notice(
              `Skipped: ${contents.uniqueName} ${installed.version} is installed (the zip has ${contents.version}).`,
            );
            out.print(data);
          },
        );
        return;
      }
    }
    const started = await startImport(client, bytes, {
      overwriteUnmanaged: options.overwriteUnmanaged === true || options.forceOverwrite === true,
      publishWorkflows: options.activatePlugins === true || options.publishWorkflows !== false,
      convertToManaged: options.convertToManaged,
      skipProductUpdateDependencies: options.skipDependencyCheck,
      holding,
      stageAndUpgrade: options.stageAndUpgrade,
      componentParameters: settings ? componentParameters(settings) : undefined,
      importJobId: options.importJobId,
    });
    if (options.wait === false) {
      ctx.out.result({ ...started, solution: contents.uniqueName, state: "running" }, (data, out) => {
        out.notice(
          `Import of ${contents.uniqueName} started (import job ${started.importJobId}). ` +
            `Follow it with: ppx solution import-status ${started.importJobId} --async-operation-id ` +
            `${started.asyncOperationId} --wait`,
        );
        out.print(data);
      });
      return;
    }
    const progress = pollProgress(ctx, `Importing ${contents.uniqueName}`);
    let status;
    try {
      status = await waitForImport(client, started, {
        clock: ctx.clock,
        maxWaitMs: options.maxAsyncWaitTime ?? options.maxWait,
        pollMs: 5_000,
        onProgress: progress.update,
      });
    } finally {
      progress.done();
    }
    if (options.publishChanges && status.state === "succeeded") {
      await publishAll(client);
      ctx.out.remark("Published all customizations.");
    }
    reportImport(ctx, status);
  });
}

function compareVersions(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < 4; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
