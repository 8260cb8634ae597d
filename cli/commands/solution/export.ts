/** `ppx solution export`: ExportSolutionAsync + DownloadSolutionExportData into a zip. */

import { Command, Option } from "@commander-js/extra-typings";
import { join } from "node:path";
import { EXPORT_SETTINGS, exportSolution } from "../../../lib/solutions/lifecycle/jobs.ts";
import { UsageError } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlag, withHost } from "../dv/shared.ts";
import { duration } from "../../kit/flags.ts";
import { pollProgress, writeAtomic } from "./lifecycle_shared.ts";

type Setting = keyof typeof EXPORT_SETTINGS;

function parseSettings(value: string, previous: Setting[] = []): Setting[] {
  for (const item of value.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    if (!(item in EXPORT_SETTINGS)) {
      throw new UsageError(`Unknown export setting '${item}'.`, {
        hint: `Use any of ${Object.keys(EXPORT_SETTINGS).join(", ")}.`,
      });
    }
    previous.push(item as Setting);
  }
  return previous;
}

/** Builds `solution export`. */
export default function exportCommand(app: App) {
  return withHost(
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
      .addHelpText(
        "after",
        "\nExamples:\n  ppx solution export --name Contoso\n  ppx solution export --name Contoso --managed --out dist/ --overwrite",
      ),
  ).action(async (options, command) => {
    const ctx = app.context(command);
    const name = options.name;
    if (!name) {
      throw new UsageError("Missing --name.", {
        hint: "Pass --name <uniquename> (see `ppx solution list`).",
      });
    }
    const fileName = `${name}${options.managed ? "_managed" : ""}.zip`;
    let out = options.out ?? options.path ?? options.file ?? fileName;
    if (/[\\/]$/.test(out)) out += fileName;
    let path = ctx.input.path(out);
    // pac's --path may name an existing folder: the zip goes inside it under the default name.
    if ((await Deno.stat(path).catch(() => undefined))?.isDirectory) path = join(path, fileName);
    if (!options.overwrite) {
      try {
        await Deno.lstat(path);
        throw new UsageError(`${path} already exists.`, {
          hint: "Pass --overwrite to replace it, or another --out.",
        });
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
      }
    }
    const { client } = await dataverseClient(ctx, hostFlag(options));
    const progress = pollProgress(ctx, `Exporting ${name}`);
    let bytes;
    try {
      bytes = await exportSolution(client, {
        name,
        managed: options.managed === true,
        settings: options.include,
        clock: ctx.clock,
        maxWaitMs: options.maxAsyncWaitTime ?? options.maxWait,
        pollMs: 2_000,
        onProgress: progress.update,
      });
    } finally {
      progress.done();
    }
    await writeAtomic(path, bytes, options.overwrite === true);
    ctx.out.result(
      { solution: name, managed: options.managed === true, path, bytes: bytes.length },
      (data, out) => {
        out.success(`Exported ${name} to ${path}`);
        out.print(data);
      },
    );
  });
}
