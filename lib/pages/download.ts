/**
 * `ppx pages download`: reads a site from Dataverse (either data model, detected unless given) and writes
 * it in pac's layout. Files that did not change keep their bytes; files of records removed remotely are
 * removed; files ppx does not know stay. The manifest for the environment records what was downloaded,
 * so the next upload sends only local changes.
 *
 * Permissions: `--allow-net` for the org host, `--allow-read` and `--allow-write` for the folder.
 *
 * @module
 */

import { join } from "node:path";
import type { DataverseClient } from "../dataverse/client.ts";
import { SiteFolderError, SiteNotFoundError } from "./errors.ts";
import { downloadFileColumn, downloadNote } from "./binaries.ts";
import { detectFolder, readSiteFolder, writeSiteFolder } from "./folder.ts";
import { layoutSite } from "./layout.ts";
import { checksums, type Manifest, readManifest, writeManifest } from "./manifest.ts";
import { displayName, recordChecksum, type Site } from "./model.ts";
import { fetchSite, siteModel } from "./remote.ts";
import { type DataModel, PAGES_TABLES } from "./tables.ts";
import { selectTables } from "./select.ts";

/** Options of a download. */
export interface DownloadOptions {
  /** The website id. */
  websiteId: string;
  /** The folder to write (the site root, or for enhanced sites the folder that gets `.powerpages-site/`). */
  path: string;
  /** Data model; detected from the environment when undefined. */
  model?: DataModel;
  /** Only these tables (keys, logical names, entity sets or folder names). */
  include?: string[];
  /** Leave these tables out. */
  exclude?: string[];
  /** Download web-file binaries (default true). */
  binaries?: boolean;
  /** Replace local changes made since the last sync (otherwise refused). */
  overwrite?: boolean;
}

/** What a download needs. */
export interface DownloadDeps {
  /** A client for the org. */
  client: DataverseClient;
  /** The org URL (names the manifest). */
  orgUrl: string;
  /** Told how far the download got (for a progress line). */
  onProgress?: (label: string, done: number, total?: number) => void;
}

/** What a download did. */
export interface DownloadResult {
  /** The data model. */
  model: DataModel;
  /** The folder holding website.yml. */
  siteRoot: string;
  /** Records per table key. */
  records: Record<string, number>;
  /** Web-file binaries downloaded. */
  binaries: number;
  /** Files written. */
  written: string[];
  /** Files left as they were. */
  unchanged: number;
  /** Files removed (records gone from the environment). */
  removed: string[];
}

/** Records changed locally since the manifest was written. */
async function localChanges(previous: Site, manifest: Manifest): Promise<string[]> {
  const sums = checksums(manifest);
  if (!sums.size) return [];
  const out: string[] = [];
  for (const r of previous.records) {
    if (r.table.reference) continue;
    const e = sums.get(`${r.table.logicalName}:${r.id}`);
    if (!e || e.CheckSum !== await recordChecksum(r)) out.push(r.paths?.[0] ?? `${r.table.key} ${r.id}`);
  }
  return out;
}

