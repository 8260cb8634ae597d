/** `ppx solution pack`: a SolutionPackager source tree into a solution zip (or a plain zip). */

import { Command, Option } from "@commander-js/extra-typings";
import { dirname } from "node:path";
import { pack, type PackResult, zipRaw } from "../../../lib/solutions/mod.ts";
import type { App } from "../../app.ts";
import { yesNo } from "../../kit/flags.ts";
import { parsePackageType, required, stem } from "./shared.ts";

/** Builds the pack command (alias `pack-sp`). */
export default function packCommand(app: App) {
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
    .action(async (opts, command) => {
      const ctx = app.context(command);
      const folder = ctx.input.path(required("--folder", opts.folder, opts.src));
      const zipfile = ctx.input.path(
        opts.zipfile ?? opts.out ?? opts.file ?? `${dirname(folder)}/${stem(folder)}.zip`,
      );
      const result = opts.raw ? await zipRaw(folder, zipfile) : await pack(folder, zipfile, {
        packageType: opts.packagetype,
        processCanvasApps: opts.processCanvasApps === true,
        map: opts.map ? ctx.input.path(opts.map) : undefined,
        env: ctx.env,
      });
      const info = result as Partial<PackResult>;
      for (const path of info.ignored ?? []) ctx.out.warn(`not packed (not part of a solution): ${path}`);
      ctx.out.result(result, (_data, out) => {
        out.success(`Packed ${folder} -> ${result.zipfiles.join(" + ")}`);
        out.print({
          solution: info.solution?.uniqueName,
          version: info.solution?.version,
          packageType: info.packageType ?? "raw",
          entries: result.entries,
        });
      });
    });
}
