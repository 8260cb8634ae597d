/** `ppx solution pack`: a SolutionPackager source tree into a solution zip (or a plain zip). */

import { Command, Option } from "@commander-js/extra-typings";
import type { PackSolutionOptions } from "../../../lib/solutions/packaging.ts";
import type { PackResult } from "../../../lib/solutions/mod.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { yesNo } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";
import { worded } from "./advice.ts";
import { parsePackageType, required } from "./shared.ts";

/** The options `solution pack` parses its argv into (paths resolved against the cwd). */
export type SolutionPackOptions = PackSolutionOptions;

/** Builds the pack command (alias `pack-sp`); `runF` receives the parsed options (tests capture them). */
export default function packCommand(app: App, runF: RunF<SolutionPackOptions> = runPack) {
  return new Command("pack")
    .alias("pack-sp")
    .description("Pack a SolutionPackager source folder into a solution zip (deterministic output)")
    .option("-f, --folder <path>", "the unpacked solution (the folder that holds Other/)")
    .option("-z, --zipfile <path>", "the zip to write (default: the folder's name + .zip)")
    .addOption(new Option("--src <path>", "PACX name of --folder").hideHelp())
    .addOption(new Option("--out <path>", "PACX name of --zipfile").hideHelp())
    .addOption(new Option("--file <path>", "PACX name of --zipfile").hideHelp())
    .option(
      "-p, --packagetype <type>",
      "Unmanaged, Managed or Both (Both writes <name>.zip and <name>_managed.zip; default: from Other/Solution.xml)",
      parsePackageType,
    )
    .option("-m, --map <path>", "SolutionPackager mapping file: read matching files from where it says")
    .option("--process-canvas-apps", "rebuild each .msapp from CanvasApps/src/<app>/")
    .addOption(
      new Option("--processCanvasApps [bool]", "pac spelling of --process-canvas-apps").hideHelp()
        .argParser(yesNo("--processCanvasApps")),
    )
    .option("--raw", "plain zip of the folder, no component merge")
    .addHelpText(
      "after",
      "\nExamples:\n  ppx solution pack --folder src --zipfile out/Contoso.zip --process-canvas-apps\n" +
        "  ppx solution pack --folder src --zipfile out/Contoso.zip --packagetype Both\n" +
        "  ppx solution pack --folder out --zipfile any.zip --raw",
    )
    .action(async (flags, command) => {
      const ctx = app.context(command);
      const folder = ctx.input.path(required("--folder", flags.folder, flags.src));
      // The packager (and node:path) load when a command runs, not for `--help` (ADR 0023).
      const { defaultZipFor } = await import("../../../lib/solutions/packaging.ts");
      const zipfile = ctx.input.path(flags.zipfile ?? flags.out ?? flags.file ?? defaultZipFor(folder));
      await runF({
        folder,
        zipfile,
        raw: flags.raw === true,
        packageType: flags.packagetype,
        processCanvasApps: flags.processCanvasApps === true,
        map: flags.map ? ctx.input.path(flags.map) : undefined,
      }, ctx);
    });
}

/** Packs, warns about files left out, and says what was written. */
export async function runPack(options: SolutionPackOptions, ctx: Context): Promise<void> {
  const { packSolution } = await import("../../../lib/solutions/packaging.ts");
  const result = await worded(packSolution(options, { env: ctx.env }));
  const info = result as Partial<PackResult>;
  for (const path of info.ignored ?? []) ctx.out.warn(`not packed (not part of a solution): ${path}`);
  ctx.out.result(result, (_data, out) => {
    out.success(`Packed ${options.folder} -> ${result.zipfiles.join(" + ")}`);
    out.print({
      solution: info.solution?.uniqueName,
      version: info.solution?.version,
      packageType: info.packageType ?? "raw",
      entries: result.entries,
    });
  });
}
