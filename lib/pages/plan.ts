/**
 * Status -> plan for uploads: which local records changed since the last sync with this environment
 * (checksums in the manifest), what each strategy does with them, how local ids map to the target's
 * records (same id, else the natural key: name + parent + language), and which files the environment
 * would refuse. `--dry-run` and `ppx pages diff` show this plan; apply executes exactly it.
 *
 * @module
 */

import type { DataverseClient } from "../dataverse/client.ts";
import { NotFoundError } from "../errors.ts";
import { refusal, uploadLimits } from "./binaries.ts";
import { checksums, type Manifest } from "./manifest.ts";
import { displayName, normalizedFields, recordChecksum, type Site, type SiteRecord } from "./model.ts";
import { fetchSite, listSites, NOTE_FIELDS } from "./remote.ts";
import { column, type DataModel, PAGES_TABLES, type PagesTable } from "./tables.ts";
import type { Strategy } from "./strategies.ts";
import { canonicalJson } from "./yaml.ts";

export { planSummary, STRATEGIES, type Strategy } from "./strategies.ts";

/** What happens to one record. */
export type PlanAction = "create" | "update" | "delete" | "skip" | "conflict" | "unchanged" | "keep";

/** One line of a plan. */
export interface PlanItem {
  /** What upload does. */
  action: PlanAction;
  /** Table key (`webpage`). */
  table: string;
  /** The local id. */
  id: string;
  /** The id in the target environment (differs when matched by natural key). */
  remoteId: string;
  /** Display name. */
  name: string;
  /** Files that hold the record. */
  paths: string[];
  /** The files whose content differs (a content field's own file, else the record's YAML). */
  files?: string[];
  /** Fields that differ from the target (update) or are set (create). */
  fields?: string[];
  /** The web file's binary is sent. */
  binary?: boolean;
  /** Why (for skip, conflict, keep). */
  reason?: string;
  /** The local record (not serialised). */
  record?: SiteRecord;
  /** The target's record, when it exists (not serialised). */
  remote?: SiteRecord;
  /** Checksum of the local record (for the manifest). */
  checksum?: string;
}

/** A file the environment would refuse, found before anything is sent. */
export interface RefusedFile {
  /** The file's path in the site folder. */
  path: string;
  /** Why, and what to do. */
  reason: string;
}

/** An upload plan. */
export interface UploadPlan {
  /** The site's data model. */
  model: DataModel;
  /** The local website id. */
  websiteId: string;
  /** The site does not exist in the target yet; it is created with its ids. */
  createSite: boolean;
  /** The strategy planned with. */
  strategy: Strategy;
  /** Every record, in apply order. */
  items: PlanItem[];
  /** Web files the environment refuses (extension or size). */
  refused: RefusedFile[];
}

/** How to plan. */
export interface PlanOptions {
  /** Default `replace`. */
  strategy?: Strategy;
  /** Plan deletes for records removed locally since the last sync. */
  deleteMissing?: boolean;
  /** Treat every record as changed (pac's `--forceUploadAll`). */
  force?: boolean;
  /** Only these tables (keys). */
  tables?: Set<string>;
  /** Compare with the environment even when nothing changed locally (diff). */
  compareAll?: boolean;
}

function naturalKey(model: DataModel, r: SiteRecord, map: (t: string, id: string) => string): string {
  const t = r.table;
  const parts = [String(r.fields[column(model, t, t.name)] ?? "").toLowerCase()];
  for (const f of [t.parent, t.language, t.key === "webpage" ? "rootwebpageid" : undefined]) {
    if (!f) continue;
    const v = r.fields[column(model, t, f)];
    parts.push(typeof v === "string" ? map(t.lookups![f], v.toLowerCase()) : "");
  }
  return parts.join("|");
}

