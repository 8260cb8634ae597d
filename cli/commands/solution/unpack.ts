/** `ppx solution unpack`: a solution zip into SolutionPackager's source layout (or a plain unzip). */

import { Command, Option } from "@commander-js/extra-typings";
import type { UnpackResult } from "../../../lib/solutions/mod.ts";
import type { UnpackSolutionOptions } from "../../../lib/solutions/packaging.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { yesNo } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";
import { worded } from "./advice.ts";
import { parsePackageType, required } from "./shared.ts";

/** The options `solution unpack` parses its argv into (paths resolved against the cwd). */
export type SolutionUnpackOptions = UnpackSolutionOptions;

/** Builds the unpack command (alias `unpack-sp`); `runF` receives the parsed options (tests capture them). */
export default function unpackCommand(app: App, runF: RunF<SolutionUnpackOptions> = runUnpack) {
  return new Command("unpack")
    .alias("unpack-sp")
    .description("Unpack a solution zip into SolutionPackager's source layout (no .NET, no network)")
    .option(
      "-z, --zipfile <path>",
      "the solution zip (with --packagetype Both, its _managed.zip twin must sit beside it)",
    )
    .option("-f, --folder <path>", "the folder to write (default: the zip's name without .zip)")
    .addOption(new Option("--file <path>", "PACX name of --zipfile").hideHelp())
    .addOption(new Option("--out <path>", "PACX name of --folder").hideHelp())
    .option(
      "-p, --packagetype <type>",
      "Unmanaged, Managed or Both (default: read from the zip)",
      parsePackageType,
    )
    .option(
      "-m, --map <path>",
      "SolutionPackager mapping file: matching files are not written (they live elsewhere)",
    )
    .option("--process-canvas-apps", "expand each .msapp to CanvasApps/src/<app>/")
    .addOption(
      new Option("--processCanvasApps [bool]", "pac spelling of --process-canvas-apps").hideHelp()
        .argParser(yesNo("--processCanvasApps")),
    )
    .option(
      "--allow-delete",
      "delete files in the folder that this unpack does not produce (never dot-files)",
    )
    .addOption(
      new Option("--allowDelete [bool]", "pac spelling of --allow-delete").hideHelp()
        .argParser(yesNo("--allowDelete")),
    )
    .option("--clobber", "overwrite or delete read-only files too")
    .option("--dry-run", "report what would change without writing (pac: --allowWrite false)")
    .addOption(
      new Option("--allowWrite [bool]", "pac: false is --dry-run").hideHelp().argParser(
        yesNo("--allowWrite"),
      ),
    )
    .option("--raw", "plain unzip: extract every entry as it is, no component split")
    .addHelpText(
      "after",
      "\nExamples:\n  ppx solution unpack --zipfile Contoso.zip --folder src --process-canvas-apps\n" +
        "  ppx solution unpack --zipfile Contoso.zip --folder src --packagetype Both --allow-delete\n" +
        "  ppx solution unpack --zipfile any.zip --folder out --raw",
    )
    .action(async (flags, command) => {
      const ctx = app.context(command);
      const zipfile = ctx.input.path(required("--zipfile", flags.zipfile, flags.file));
      // The packager (and node:path) load when a command runs, not for `--help` (ADR 0023).
      const { defaultFolderFor } = await import("../../../lib/solutions/packaging.ts");
      await runF({
        zipfile,
        folder: ctx.input.path(flags.folder ?? flags.out ?? defaultFolderFor(zipfile)),
        raw: flags.raw === true,
        packageType: flags.packagetype,
        processCanvasApps: flags.processCanvasApps === true,
        map: flags.map ? ctx.input.path(flags.map) : undefined,
        allowDelete: flags.allowDelete === true,
        clobber: flags.clobber,
        dryRun: flags.dryRun === true || flags.allowWrite === false,
      }, ctx);
    });
}

/** Unpacks, warns about files left alone, and says what changed. */
export async function runUnpack(options: SolutionUnpackOptions, ctx: Context): Promise<void> {
  const { unpackSolution } = await import("../../../lib/solutions/packaging.ts");
  const result = await worded(unpackSolution(options, { env: ctx.env }));
  const info = result as Partial<UnpackResult>;
  for (const path of result.skipped) ctx.out.warn(`left read-only file alone: ${path} (use --clobber)`);
  for (const path of result.links) {
    ctx.out.warn(`left link alone: ${path} (links are never deleted or followed)`);
  }
  ctx.out.result(result, (_data, out) => {
    out.success(
      `${result.dryRun ? "Would unpack" : "Unpacked"} ${result.zipfiles.join(" + ")} -> ${options.folder}`,
    );
    out.print({
      solution: info.solution?.uniqueName,
      version: info.solution?.version,
      packageType: info.packageType ?? "raw",
      written: result.written.length,
      unchanged: result.unchanged,
      deleted: result.deleted.length,
      skipped: result.skipped.length,
    });
  });
}
