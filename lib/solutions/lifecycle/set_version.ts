/**
 * The version use-case: bump or set a solution's version in an unpacked folder (Other/Solution.xml)
 * and/or on the server.
 *
 * @module
 */

import type { DataverseClient } from "../../dataverse/client.ts";
import { findSolution, setServerVersion } from "./solutions.ts";
import { bumpVersion, setFolderVersion, type VersionPart } from "./version.ts";

/** How to change the version: increment one part, or set an exact (already checked) version. */
export type VersionChange = { bump: VersionPart } | { set: string };

/** Options of {@link changeSolutionVersion}; at least one of `folder` and `name`. */
export interface ChangeVersionOptions {
  /** The unpacked solution (the folder that holds Other/). */
  folder?: string;
  /** The solution's unique name on the server. */
  name?: string;
  /** The change. */
  change: VersionChange;
}

/** Deps of {@link changeSolutionVersion}: a client, needed only with `name`. */
export interface ChangeVersionDeps {
  /** The org's client, built only when the server version changes. */
  client?: () => Promise<DataverseClient>;
}

/** One changed version: where (the Solution.xml file or the unique name), before and after. */
export interface VersionChanged {
  /** The file, or the solution's unique name on the server. */
  where: string;
  /** The version before. */
  previous: string;
  /** The version now. */
  version: string;
}

/** The version `change` makes of `current`. */
export function nextVersion(current: string, change: VersionChange): string {
  return "set" in change ? change.set : bumpVersion(current, change.bump);
}

/** Changes the folder's version, then the server's; returns one row per place changed. */
export async function changeSolutionVersion(
  options: ChangeVersionOptions,
  deps: ChangeVersionDeps,
): Promise<VersionChanged[]> {
  const next = (current: string) => nextVersion(current, options.change);
  const results: VersionChanged[] = [];
  if (options.folder !== undefined) {
    const r = await setFolderVersion(options.folder, next);
    results.push({ where: r.file, previous: r.previous, version: r.version });
  }
  if (options.name !== undefined) {
    if (!deps.client) throw new TypeError("changeSolutionVersion: a server version needs deps.client");
    const client = await deps.client();
    const current = await findSolution(client, options.name);
    const r = await setServerVersion(client, options.name, next(current.version));
    results.push({ where: options.name, previous: r.previous, version: r.version });
  }
  return results;
}