/** Maps local ids to the target's ids: the same id when present there, else the same natural key. */
export function matchRecords(local: Site, remote: Site | undefined): Map<string, string> {
  const map = new Map<string, string>();
  const get = (t: string, id: string) => map.get(`${t}:${id}`) ?? id;
  if (!remote) return map;
  const remoteIds = new Set(remote.records.map((r) => `${r.table.key}:${r.id}`));
  for (const t of PAGES_TABLES) {
    const mine = local.records.filter((r) => r.table.key === t.key);
    if (!mine.length) continue;
    const theirs = remote.records.filter((r) => r.table.key === t.key);
    const byKey = new Map<string, string>();
    for (const r of theirs) byKey.set(naturalKey(remote.model, r, (_t, id) => id), r.id);
    const taken = new Set(mine.filter((r) => remoteIds.has(`${t.key}:${r.id}`)).map((r) => r.id));
    // Records deeper in a hierarchy need their parent mapped first: two passes cover page trees.
    for (let pass = 0; pass < 2; pass++) {
      for (const r of mine) {
        if (remoteIds.has(`${t.key}:${r.id}`)) continue;
        const found = t.key === "website"
          ? theirs.find((x) =>
            x.fields[column(remote.model, t, "name")] === r.fields[column(local.model, t, "name")]
          )?.id
          : byKey.get(naturalKey(local.model, r, get));
        if (found && !taken.has(found)) map.set(`${t.key}:${r.id}`, found);
      }
    }
  }
  return map;
}

function differingFields(model: DataModel, local: SiteRecord, remote: SiteRecord | undefined): string[] {
  const a = normalizedFields(local.fields);
  const b = remote ? normalizedFields(remote.fields) : {};
  const keys = new Set([...Object.keys(a), ...(remote ? Object.keys(b) : [])]);
  const skip = new Set(local.table.binary && model === "standard" ? NOTE_FIELDS : []);
  // Fields that are no columns there (many-to-many lists, custom columns of another environment) cannot
  // differ: they are never sent.
  const known = (k: string) => !remote?.columns || remote.columns.has(k);
  return [...keys].filter((k) => !skip.has(k) && known(k) && canonicalJson(a[k]) !== canonicalJson(b[k]))
    .sort();
}

/** The files that hold the differing fields: content fields have their own file, the rest is the YAML. */
function changedFiles(model: DataModel, r: SiteRecord, fields: string[], binary: boolean): string[] {
  const paths = r.paths ?? [];
  const yml = paths.find((p) => p.endsWith(".yml"));
  const out = new Set<string>();
  for (const f of fields) {
    const suffix = Object.entries(r.table.content ?? {}).find(([c]) => column(model, r.table, c) === f)?.[1];
    const own = suffix ? paths.find((p) => p.endsWith(`.${suffix}`)) : undefined;
    if (own) out.add(own);
    else if (yml) out.add(yml);
  }
  if (binary) {
    const bin = paths.find((p) =>
      !p.endsWith(".yml") && !Object.values(r.table.content ?? {}).some((s) => p.endsWith(`.${s}`))
    );
    if (bin) out.add(bin);
  }
  return [...out].sort();
}

/** Orders records so a record comes after the records of its own table it points to. */
function parentsFirst(t: PagesTable, model: DataModel, records: SiteRecord[]): SiteRecord[] {
  const selfLookups = Object.entries(t.lookups ?? {}).filter(([, target]) => target === t.key).map(([f]) =>
    f
  );
  if (!selfLookups.length) return records;
  const byId = new Map(records.map((r) => [r.id, r]));
  const out: SiteRecord[] = [];
  const seen = new Set<string>();
  const visit = (r: SiteRecord, depth: number) => {
    if (seen.has(r.id) || depth > 64) return;
    seen.add(r.id);
    for (const f of selfLookups) {
      const p = byId.get(String(r.fields[column(model, t, f)] ?? "").toLowerCase());
      if (p) visit(p, depth + 1);
    }
    out.push(r);
  };
  for (const r of records) visit(r, 0);
  return out;
}

