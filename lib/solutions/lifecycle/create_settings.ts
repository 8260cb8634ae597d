/**
 * The create-settings use-case: a deployment-settings template (connection references, environment
 * variables) from a solution zip or an unpacked folder, returned as text or written to a file.
 *
 * @module
 */

import { writeOutputFile } from "./files.ts";
import { type DeploymentSettings, settingsTemplate } from "./settings.ts";

/** Options of {@link createSettingsFile}. */
export interface CreateSettingsOptions {
  /** The solution to read: a zip (with the name to show in messages), or an unpacked folder. */
  source: { zip: string; label: string } | { folder: string };
  /** The settings file to write; without it, only the text is returned. */
  settingsFile?: string;
  /** Replace an existing settings file. */
  overwrite?: boolean;
}

/** The template, its JSON text, and the file it was written to (when one was named). */
export interface CreatedSettings {
  /** The template. */
  settings: DeploymentSettings;
  /** Its JSON text (two-space indent, final newline): what the file holds. */
  text: string;
  /** The file written, when `settingsFile` was given. */
  path?: string;
}

/** Builds the template and writes it when a file is named. */
export async function createSettingsFile(
  options: CreateSettingsOptions,
  _deps: Record<never, never> = {},
): Promise<CreatedSettings> {
  // The XML reader loads only for this command, not with every solution command.
  const { readSolutionFolder, readSolutionZip } = await import("./zip_info.ts");
  const contents = "zip" in options.source
    ? await readSolutionZip(options.source.zip, options.source.label)
    : await readSolutionFolder(options.source.folder);
  const settings = settingsTemplate(contents);
  const text = JSON.stringify(settings, null, 2) + "\n";
  if (options.settingsFile === undefined) return { settings, text };
  await writeOutputFile(options.settingsFile, new TextEncoder().encode(text), options.overwrite === true);
  return { settings, text, path: options.settingsFile };
}
