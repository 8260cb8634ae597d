/** `ppx solution create-settings`: a deployment-settings template from a zip or an unpacked folder. */

import { Command } from "@commander-js/extra-typings";
import { UsageError } from "../../../lib/errors.ts";
import {
  createSettingsFile,
  type CreateSettingsOptions,
} from "../../../lib/solutions/lifecycle/create_settings.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import { worded } from "./advice.ts";

/** The options `solution create-settings` parses its argv into (paths resolved against the cwd). */
export type CreateSettingsCommandOptions = CreateSettingsOptions;

/** Builds `solution create-settings`; `runF` receives the parsed options (tests capture them). */
export default function createSettingsCommand(
  app: App,
  runF: RunF<CreateSettingsCommandOptions> = runCreateSettings,
) {
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
    .action(async (flags, command) => {
      const ctx = app.context(command);
      if (!flags.solutionZip === !flags.solutionFolder) {
        throw new UsageError("Pass exactly one of --solution-zip and --solution-folder.", {
          hint: "--solution-zip Contoso.zip or --solution-folder src/Contoso.",
        });
      }
      await runF({
        source: flags.solutionZip
          ? { zip: ctx.input.path(flags.solutionZip), label: flags.solutionZip }
          : { folder: ctx.input.path(flags.solutionFolder!) },
        settingsFile: flags.settingsFile === undefined ? undefined : ctx.input.path(flags.settingsFile),
        overwrite: flags.overwrite === true,
      }, ctx);
    });
}

/** Builds the template; prints it, or writes the file and says so. */
export async function runCreateSettings(options: CreateSettingsCommandOptions, ctx: Context): Promise<void> {
  const created = await worded(createSettingsFile(options));
  if (created.path === undefined) {
    ctx.io.stdout.write(created.text);
    return;
  }
  const { settings, path } = created;
  ctx.out.result(
    { path, ...settings },
    `Wrote ${path}: ${settings.EnvironmentVariables.length} environment variables, ` +
      `${settings.ConnectionReferences.length} connection references.`,
  );
}