/** Downloads a site into a folder. */
export async function runDownload(options: DownloadOptions, deps: DownloadDeps): Promise<DownloadResult> {
  const tables = selectTables(options.include, options.exclude);
  const model = options.model ?? await siteModel(deps.client, options.websiteId);
  if (!model) {
    throw new SiteNotFoundError(options.websiteId);
  }
  const existing = await detectFolder(options.path);
  if (existing && existing.model !== model) {
    throw new SiteFolderError(
      "download-model-mismatch",
      options.path,
      `${options.path} holds a ${existing.model}-model site; this site is ${model}.`,
      { model: existing.model, expected: model },
    );
  }
  const siteRoot = existing?.siteRoot ??
    (model === "enhanced" && !options.path.endsWith(".powerpages-site")
      ? join(options.path, ".powerpages-site")
      : options.path);
  const previous = existing ? await readSiteFolder(existing) : undefined;
  if (previous && previous.websiteId !== options.websiteId.toLowerCase() && !options.overwrite) {
    throw new SiteFolderError(
      "other-site",
      options.path,
      `${options.path} holds another site (${previous.websiteId}).`,
      { folderSite: previous.websiteId },
    );
  }
  const synced = previous ? Object.keys(await readManifest(siteRoot, deps.orgUrl)).length > 0 : false;
  if (previous && !options.overwrite) {
    const changed = await localChanges(previous, await readManifest(siteRoot, deps.orgUrl));
    if (changed.length) {
      throw new SiteFolderError(
        "local-changes",
        options.path,
        `${changed.length} record(s) changed locally since the last sync, e.g. ${
          changed.slice(0, 3).join(", ")
        }; nothing was written.`,
        { changed },
      );
    }
  }
  const site = await fetchSite(deps.client, options.websiteId, model, { tables });
  let binaries = 0;
  if (options.binaries !== false) {
    const webFiles = site.records.filter((r) => r.table.binary);
    for (const r of webFiles) {
      deps.onProgress?.("web files", binaries, webFiles.length);
      if (model === "standard") {
        const note = await downloadNote(deps.client, r.id);
        if (note) {
          Object.assign(r.fields, note.fields);
          r.binary = note.binary;
          binaries++;
        }
      } else {
        const file = await downloadFileColumn(deps.client, r.id);
        if (file) {
          r.binary = file;
          binaries++;
        }
      }
    }
  }
  if (previous && model === "standard") keepLocalOnlyFields(site, previous);
  if (previous && options.binaries === false) {
    // Without binaries the local files stay as they are (not removed as if the records had none).
    const before = new Map(previous.records.map((r) => [`${r.table.key}:${r.id}`, r]));
    for (const r of site.records) r.binary ??= before.get(`${r.table.key}:${r.id}`)?.binary;
  }
  const files = layoutSite(site);
  let stats;
  try {
    // Without a manifest for this environment a record file the environment lacks may be new work, not a
    // deletion: such files are kept (with --overwrite they are removed).
    stats = await writeSiteFolder(
      siteRoot,
      files,
      synced || options.overwrite ? previous : undefined,
      deps.onProgress,
    );
  } finally {
    for (const r of site.records) await r.binary?.dispose?.();
  }
  if (model === "enhanced") {
    try {
      await Deno.stat(join(siteRoot, ".portalconfig/manifest.yml"));
    } catch {
      await writeSiteFolder(siteRoot, [{
        path: ".portalconfig/manifest.yml",
        kind: "yaml",
        data: {},
        owners: [],
      }]);
    }
  }
  // Checksums of what is now on disk, read back, so the next upload compares like with like.
  const written = await readSiteFolder({ model, siteRoot });
  const manifest: Manifest = {};
  const remote = new Set(site.records.map((r) => `${r.table.key}:${r.id}`));
  for (const r of written.records) {
    // Only what the environment has counts as synced; files kept for records it lacks stay "local".
    if (r.table.reference || !remote.has(`${r.table.key}:${r.id}`)) continue;
    (manifest[r.table.logicalName] ??= []).push({
      RecordId: r.id,
      DisplayName: displayName(model, r),
      CheckSum: await recordChecksum(r),
      IsDeleted: false,
    });
  }
  await writeManifest(siteRoot, deps.orgUrl, manifest);
  const records: Record<string, number> = {};
  for (const t of PAGES_TABLES) {
    const n = site.records.filter((r) => r.table.key === t.key).length;
    if (n) records[t.key] = n;
  }
  return {
    model,
    siteRoot,
    records,
    binaries,
    written: stats.written,
    unchanged: stats.unchanged,
    removed: stats.removed,
  };
}

/** Fields a local file has that are no columns in the environment (custom or newer ones) stay on disk. */
function keepLocalOnlyFields(site: Site, previous: Site): void {
  const before = new Map(previous.records.map((r) => [`${r.table.key}:${r.id}`, r]));
  for (const r of site.records) {
    const old = before.get(`${r.table.key}:${r.id}`);
    if (!old || !r.columns) continue;
    for (const [k, v] of Object.entries(old.fields)) {
      if (!(k in r.fields) && !r.columns.has(k)) r.fields[k] = v;
    }
  }
}
