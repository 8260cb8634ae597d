/**
 * A site as Dataverse holds it, for both data models: standard sites are rows of the `adx_` tables
 * (lookups as `_x_value` on read, `x@odata.bind` on write); enhanced sites are one `powerpagesites` row
 * plus `powerpagecomponents` rows whose `content` column holds the record's fields as JSON. This module
 * turns rows into SiteRecords and records into write payloads; it never sends writes itself.
 *
 * Permissions: `--allow-net` for the org host.
 *
 * @module
 */

import type { DataverseClient, DataverseRecord } from "../dataverse/client.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { SiteNotFoundError } from "./errors.ts";
import { dataverseError } from "../dataverse/errors.ts";
import type { Site, SiteRecord } from "./model.ts";
import { column, type DataModel, PAGES_TABLES, type PagesTable, table, unprefixed } from "./tables.ts";
import { canonicalJson } from "./yaml.ts";

/** The enhanced model's tables. */
export const ENHANCED = {
  siteSet: "powerpagesites",
  siteId: "powerpagesiteid",
  componentSet: "powerpagecomponents",
  componentId: "powerpagecomponentid",
  componentLogicalName: "powerpagecomponent",
} as const;

/** Web-file fields that belong to its note (annotation), not to the web file row. */
export const NOTE_FIELDS = [
  "annotationid",
  "filename",
  "isdocument",
  "mimetype",
  "objectid",
  "objecttypecode",
];

const SYSTEM = new Set([
  "createdon",
  "modifiedon",
  "versionnumber",
  "overriddencreatedon",
  "timezoneruleversionnumber",
  "utcconversiontimezonecode",
  "statecode",
  "statuscode",
]);

/** A site found in an environment. */
export interface RemoteSite {
  /** Website id. */
  id: string;
  /** Website name. */
  name: string;
  /** Its data model. */
  model: DataModel;
}

async function tolerant<T>(work: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // An org without the Power Pages tables of one model answers 404 for that model's entity sets.
    if (error instanceof NotFoundError || (error as { status?: number }).status === 404) return fallback;
    throw error;
  }
}

async function all(client: DataverseClient, set: string, filter?: string, select?: string[]) {
  const rows: DataverseRecord[] = [];
  for await (const page of client.pages(set, { filter, select }, { all: true, pageSize: 5000 })) {
    rows.push(...page.records);
  }
  return rows;
}

/** Every site of the environment, both models. */
export async function listSites(client: DataverseClient): Promise<RemoteSite[]> {
  const standard = await tolerant(
    () => all(client, "adx_websites", undefined, ["adx_websiteid", "adx_name"]),
    [],
  );
  const enhanced = await tolerant(
    () => all(client, ENHANCED.siteSet, undefined, [ENHANCED.siteId, "name"]),
    [],
  );
  return [
    ...standard.map((r) => ({
      id: String(r.adx_websiteid),
      name: String(r.adx_name ?? ""),
      model: "standard" as const,
    })),
    ...enhanced.map((r) => ({
      id: String(r[ENHANCED.siteId]),
      name: String(r.name ?? ""),
      model: "enhanced" as const,
    })),
  ].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1);
}

/** The model of the site with this id in the environment; undefined when no such site. */
export async function siteModel(client: DataverseClient, websiteId: string): Promise<DataModel | undefined> {
  const sites = await listSites(client);
  return sites.find((s) => s.id.toLowerCase() === websiteId.toLowerCase())?.model;
}

/** Standard row -> record fields: lookups under their plain column name, system columns and nulls dropped. */
export function standardRecord(t: PagesTable, row: DataverseRecord): SiteRecord {
  const idKey = column("standard", t, "id");
  const fields: Record<string, unknown> = {};
  const columns = new Set<string>();
  for (const [k, v] of Object.entries(row)) {
    if (!k.includes("@")) columns.add(k.replace(/^_(.+)_value$/, "$1"));
    if (k.includes("@") || k === idKey || SYSTEM.has(k) || v === null || v === undefined) continue;
    const lookup = /^_(.+)_value$/.exec(k);
    if (lookup) {
      if (lookup[1] === "adx_websiteid" && t.key !== "website") continue; // implied by the folder
      // Declared lookups and any other adx_ lookup (forms, subjects, …) belong to the record; system ones
      // (owner, created by, business unit) do not.
      if (!t.lookups?.[unprefixed("standard", t, lookup[1])] && !lookup[1].startsWith("adx_")) continue;
      fields[lookup[1]] = String(v).toLowerCase();
    } else fields[k] = v;
  }
  return { table: t, id: String(row[idKey]).toLowerCase(), fields, columns };
}