/** Builds the upload plan of a local site against an environment. */
export async function planUpload(
  client: DataverseClient,
  local: Site,
  manifest: Manifest,
  options: PlanOptions = {},
): Promise<UploadPlan> {
  const strategy = options.strategy ?? "replace";
  const sums = checksums(manifest);
  const included = (t: PagesTable) =>
    !t.reference && (t.key === "website" || !options.tables || options.tables.has(t.key));
  const items: PlanItem[] = [];
  const changed: { record: SiteRecord; checksum: string; dirty: boolean }[] = [];
  const localKeys = new Set<string>();
  for (const t of PAGES_TABLES) {
    if (!included(t)) continue;
    const records = parentsFirst(t, local.model, local.records.filter((r) => r.table.key === t.key));
    for (const r of records) {
      localKeys.add(`${t.logicalName}:${r.id}`);
      const checksum = await recordChecksum(r);
      const entry = sums.get(`${t.logicalName}:${r.id}`);
      const dirty = options.force === true || !entry || entry.CheckSum !== checksum;
      if (dirty || options.compareAll) {
        changed.push({ record: r, checksum, dirty });
      } else {
        items.push({
          action: "unchanged",
          table: t.key,
          id: r.id,
          remoteId: r.id,
          name: displayName(local.model, r),
          paths: r.paths ?? [],
        });
      }
    }
  }
  const gone = [...sums.values()].filter((e) =>
    !localKeys.has(`${e.table}:${String(e.RecordId).toLowerCase()}`)
  )
    .filter((e) => {
      const t = PAGES_TABLES.find((x) => x.logicalName === e.table);
      return t && included(t);
    });
  const plan: UploadPlan = {
    model: local.model,
    websiteId: local.websiteId,
    createSite: false,
    strategy,
    items,
    refused: [],
  };
  if (!changed.length && !(gone.length && options.deleteMissing)) {
    for (const e of gone) {
      items.push({
        action: "keep",
        table: PAGES_TABLES.find((x) => x.logicalName === e.table)!.key,
        id: String(e.RecordId).toLowerCase(),
        remoteId: String(e.RecordId).toLowerCase(),
        name: e.DisplayName,
        paths: [],
        reason: "deleted locally; pass --delete-missing to delete it in the environment",
      });
    }
    return plan;
  }

  let remote: Site | undefined;
  try {
    remote = await fetchSite(client, local.websiteId, local.model, { tables: options.tables });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    // Not under this id: the target may hold the same site made separately (same name, other ids).
    const website = local.records.find((r) => r.table.key === "website")!;
    const name = website.fields[column(local.model, website.table, "name")];
    const same = (await listSites(client)).find((s) => s.model === local.model && s.name === name);
    if (same) remote = await fetchSite(client, same.id, local.model, { tables: options.tables });
  }
  const map = matchRecords(local, remote);
  plan.createSite = !remote;
  const remoteById = new Map((remote?.records ?? []).map((r) => [`${r.table.key}:${r.id}`, r]));
  const limits = changed.some((c) => c.record.binary) ? await uploadLimits(client) : undefined;
  const planned: PlanItem[] = [];
  for (const { record: r, checksum, dirty } of changed) {
    const remoteId = map.get(`${r.table.key}:${r.id}`) ?? r.id;
    const there = remoteById.get(`${r.table.key}:${remoteId}`);
    const base = {
      table: r.table.key,
      id: r.id,
      remoteId,
      name: displayName(local.model, r),
      paths: r.paths ?? [],
      record: r,
      remote: there,
      checksum,
    };
    const diff = differingFields(local.model, r, there);
    // The environment's bytes are not read to compare: a binary is sent when its record changed since the last sync.
    const binary = !!r.binary && (dirty || !there);
    if (r.binary && limits) {
      const why = refusal(r.binary.fileName, r.binary.size, limits);
      const path = (r.paths ?? []).find((p) => !p.endsWith(".yml")) ?? r.binary.fileName;
      if (why) plan.refused.push({ path, reason: why });
    }
    if (!there) {
      planned.push({ ...base, action: "create", fields: diff, binary });
    } else if (strategy === "skip-existing") {
      planned.push({
        ...base,
        action: "skip",
        reason: "exists in the environment (--strategy skip-existing)",
      });
    } else if (strategy === "create-only") {
      planned.push({
        ...base,
        action: "conflict",
        reason: "exists in the environment (--strategy create-only creates only)",
      });
    } else if (!diff.length && !binary) {
      planned.push({ ...base, action: "unchanged" });
    } else {
      planned.push({
        ...base,
        action: "update",
        fields: diff,
        binary,
        files: changedFiles(local.model, r, diff, binary),
      });
    }
  }
  for (const e of gone) {
    const t = PAGES_TABLES.find((x) => x.logicalName === e.table)!;
    const id = String(e.RecordId).toLowerCase();
    const there = remoteById.get(`${t.key}:${id}`);
    planned.push({
      action: !there ? "unchanged" : options.deleteMissing ? "delete" : "keep",
      table: t.key,
      id,
      remoteId: id,
      name: e.DisplayName,
      paths: [],
      reason: !there
        ? "already gone from the environment"
        : options.deleteMissing
        ? "deleted locally (--delete-missing)"
        : "deleted locally; pass --delete-missing to delete it in the environment",
    });
  }
  plan.items = [...items, ...planned];
  return plan;
}

/** True when applying the plan would send writes. */
export function planHasWrites(plan: UploadPlan): boolean {
  return plan.items.some((i) => i.action === "create" || i.action === "update" || i.action === "delete");
}
