/**
 * The local packaging use-cases: pack a SolutionPackager source folder into a solution zip and unpack a
 * zip into one (or, `raw`, plain zip and unzip). No network. The packager loads on first use, so the
 * command tree that imports this stays light.
 *
 * @module
 */

import { dirname } from "node:path";
import type { Env } from "../env.ts";
import type { PackageType, PackResult, UnpackResult } from "./mod.ts";
import type { CommitResult } from "./packager/staging.ts";

/** `name.zip` -> `name`; the last segment of a path, without `.zip`. */
export function pathStem(path: string): string {
  const base = path.replace(/[\\/]+$/, "").split(/[\\/]/).pop() ?? path;
  return base.replace(/\.zip$/i, "");
}

/** The zip a folder packs into by default: beside it, named after it (`src/Contoso` -> `src/Contoso.zip`). */
export function defaultZipFor(folder: string): string {
  return `${dirname(folder)}/${pathStem(folder)}.zip`;
}

/** The folder a zip unpacks into by default: beside it, named after it (`Contoso.zip` -> `Contoso`). */
export function defaultFolderFor(zipfile: string): string {
  return `${dirname(zipfile)}/${pathStem(zipfile)}`;
}

/** Options of {@link packSolution}. */
export interface PackSolutionOptions {
  /** The source folder (the one that holds Other/; with `raw`, any folder). */
  folder: string;
  /** The zip to write (with package type Both also its `_managed.zip` twin). */
  zipfile: string;
  /** A plain zip of the folder, no component merge. */
  raw?: boolean;
  /** Default: from Other/Solution.xml. */
  packageType?: PackageType;
  /** Rebuild each .msapp from CanvasApps/src/<app>/. */
  processCanvasApps?: boolean;
  /** A SolutionPackager mapping file. */
  map?: string;
}

/** Deps of the packaging use-cases: the variables `%VAR%` in a mapping file expand from. */
export interface PackagingDeps {
  /** Variables for `%VAR%` in the mapping file. */
  env?: Env;
}

/** What {@link packSolution} did: a solution pack's result, or a raw zip's (folder, zipfiles, entries). */
export type PackedSolution = PackResult | { folder: string; zipfiles: string[]; entries: number };

/** Packs a folder into a solution zip (or a plain zip with `raw`). */
export async function packSolution(
  options: PackSolutionOptions,
  deps: PackagingDeps = {},
): Promise<PackedSolution> {
  const { pack, zipRaw } = await import("./mod.ts");
  if (options.raw) return await zipRaw(options.folder, options.zipfile);
  return await pack(options.folder, options.zipfile, {
    packageType: options.packageType,
    processCanvasApps: options.processCanvasApps === true,
    map: options.map,
    env: deps.env,
  });
}

/** Options of {@link unpackSolution}. */
export interface UnpackSolutionOptions {
  /** The solution zip (with package type Both, the unmanaged one; its `_managed.zip` twin beside it). */
  zipfile: string;
  /** The folder to write. */
  folder: string;
  /** A plain unzip: every entry as it is, no component split. */
  raw?: boolean;
  /** Default: read from the zip. */
  packageType?: PackageType;
  /** Expand each .msapp to CanvasApps/src/<app>/. */
  processCanvasApps?: boolean;
  /** A SolutionPackager mapping file: matching files are not written. */
  map?: string;
  /** Delete files in the folder that this unpack does not produce (never dot-files). */
  allowDelete?: boolean;
  /** Overwrite or delete read-only files too. */
  clobber?: boolean;
  /** Report what would change without writing. */
  dryRun?: boolean;
}

/** What {@link unpackSolution} did (or, with `dryRun`, would do). */
export type UnpackedSolution =
  & { dryRun: boolean }
  & (UnpackResult | CommitResult & { zipfiles: string[]; folder: string });

/** Unpacks a solution zip into the SolutionPackager layout (or a plain unzip with `raw`). */
export async function unpackSolution(
  options: UnpackSolutionOptions,
  deps: PackagingDeps = {},
): Promise<UnpackedSolution> {
  const { unpack, unzipRaw } = await import("./mod.ts");
  const dryRun = options.dryRun === true;
  const commit = { allowDelete: options.allowDelete === true, clobber: options.clobber, dryRun };
  const result = options.raw
    ? await unzipRaw(options.zipfile, options.folder, commit)
    : await unpack(options.zipfile, options.folder, {
      ...commit,
      packageType: options.packageType,
      processCanvasApps: options.processCanvasApps === true,
      map: options.map,
      env: deps.env,
    });
  return { dryRun, ...result };
}