/**
 * The web roles a standard record is linked to through its many-to-many relationships
 * (`adx_entitypermission_webrole`, `adx_webpageaccesscontrolrule_webrole`), as a sorted id list field.
 */
async function readRelationships(client: DataverseClient, r: SiteRecord): Promise<void> {
  for (const rel of r.table.relationships ?? []) {
    const nav = column("standard", r.table, rel);
    const path = `${client.apiPath}/${r.table.entitySet}(${r.id})/${nav}?$select=adx_webroleid`;
    let body: { value?: { adx_webroleid?: string }[] };
    try {
      const response = await client.http.send("GET", path, {
        headers: { Accept: "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0" },
      });
      body = await response.json();
    } catch (error) {
      const e = dataverseError(error);
      if (e instanceof NotFoundError || (e as { status?: number }).status === 404) continue;
      throw e;
    }
    const ids = (body.value ?? []).map((x) => String(x.adx_webroleid).toLowerCase()).sort();
    r.columns?.add(nav);
    if (ids.length) r.fields[nav] = ids;
  }
}

/** Enhanced row -> record: `name` plus the fields of its `content` JSON. */
export function enhancedRecord(t: PagesTable, row: DataverseRecord, idKey: string): SiteRecord {
  let content: Record<string, unknown> = {};
  if (typeof row.content === "string" && row.content.trim() !== "") {
    try {
      content = JSON.parse(row.content);
    } catch {
      throw new ValidationError(`The ${t.key} ${row[idKey]} has a content column that is not JSON.`);
    }
  }
  const fields: Record<string, unknown> = { ...content };
  // The row's name column is the record's name field; other name fields (entityname) live in content.
  if (t.name === "name" && typeof row.name === "string") fields.name = row.name;
  return { table: t, id: String(row[idKey]).toLowerCase(), fields };
}

/** What to fetch: table keys (default every table). */
export interface FetchOptions {
  /** Only these tables (keys); the website is always read. */
  tables?: Set<string>;
}

/** Reads a site's records (no binaries) from Dataverse. */
export async function fetchSite(
  client: DataverseClient,
  websiteId: string,
  model: DataModel,
  options: FetchOptions = {},
): Promise<Site> {
  const want = (t: PagesTable) => t.key === "website" || !options.tables || options.tables.has(t.key);
  const records: SiteRecord[] = [];
  const languages = await tolerant(() => all(client, "adx_portallanguages"), []);
  records.push(
    ...languages.map((r) => standardRecord(table("portallanguage"), r)).map((r) =>
      model === "enhanced" ? toModel(r, model) : r
    ),
  );
  if (model === "standard") {
    for (const t of PAGES_TABLES) {
      if (t.reference || !want(t)) continue;
      if (t.key === "weblink") {
        // Web links belong to their set, not to the website: read them by set, a few sets per query.
        const sets = records.filter((r) => r.table.key === "weblinkset").map((r) => r.id);
        for (let i = 0; i < sets.length; i += 25) {
          const filter = sets.slice(i, i + 25).map((id) => `_adx_weblinksetid_value eq ${id}`).join(" or ");
          for (const row of await all(client, t.entitySet, filter)) records.push(standardRecord(t, row));
        }
        continue;
      }
      const filter = t.key === "website"
        ? `adx_websiteid eq ${websiteId}`
        : `_adx_websiteid_value eq ${websiteId}`;
      const rows = (await all(client, t.entitySet, filter)).map((row) => standardRecord(t, row));
      for (const r of rows) await readRelationships(client, r);
      records.push(...rows);
    }
  } else {
    const sites = await all(client, ENHANCED.siteSet, `${ENHANCED.siteId} eq ${websiteId}`);
    for (const row of sites) records.push(enhancedRecord(table("website"), row, ENHANCED.siteId));
    const rows = await all(client, ENHANCED.componentSet, `_powerpagesiteid_value eq ${websiteId}`);
    const byType = new Map(PAGES_TABLES.filter((t) => t.componentType).map((t) => [t.componentType!, t]));
    for (const row of rows) {
      const t = byType.get(Number(row.powerpagecomponenttype));
      if (t && want(t)) records.push(enhancedRecord(t, row, ENHANCED.componentId));
    }
  }
  if (!records.some((r) => r.table.key === "website")) {
    throw new SiteNotFoundError(websiteId, model);
  }
  return { model, websiteId: websiteId.toLowerCase(), records };
}

