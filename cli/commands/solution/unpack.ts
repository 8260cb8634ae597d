/** `ppx solution unpack`: a solution zip into SolutionPackager's source layout (or a plain unzip). */

import { Command, Option } from "@commander-js/extra-typings";
import { dirname } from "node:path";
import { unpack, type UnpackResult, unzipRaw } from "../../../lib/solutions/mod.ts";
import type { App } from "../../app.ts";
import { yesNo } from "../../kit/flags.ts";
import { parsePackageType, required, stem } from "./shared.ts";

/** Builds the unpack command (alias `unpack-sp`). */
export default function unpackCommand(app: App) {
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
    .action(async (opts, command) => {
      const ctx = app.context(command);
      const zipfile = ctx.input.path(required("--zipfile", opts.zipfile, opts.file));
      const folder = ctx.input.path(opts.folder ?? opts.out ?? `${dirname(zipfile)}/${stem(zipfile)}`);
      const dryRun = opts.dryRun === true || opts.allowWrite === false;
      const commit = { allowDelete: opts.allowDelete === true, clobber: opts.clobber, dryRun };
      const result = opts.raw ? await unzipRaw(zipfile, folder, commit) : await unpack(zipfile, folder, {
        ...commit,
        packageType: opts.packagetype,
        processCanvasApps: opts.processCanvasApps === true,
        map: opts.map ? ctx.input.path(opts.map) : undefined,
        env: ctx.env,
      });
      const info = result as Partial<UnpackResult>;
      for (const path of result.skipped) ctx.out.warn(`left read-only file alone: ${path} (use --clobber)`);
      ctx.out.result({ dryRun, ...result }, (_data, out) => {
        out.success(`${dryRun ? "Would unpack" : "Unpacked"} ${result.zipfiles.join(" + ")} -> ${folder}`);
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
    });
}
