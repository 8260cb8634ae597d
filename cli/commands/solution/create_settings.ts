/** `ppx solution create-settings`: a deployment-settings template from a zip or an unpacked folder. */

import { Command } from "@commander-js/extra-typings";
import { UsageError } from "../../../lib/errors.ts";
import { settingsTemplate } from "../../../lib/solutions/lifecycle/settings.ts";
import { readSolutionFolder, readSolutionZip } from "../../../lib/solutions/lifecycle/zip_info.ts";
import type { App } from "../../app.ts";
import { writeAtomic } from "./lifecycle_shared.ts";

/** Builds `solution create-settings`. */
export default function createSettingsCommand(app: App) {
  return new Command("create-settings")
    .description(
      "Write a deployment-settings file (connection references, environment variables) for a solution",
    )
    .option("-z, --solution-zip <zip>", "the solution zip")
    .option("-f, --solution-folder <folder>", "the unpacked solution (the folder that holds Other/)")
    .option("-s, --settings-file <json>", "the file to write (default: stdout)")
    .option("--overwrite", "replace an existing settings file")
    .addHelpText(
      "after",
      "\nExamples:\n  ppx solution create-settings --solution-zip Contoso.zip --settings-file settings.json",
    )
    .action(async (options, command) => {
      const ctx = app.context(command);
      if (!options.solutionZip === !options.solutionFolder) {
        throw new UsageError("Pass exactly one of --solution-zip and --solution-folder.", {
          hint: "--solution-zip Contoso.zip or --solution-folder src/Contoso.",
        });
      }
      const contents = options.solutionZip
        ? await readSolutionZip(ctx.input.path(options.solutionZip), options.solutionZip)
        : await readSolutionFolder(ctx.input.path(options.solutionFolder!));
      const settings = settingsTemplate(contents);
      const text = JSON.stringify(settings, null, 2) + "\n";
      if (!options.settingsFile) {
        ctx.io.stdout.write(text);
        return;
      }
      const path = ctx.input.path(options.settingsFile);
      await writeAtomic(path, new TextEncoder().encode(text), options.overwrite === true);
      ctx.out.result(
        { path, ...settings },
        `Wrote ${path}: ${settings.EnvironmentVariables.length} environment variables, ` +
          `${settings.ConnectionReferences.length} connection references.`,
      );
    });
}