/** A record's fields renamed for another model (`adx_name` <-> `name`); values are kept as they are. */
export function toModel(record: SiteRecord, model: DataModel): SiteRecord {
  const from: DataModel = model === "standard" ? "enhanced" : "standard";
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record.fields)) {
    fields[column(model, record.table, unprefixed(from, record.table, k))] = v;
  }
  return { ...record, fields };
}

/** How a write payload treats fields the local record does not have. */
export interface PayloadOptions {
  /** Clear content fields (page copy, snippet value, template source) missing locally. */
  clearMissingContent?: boolean;
  /** Columns the table has (from metadata); fields outside it are not sent. */
  columns?: Set<string>;
  /** Lookup columns the metadata knows but the table set does not declare: column -> target table key. */
  lookupTargets?: Map<string, string>;
  /** Maps a local id to the id of the same record in the target environment. */
  remap?: (tableKey: string, id: string) => string;
}

/** A write payload and the fields that could not be sent. */
export interface Payload {
  /** The JSON body. */
  body: DataverseRecord;
  /** Local fields that are not columns of the target table (kept on disk, not sent). */
  skipped: string[];
}

/** The write payload of a record in the target environment. */
export function payloadOf(
  model: DataModel,
  record: SiteRecord,
  websiteId: string,
  options: PayloadOptions = {},
): Payload {
  const t = record.table;
  const remap = options.remap ?? ((_k: string, id: string) => id);
  const skipped: string[] = [];
  if (model === "enhanced") {
    const name = record.fields[t.name];
    const content: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record.fields)) {
      if (k === "name" && t.name === "name") continue;
      const target = t.lookups?.[k];
      if (t.relationships?.includes(k) && Array.isArray(v)) {
        content[k] = v.map((id) => typeof id === "string" ? remap("webrole", id.toLowerCase()) : id);
      } else content[k] = target && typeof v === "string" ? remap(target, v) : v;
    }
    const body: DataverseRecord = { name: name ?? null, content: canonicalJson(content) };
    if (t.key === "website") return { body, skipped };
    body.powerpagecomponenttype = t.componentType;
    body["powerpagesiteid@odata.bind"] = `/${ENHANCED.siteSet}(${remap("website", websiteId)})`;
    return { body, skipped };
  }
  const body: DataverseRecord = {};
  for (const [k, v] of Object.entries(record.fields)) {
    const plain = unprefixed(model, t, k);
    if (t.binary && NOTE_FIELDS.includes(plain)) continue;
    if (t.relationships?.includes(plain)) continue; // associated with $ref requests (apply.ts)
    const target = t.lookups?.[plain];
    if (target && options.columns && !options.columns.has(k)) {
      skipped.push(k);
      continue;
    }
    if (target) {
      if (typeof v === "string" && v !== "") {
        body[`${k}@odata.bind`] = `/${table(target).entitySet}(${remap(target, v.toLowerCase())})`;
      }
      continue;
    }
    if (options.columns && !options.columns.has(k)) {
      skipped.push(k);
      continue;
    }
    const other = options.lookupTargets?.get(k);
    if (other) {
      if (typeof v === "string" && v !== "") {
        body[`${k}@odata.bind`] = `/${table(other).entitySet}(${remap(other, v.toLowerCase())})`;
      }
      continue;
    }
    body[k] = v;
  }
  if (options.clearMissingContent) {
    for (const f of Object.keys(t.content ?? {})) {
      const k = column(model, t, f);
      if (!(k in body)) body[k] = null;
    }
  }
  if (t.lookups?.websiteid) {
    body["adx_websiteid@odata.bind"] = `/adx_websites(${remap("website", websiteId)})`;
  }
  return { body, skipped };
}

/** The entity set and primary key column a record is written to. */
export function targetOf(model: DataModel, t: PagesTable): { set: string; idColumn: string } {
  if (model === "standard") return { set: t.entitySet, idColumn: column("standard", t, "id") };
  return t.key === "website"
    ? { set: ENHANCED.siteSet, idColumn: ENHANCED.siteId }
    : { set: ENHANCED.componentSet, idColumn: ENHANCED.componentId };
}
