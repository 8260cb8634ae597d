/** `ppx solution export`: ExportSolutionAsync + DownloadSolutionExportData into a zip. */

import { Command, Option } from "@commander-js/extra-typings";
import { UsageError } from "../../../lib/errors.ts";
import type { ExportSetting, ExportSolutionOptions } from "../../../lib/solutions/lifecycle/export.ts";
import { EXPORT_SETTINGS } from "../../../lib/solutions/lifecycle/jobs.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { duration, type HostFlag, hostFlags, hostOf } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";
import { worded } from "./advice.ts";
import { pollProgress, requiredName } from "./shared.ts";

/** The options `solution export` parses its argv into. */
export interface SolutionExportOptions extends ExportSolutionOptions {
  /** `--include-dependencies` (PACX) was given: ppx warns that Dataverse exports one solution. */
  includeDependencies: boolean;
  /** The org, when given. */
  host?: HostFlag;
}

function parseSettings(value: string, previous: ExportSetting[] = []): ExportSetting[] {
  for (const item of value.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    if (!(item in EXPORT_SETTINGS)) {
      throw new UsageError(`Unknown export setting '${item}'.`, {
        hint: `Use any of ${Object.keys(EXPORT_SETTINGS).join(", ")}.`,
      });
    }
    previous.push(item as ExportSetting);
  }
  return previous;
}

/** Builds `solution export`; `runF` receives the parsed options (tests capture them). */
export default function exportCommand(app: App, runF: RunF<SolutionExportOptions> = runExport) {
  return hostFlags(
    new Command("export")
      .description("Export a solution to a zip (async export, polled until ready)")
      .option("-n, --name <uniquename>", "the solution's unique name")
      .option("--managed", "export as managed (default file name <name>_managed.zip)")
      // No -o: that is the global --output; -p is pac's short name.
      .option("--out <path>", "the zip to write (default <name>.zip or <name>_managed.zip)")
      .addOption(new Option("-p, --path <path>", "pac name of --out").hideHelp())
      .addOption(new Option("--file <path>", "PACX name of --out").hideHelp())
      .option("--overwrite", "replace an existing file")
      .option(
        "--include <settings>",
        `organization settings to include, comma-separated: ${Object.keys(EXPORT_SETTINGS).join(", ")}`,
        parseSettings,
      )
      .addOption(
        new Option("--max-wait <duration>", "give up after (e.g. 30m)").default(3_600_000, "60m").argParser(
          duration("--max-wait"),
        ),
      )
      .addOption(
        new Option("--max-async-wait-time <minutes>", "pac name of --max-wait").hideHelp()
          .argParser(duration("--max-async-wait-time", "m")),
      )
      .addOption(new Option("--async", "pac: export asynchronously (ppx always does)").hideHelp())
      .addOption(
        new Option("--include-dependencies", "PACX: accepted; ExportSolution exports one solution")
          .hideHelp(),
      )
      .addHelpText(
        "after",
        "\nExamples:\n  ppx solution export --name Contoso\n  ppx solution export --name Contoso --managed --out dist/ --overwrite",
      ),
  ).action(async (flags, command) => {
    const ctx = app.context(command);
    const name = requiredName(flags.name, "Pass --name <uniquename> (see `ppx solution list`).");
    // No --out: the current folder (`<cwd>/`), which gets the default file name.
    const out = flags.out ?? flags.path ?? flags.file ?? "";
    await runF({
      name,
      managed: flags.managed === true,
      settings: flags.include,
      out: ctx.input.path(out),
      overwrite: flags.overwrite === true,
      maxWaitMs: flags.maxAsyncWaitTime ?? flags.maxWait,
      includeDependencies: flags.includeDependencies === true,
      host: hostOf(flags),
    }, ctx);
  });
}

/** Exports with a progress line on a terminal, then says where the zip went. */
export async function runExport(options: SolutionExportOptions, ctx: Context): Promise<void> {
  if (options.includeDependencies) {
    // PACX sent IncludeSolutionDependencies, which the ExportSolution action does not define.
    ctx.out.warn(
      "--include-dependencies: Dataverse exports one solution at a time; export each one that " +
        `\`ppx solution deps --name ${options.name}\` lists as required.`,
    );
  }
  const progress = pollProgress(ctx, () => `Exporting ${options.name}`);
  // The export use-case (and node:path) load when the command runs, not for `--help` (ADR 0023).
  const { exportSolutionToFile } = await import("../../../lib/solutions/lifecycle/export.ts");
  let exported;
  try {
    exported = await worded(exportSolutionToFile(options, {
      connect: async () => (await dataverseClient(ctx, options.host)).client,
      clock: ctx.clock,
      onProgress: (percent, status) => progress.update(percent, status, options.name),
    }));
  } finally {
    progress.done();
  }
  ctx.out.result(exported, (data, out) => {
    out.success(`Exported ${data.solution} to ${data.path}`);
    out.print(data);
  });
}
