/**
 * `ppx pages upload` and `ppx pages diff`: read the folder, plan against the environment (status -> plan),
 * and apply the plan unless it is a dry run or a diff. After an upload the manifest holds the checksums of
 * what was sent, so the next upload sends only what changed since.
 *
 * Permissions: `--allow-net` for the org host, `--allow-read` (and `--allow-write` for the manifest) for
 * the folder.
 *
 * @module
 */

import type { DataverseClient } from "../dataverse/client.ts";
import { SiteFolderError } from "./errors.ts";
import { applyPlan, type ApplyResult, assertApplicable } from "./apply.ts";
import { detectFolder, readSiteFolder } from "./folder.ts";
import { checksums, type Manifest, readManifest, writeManifest } from "./manifest.ts";
import { planUpload, type Strategy, type UploadPlan } from "./plan.ts";
import { selectTables } from "./select.ts";
import { type DataModel, table } from "./tables.ts";

/** Options of an upload or a diff. */
export interface UploadOptions {
  /** The site folder (or the folder holding `.powerpages-site/`). */
  path: string;
  /** Upload as this website id (default: the folder's). */
  websiteId?: string;
  /** Default `replace`. */
  strategy?: Strategy;
  /** Print the plan; send nothing. */
  dryRun?: boolean;
  /** Delete records removed locally since the last sync. */
  deleteMissing?: boolean;
  /** Send every record, changed or not. */
  force?: boolean;
  /** The data model the caller expects (pac's `--modelVersion`); checked against the folder's. */
  model?: DataModel;
  /** Only these tables. */
  include?: string[];
  /** Leave these tables out. */
  exclude?: string[];
}

/** What an upload needs. */
export interface UploadDeps {
  /** A client for the org. */
  client: DataverseClient;
  /** The org URL (names the manifest). */
  orgUrl: string;
  /** Told how far the upload got (for a progress line). */
  onProgress?: (label: string, done: number, total?: number) => void;
}

/** What an upload did (or would do). */
export interface UploadResult {
  /** The plan. */
  plan: UploadPlan;
  /** Undefined for dry runs. */
  applied?: ApplyResult;
  /** The folder holding website.yml. */
  siteRoot: string;
}

async function load(options: UploadOptions, deps: UploadDeps) {
  const folder = await detectFolder(options.path);
  if (!folder) {
    throw new SiteFolderError(
      "no-site",
      options.path,
      `No Power Pages site in ${options.path} (no website.yml or .powerpages-site/).`,
    );
  }
  if (options.model && options.model !== folder.model) {
    throw new SiteFolderError(
      "model-mismatch",
      options.path,
      `${options.path} holds a ${folder.model}-model site, not ${options.model}.`,
      { model: folder.model, expected: options.model },
    );
  }
  const site = await readSiteFolder(folder);
  if (options.websiteId && options.websiteId.toLowerCase() !== site.websiteId) {
    throw new SiteFolderError(
      "not-the-folders-site",
      options.path,
      `Website ${options.websiteId} is not the folder's site (${site.websiteId}).`,
      { websiteId: options.websiteId, folderSite: site.websiteId },
    );
  }
  const manifest = await readManifest(folder.siteRoot, deps.orgUrl);
  return { folder, site, manifest };
}

/** Plans (and unless dry run, applies) an upload. */
export async function runUpload(options: UploadOptions, deps: UploadDeps): Promise<UploadResult> {
  const { folder, site, manifest } = await load(options, deps);
  const plan = await planUpload(deps.client, site, manifest, {
    strategy: options.strategy,
    deleteMissing: options.deleteMissing,
    force: options.force,
    tables: selectTables(options.include, options.exclude),
  });
  if (options.dryRun) return { plan, siteRoot: folder.siteRoot };
  assertApplicable(plan);
  const applied = await applyPlan(deps.client, plan, deps.onProgress);
  await writeManifest(folder.siteRoot, deps.orgUrl, updatedManifest(manifest, plan, applied));
  return { plan, applied, siteRoot: folder.siteRoot };
}

function updatedManifest(manifest: Manifest, plan: UploadPlan, applied: ApplyResult): Manifest {
  const entries = checksums(manifest);
  for (const item of plan.items) {
    const t = table(item.table);
    const key = `${t.logicalName}:${item.id}`;
    const done = applied.applied.includes(item) || (item.action === "unchanged" && item.checksum);
    if (item.action === "delete" && done) entries.delete(key);
    else if (done && item.checksum) {
      entries.set(key, {
        table: t.logicalName,
        RecordId: item.id,
        DisplayName: item.name,
        CheckSum: item.checksum,
        IsDeleted: false,
      });
    }
  }
  const out: Manifest = {};
  for (const e of entries.values()) {
    (out[e.table] ??= []).push({
      RecordId: e.RecordId,
      DisplayName: e.DisplayName,
      CheckSum: e.CheckSum,
      IsDeleted: e.IsDeleted,
    });
  }
  return out;
}

/** Options of a diff. */
export interface DiffOptions extends UploadOptions {
  /** Only table permissions, web roles and page access rules (`diff-permissions`). */
  permissionsOnly?: boolean;
}

/** What differs between the folder and the environment: the upload plan, against the environment's records. */
export async function runDiff(options: DiffOptions, deps: UploadDeps): Promise<UploadPlan> {
  const include = options.permissionsOnly ? ["tablepermission", "webrole", "webpagerule"] : options.include;
  const { site, manifest } = await load({ ...options, include }, deps);
  const plan = await planUpload(deps.client, site, manifest, {
    strategy: options.strategy,
    deleteMissing: options.deleteMissing,
    tables: selectTables(include, options.exclude),
    compareAll: true,
  });
  return plan;
}
