/**
 * The export use-case: ExportSolutionAsync, polled until the zip is ready, then written atomically to the
 * file (or into the folder) the caller names.
 *
 * @module
 */

import { join } from "node:path";
import type { Clock } from "../../clock.ts";
import { refuseExisting, writeOutputFile } from "./files.ts";
import type { DataverseClient } from "../../dataverse/client.ts";
import { type EXPORT_SETTINGS, exportSolution } from "./jobs.ts";

/** An organization setting ExportSolution can include (`calendar`, `general`, ...). */
export type ExportSetting = keyof typeof EXPORT_SETTINGS;

/** Options of {@link exportSolutionToFile}. */
export interface ExportSolutionOptions {
  /** The solution's unique name. */
  name: string;
  /** Export as managed. */
  managed: boolean;
  /** Organization settings to include. */
  settings?: ExportSetting[];
  /**
   * Where the zip goes, as an absolute path (or relative to the caller's folder): a file, or a folder
   * (one that exists, or a path ending in `/` or `\`) that gets `<name>.zip` / `<name>_managed.zip`.
   */
  out: string;
  /** Replace an existing file. */
  overwrite: boolean;
  /** Give up waiting after this long (ms). */
  maxWaitMs: number;
  /** First interval between polls (ms, default 2,000). */
  pollMs?: number;
}

/**
 * Deps of {@link exportSolutionToFile}: the org's client (connected only once the local checks pass), the
 * clock polling waits on, and a progress callback.
 */
export interface ExportSolutionDeps {
  /** Connects to the org; called after the target file is checked, so a bad path fails first. */
  connect: () => Promise<DataverseClient>;
  /** Time for the polling loop. */
  clock: Clock;
  /** Called after every poll with a percentage (when known) and the operation's status. */
  onProgress?: (percent: number | undefined, status: string) => void;
}

/** What was exported and where. */
export interface ExportedSolution {
  /** The solution's unique name. */
  solution: string;
  /** Exported as managed. */
  managed: boolean;
  /** The zip written. */
  path: string;
  /** Its size in bytes. */
  bytes: number;
}

/** The default file name of an export: `<name>.zip` or `<name>_managed.zip`. */
export function exportFileName(name: string, managed: boolean): string {
  return `${name}${managed ? "_managed" : ""}.zip`;
}

/** The file an export writes to, from `options.out` (see {@link ExportSolutionOptions.out}). */
export async function exportTarget(
  options: Pick<ExportSolutionOptions, "name" | "managed" | "out">,
): Promise<string> {
  const fileName = exportFileName(options.name, options.managed);
  // Appended, not joined: the path is printed as the caller wrote it.
  const path = /[\\/]$/.test(options.out) ? options.out + fileName : options.out;
  // An existing folder (pac lets its path name one) gets the zip inside it, under the default name.
  return (await Deno.stat(path).catch(() => undefined))?.isDirectory ? join(path, fileName) : path;
}

/**
 * Exports a solution into a zip file. An existing file is refused before the export starts (unless
 * `overwrite`), so a long export is not wasted on a name that cannot be written.
 */
export async function exportSolutionToFile(
  options: ExportSolutionOptions,
  deps: ExportSolutionDeps,
): Promise<ExportedSolution> {
  const path = await exportTarget(options);
  if (!options.overwrite) await refuseExisting(path);
  const bytes = await exportSolution(await deps.connect(), {
    name: options.name,
    managed: options.managed,
    settings: options.settings,
    clock: deps.clock,
    maxWaitMs: options.maxWaitMs,
    pollMs: options.pollMs ?? 2_000,
    onProgress: deps.onProgress,
  });
  await writeOutputFile(path, bytes, options.overwrite);
  return { solution: options.name, managed: options.managed, path, bytes: bytes.length };
}
