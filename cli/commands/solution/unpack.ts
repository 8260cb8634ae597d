/** `ppx solution unpack`: a solution zip into SolutionPackager's source layout (or a plain unzip). */

import { Command, Option } from "@commander-js/extra-typings";
import { dirname } from "node:path";
import type { UnpackResult } from "../../../lib/solutions/mod.ts";
import type { App } from "../../app.ts";
import { pacBoolean, parsePackageType, required, resolvePath, stem } from "./shared.ts";

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
        .argParser(pacBoolean("--processCanvasApps")),
    )
    .option(
      "--allow-delete",
      "delete files in the folder that this unpack does not produce (never dot-files)",
    )
    .addOption(
      new Option("--allowDelete [bool]", "pac spelling of --allow-delete").hideHelp()
        .argParser(pacBoolean("--allowDelete")),
    )
    .option("--clobber", "overwrite or delete read-only files too")
    .option("--dry-run", "report what would change without writing (pac: --allowWrite false)")
    .addOption(
      new Option("--allowWrite [bool]", "pac: false is --dry-run").hideHelp().argParser(
        pacBoolean("--allowWrite"),
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
      const { unpack, unzipRaw } = await import("../../../lib/solutions/mod.ts");
      const ctx = app.context(command);
      const zipfile = resolvePath(ctx.cwd, required("--zipfile", opts.zipfile, opts.file));
      const folder = resolvePath(ctx.cwd, opts.folder ?? opts.out ?? `${dirname(zipfile)}/${stem(zipfile)}`);
      const dryRun = opts.dryRun === true || opts.allowWrite === false;
      const commit = { allowDelete: opts.allowDelete === true, clobber: opts.clobber, dryRun };
      const result = opts.raw ? await unzipRaw(zipfile, folder, commit) : await unpack(zipfile, folder, {
        ...commit,
        packageType: opts.packagetype,
        processCanvasApps: opts.processCanvasApps === true,
        map: opts.map ? resolvePath(ctx.cwd, opts.map) : undefined,
        env: ctx.env,
      });
      const info = result as Partial<UnpackResult>;
      for (const path of result.skipped) ctx.out.warn(`left read-only file alone: ${path} (use --clobber)`);
      if (ctx.out.machine) return ctx.out.print({ dryRun, ...result });
      const verb = dryRun ? "Would unpack" : "Unpacked";
      ctx.out.success(`${verb} ${result.zipfiles.join(" + ")} -> ${folder}`);
      ctx.out.print({
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
