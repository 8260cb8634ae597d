/**
 * Runs a parsed FetchXML query: joins link-entities (inner, outer and the any / not any / exists / in
 * semi-joins), filters, orders, aggregates with grouping, and pages by `count` / `page`, resuming after the
 * previous page's paging cookie when one is given. Rows come out in the Web API's FetchXML shape: no null
 * properties, linked columns as `alias.column`, aggregates under their aliases.
 *
 * @module
 */

import { parseXml, XmlElement } from "../xml.ts";
import { CODES, DvError } from "./errors.ts";
import { type FetchColumn, type FetchLink, type FetchPlan, outputName } from "./fetchxml.ts";
import type { FetchRow } from "./fetchxml_filter.ts";
import { type CookieColumn, MAX_PAGE_SIZE, pagingCookie } from "./query.ts";
import { formatRecord } from "./records.ts";
import { type AttributeSchema, isLookup } from "./schema.ts";
import type { DataverseStore, LookupValue, StoredRecord, TableData } from "./store.ts";
import { formattedValue } from "./values.ts";

/** One page of a FetchXML answer. */
export interface FetchPage {
  value: Record<string, unknown>[];
  /** Rows (or groups) the query matches in all. */
  total: number;
  more: boolean;
  /** The `@Microsoft.Dynamics.CRM.fetchxmlpagingcookie` for the next page, when the query supports one. */
  cookie?: string;
}

/** Aggregate queries may read at most this many records, as in Dataverse. */
export const AGGREGATE_RECORD_LIMIT = 50_000;

type SortKey = string | number | null;

/**
 * The value a column sorts by. As in Dataverse, lookups sort by the related record's primary name and
 * choices by their label (by value with `useraworderby`); text ignores case.
 */
function sortKey(
  store: DataverseStore,
  attribute: AttributeSchema,
  value: unknown,
  rawOrder = false,
): SortKey {
  if (value === null || value === undefined) return null;
  if (isLookup(attribute)) {
    const id = typeof value === "object" && "id" in value ? (value as LookupValue).id : String(value);
    for (const target of attribute.targets ?? []) {
      const table = store.table(target);
      const name = table?.records.get(id)?.values[table.schema.primaryNameAttribute];
      if (typeof name === "string") return name.toLowerCase();
    }
    return id;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  if (attribute.type === "DateTime") {
    const text = String(value);
    return Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  }
  if (!rawOrder && attribute.options && typeof value === "number") {
    const label = attribute.options.find((o) => o.value === value)?.label;
    if (label !== undefined) return label.toLowerCase();
  }
  return typeof value === "string" ? value.toLowerCase() : value as number;
}

/** SQL Server order: nulls first when ascending. */
function compareKeys(a: SortKey, b: SortKey): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

function recordOf(row: FetchRow, entity: string | null): StoredRecord | null | undefined {
  return entity === null ? row.base : row.linked[entity];
}

function joinKey(record: StoredRecord, attribute: AttributeSchema): string | undefined {
  const v = record.values[attribute.logicalName];
  if (v === null || v === undefined) return undefined;
  if (typeof v === "object" && "id" in v) return (v as LookupValue).id;
  return typeof v === "string" ? v.toLowerCase() : String(v);
}

function expandLinks(rows: FetchRow[], links: FetchLink[]): FetchRow[] {
  for (const link of links) rows = expandLink(rows, link);
  return rows;
}

function expandLink(rows: FetchRow[], link: FetchLink): FetchRow[] {
  const semi = link.type !== "inner" && link.type !== "outer";
  const index = new Map<string, StoredRecord[]>();
  for (const m of link.table.records.values()) {
    if (link.filter && !link.filter({ base: m, linked: {} })) continue;
    // A semi-join's nested links narrow which related records count as a match.
    if (
      semi && link.links.length && !expandLinks([{ base: m, linked: { [link.alias]: m } }], link.links).length
    ) {
      continue;
    }
    const key = joinKey(m, link.from);
    if (key === undefined) continue;
    const list = index.get(key);
    if (list) list.push(m);
    else index.set(key, [m]);
  }
  const out: FetchRow[] = [];
  for (const row of rows) {
    const parent = recordOf(row, link.parent);
    const key = parent ? joinKey(parent, link.to) : undefined;
    const matches = key === undefined ? [] : index.get(key) ?? [];
    if (link.type === "not any") {
      if (!matches.length) out.push(row);
    } else if (semi) {
      if (matches.length) out.push(row);
    } else if (matches.length) {
      for (const m of matches) out.push({ base: row.base, linked: { ...row.linked, [link.alias]: m } });
    } else if (link.type === "outer") {
      out.push({ base: row.base, linked: { ...row.linked, [link.alias]: null } });
    }
  }
  return semi ? out : expandLinks(out, link.links);
}

function involvedTables(plan: FetchPlan): TableData[] {
  const tables = [plan.table];
  const walk = (links: FetchLink[]) => {
    for (const l of links) {
      tables.push(l.table);
      walk(l.links);
    }
  };
  walk(plan.links);
  return tables;
}

/** Runs FetchXML plans and keeps the last few ordered results, so paging a large table stays fast. */
export class FetchRunner {
  readonly #cache = new Map<string, { stamp: string; rows: FetchRow[] }>();

  /** Creates a runner over the store's tables. */
  constructor(readonly store: DataverseStore) {}

  /** One page of the query's answer. */
  run(plan: FetchPlan, options: { annotations: boolean }): FetchPage {
    const rows = this.#rows(plan);
    if (plan.aggregate) {
      const limit = plan.aggregateLimit ?? AGGREGATE_RECORD_LIMIT;
      if (rows.length > limit) {
        throw new DvError(
          400,
          CODES.aggregateLimit,
          "AggregateQueryRecordLimit exceeded. Cannot perform this operation.",
        );
      }
      return page(plan, aggregate(this.store, plan, rows, options.annotations), 0);
    }
    if (plan.distinct) {
      const seen = new Set<string>();
      const value: Record<string, unknown>[] = [];
      for (const row of rows) {
        const out = formatRow(this.store, plan, row, options.annotations);
        const key = JSON.stringify(out);
        if (!seen.has(key)) {
          seen.add(key);
          value.push(out);
        }
      }
      return page(plan, value, 0);
    }
    const start = resumeAt(this.store, plan, rows);
    const result = page(plan, rows, start);
    const formatted = result.value.map((row) => formatRow(this.store, plan, row, options.annotations));
    const cookie = result.more && result.value.length ? cookieFor(plan, rows, result.value) : undefined;
    return { ...result, value: formatted, cookie };
  }

  #rows(plan: FetchPlan): FetchRow[] {
    const stamp = involvedTables(plan).map((t) => `${t.logicalName}:${t.mutations}`).join(",");
    const key = plan.signature;
    const cached = this.#cache.get(key);
    if (cached && cached.stamp === stamp) return cached.rows;
    let rows = expandLinks(
      [...plan.table.records.values()].map((base) => ({ base, linked: {} })),
      plan.links,
    );
    if (plan.filter) rows = rows.filter(plan.filter);
    if (!plan.aggregate) rows = sortRows(this.store, plan, rows);
    this.#cache.delete(key);
    this.#cache.set(key, { stamp, rows });
    while (this.#cache.size > 8) this.#cache.delete(this.#cache.keys().next().value!);
    return rows;
  }
}

function rowKey(store: DataverseStore, plan: FetchPlan, row: FetchRow): SortKey[] {
  return plan.orders.map((o) => {
    const record = recordOf(row, o.column!.entity);
    return sortKey(
      store,
      o.column!.attribute,
      record?.values[o.column!.attribute.logicalName],
      plan.rawOrder,
    );
  });
}

function compareRowKeys(plan: FetchPlan, a: SortKey[], b: SortKey[]): number {
  for (let i = 0; i < plan.orders.length; i++) {
    const c = compareKeys(a[i], b[i]);
    if (c) return plan.orders[i].descending ? -c : c;
  }
  return 0;
}

function sortRows(store: DataverseStore, plan: FetchPlan, rows: FetchRow[]): FetchRow[] {
  const keyed = rows.map((row) => ({ row, key: rowKey(store, plan, row) }));
  const linkedIds = (r: FetchRow) => Object.values(r.linked).map((m) => m?.id ?? "").join(",");
  keyed.sort((a, b) =>
    compareRowKeys(plan, a.key, b.key) ||
    compareKeys(a.row.base.id, b.row.base.id) ||
    compareKeys(linkedIds(a.row), linkedIds(b.row))
  );
  return keyed.map((k) => k.row);
}

function page<T>(plan: FetchPlan, rows: T[], resume: number): { value: T[]; total: number; more: boolean } {
  const limit = plan.top !== undefined ? Math.min(plan.top, rows.length) : rows.length;
  const size = plan.top !== undefined ? limit : Math.min(plan.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const start = plan.top !== undefined ? 0 : resume || (plan.page - 1) * size;
  const end = Math.min(start + size, limit);
  return { value: rows.slice(start, Math.max(start, end)), total: rows.length, more: end < limit };
}

/**
 * Cookies only work when each row is one record of the query's table and the order uses its own columns;
 * otherwise Dataverse sends none and the client falls back to page numbers.
 */
function cookieSupported(plan: FetchPlan, rows: FetchRow[]): boolean {
  if (plan.top !== undefined || plan.orders.some((o) => o.column!.entity !== null)) return false;
  return !plan.links.some((l) => l.type === "inner" || l.type === "outer") ||
    new Set(rows.map((r) => r.base.id)).size === rows.length;
}

function cookieText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "object" && "id" in value) return `{${(value as LookupValue).id.toUpperCase()}}`;
  if (typeof value === "boolean") return value ? "1" : "0";
  return String(value);
}

function cookieFor(plan: FetchPlan, rows: FetchRow[], shown: FetchRow[]): string | undefined {
  if (!cookieSupported(plan, rows)) return undefined;
  const first = shown[0];
  const last = shown[shown.length - 1];
  const columns: CookieColumn[] = plan.orders.map((o) => {
    const a = o.column!.attribute;
    return {
      name: a.logicalName,
      first: cookieText(first.base.values[a.logicalName]),
      last: cookieText(last.base.values[a.logicalName]),
    };
  });
  return pagingCookie(
    plan.page + 1,
    plan.table.schema.primaryIdAttribute,
    first.base.id,
    last.base.id,
    2,
    columns,
  );
}

function cookieValue(attribute: AttributeSchema, text: string | undefined): unknown {
  if (text === undefined) return null;
  if (isLookup(attribute) || attribute.type === "Uniqueidentifier") {
    return text.replace(/^\{|\}$/g, "").toLowerCase();
  }
  if (attribute.type === "Boolean") return text === "1" || text.toLowerCase() === "true";
  if (
    ["Integer", "BigInt", "Decimal", "Double", "Money", "Picklist", "State", "Status"].includes(
      attribute.type,
    )
  ) {
    return Number(text);
  }
  return text;
}

/**
 * Where the requested page starts when the previous page's cookie came with it: just after the cookie's
 * last row by the query's order, so rows created or deleted on earlier pages shift nothing. Returns 0 to
 * page by number (no cookie, a cookie for another page, or a query that cannot use one).
 */
function resumeAt(store: DataverseStore, plan: FetchPlan, rows: FetchRow[]): number {
  if (!plan.pagingCookie || plan.page < 2 || !cookieSupported(plan, rows)) return 0;
  let cookie;
  try {
    cookie = parseXml(plan.pagingCookie).root;
  } catch {
    return 0;
  }
  if (cookie?.name !== "cookie" || Number(cookie.attributes.page) !== plan.page - 1) return 0;
  const values = new Map<string, string | undefined>();
  for (const child of cookie.children) {
    if (child instanceof XmlElement) values.set(child.name, child.attributes.last);
  }
  const pk = plan.table.schema.primaryIdAttribute;
  const lastId = values.get(pk)?.replace(/^\{|\}$/g, "").toLowerCase();
  if (!lastId) return 0;
  if (!plan.orders.every((o) => values.has(o.column!.attribute.logicalName))) {
    const at = rows.findIndex((r) => r.base.id === lastId);
    return at < 0 ? 0 : at + 1;
  }
  const key = plan.orders.map((o) => {
    const a = o.column!.attribute;
    return sortKey(store, a, cookieValue(a, values.get(a.logicalName)), plan.rawOrder);
  });
  const at = rows.findIndex((r) => {
    const c = compareRowKeys(plan, rowKey(store, plan, r), key);
    return c > 0 || (c === 0 && r.base.id > lastId);
  });
  return at < 0 ? rows.length : at;
}

function addValue(
  store: DataverseStore,
  out: Record<string, unknown>,
  name: string,
  attribute: AttributeSchema,
  value: unknown,
  annotations: boolean,
): void {
  if (value === null || value === undefined) return;
  if (typeof value === "object" && "id" in value) {
    const lookup = value as LookupValue;
    if (annotations) {
      const target = store.table(lookup.table);
      const label = target?.records.get(lookup.id)?.values[target.schema.primaryNameAttribute];
      if (typeof label === "string") out[`${name}@OData.Community.Display.V1.FormattedValue`] = label;
      out[`${name}@Microsoft.Dynamics.CRM.lookuplogicalname`] = lookup.table;
    }
    out[name] = lookup.id;
    return;
  }
  if (annotations) {
    const text = formattedValue(attribute, value);
    if (text !== undefined) out[`${name}@OData.Community.Display.V1.FormattedValue`] = text;
  }
  out[name] = value;
}

function formatRow(
  store: DataverseStore,
  plan: FetchPlan,
  row: FetchRow,
  annotations: boolean,
): Record<string, unknown> {
  const own = plan.columns.filter((c) => c.entity === null);
  const plain = own.filter((c) => !c.alias).map((c) => c.attribute.logicalName);
  const select = plan.allAttributes ? undefined : plan.distinct ? plain : [...new Set(plain)];
  let out: Record<string, unknown> = {};
  if (!plan.distinct || !select || select.length) {
    out = formatRecord(store, plan.table, row.base, { select, annotations });
    // FetchXML answers leave out columns without a value.
    for (const [k, v] of Object.entries(out)) if (v === null) delete out[k];
    if (plan.distinct) {
      delete out["@odata.etag"];
      if (select && !select.includes(plan.table.schema.primaryIdAttribute)) {
        delete out[plan.table.schema.primaryIdAttribute];
      }
    }
  }
  for (const c of own) {
    if (c.alias) {
      addValue(store, out, c.alias, c.attribute, row.base.values[c.attribute.logicalName], annotations);
    }
  }
  const linkedColumns = plan.columns.filter((c) => c.entity !== null);
  for (const c of linkedColumns) {
    const record = row.linked[c.entity!];
    if (record) {
      addValue(store, out, outputName(c), c.attribute, record.values[c.attribute.logicalName], annotations);
    }
  }
  const everyColumn = (links: FetchLink[]) => {
    for (const link of links) {
      const record = row.linked[link.alias];
      if (link.allAttributes && record) {
        for (const a of link.table.schema.attributes) {
          addValue(
            store,
            out,
            `${link.alias}.${a.logicalName}`,
            a,
            record.values[a.logicalName],
            annotations,
          );
        }
      }
      everyColumn(link.links);
    }
  };
  everyColumn(plan.links);
  return out;
}

function dateGroup(grouping: string, value: unknown): number {
  const text = String(value);
  const d = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
  const year = d.getUTCFullYear();
  switch (grouping) {
    case "year":
      return year;
    case "quarter":
      return Math.floor(d.getUTCMonth() / 3) + 1;
    case "month":
      return d.getUTCMonth() + 1;
    case "day":
      return d.getUTCDate();
    default: {
      // SQL Server's DATEPART(week): weeks start on Sunday and 1 January is in week 1.
      const jan1 = Date.UTC(year, 0, 1);
      const dayOfYear = Math.floor((d.getTime() - jan1) / 86_400_000);
      return Math.floor((dayOfYear + new Date(jan1).getUTCDay()) / 7) + 1;
    }
  }
}

function groupValue(c: FetchColumn, row: FetchRow): unknown {
  const v = recordOf(row, c.entity)?.values[c.attribute.logicalName];
  if (v === null || v === undefined) return null;
  if (c.dategrouping) return dateGroup(c.dategrouping, v);
  return v;
}

const WHOLE = new Set(["Integer", "BigInt"]);
const round = (n: number) => Math.round(n * 1e10) / 1e10;

function aggregateValue(c: FetchColumn, rows: FetchRow[]): unknown {
  if (c.aggregate === "count") return rows.length;
  const values = rows.map((r) => recordOf(r, c.entity)?.values[c.attribute.logicalName])
    .filter((v) => v !== null && v !== undefined);
  switch (c.aggregate) {
    case "countcolumn":
      return c.distinct ? new Set(values.map((v) => JSON.stringify(rawKey(v)))).size : values.length;
    case "sum":
      return round((values as number[]).reduce((s, v) => s + v, 0));
    case "avg": {
      if (!values.length) return null;
      const avg = (values as number[]).reduce((s, v) => s + v, 0) / values.length;
      return WHOLE.has(c.attribute.type) ? Math.trunc(avg) : round(avg);
    }
    default: {
      if (!values.length) return null;
      const max = c.aggregate === "max";
      return values.reduce((best, v) => {
        const cmp = compareKeys(rawKey(v, c.attribute), rawKey(best, c.attribute));
        return (max ? cmp > 0 : cmp < 0) ? v : best;
      });
    }
  }
}

function aggregate(
  store: DataverseStore,
  plan: FetchPlan,
  rows: FetchRow[],
  annotations: boolean,
): Record<string, unknown>[] {
  const groupColumns = plan.columns.filter((c) => c.groupby);
  const groups = new Map<string, { keys: unknown[]; rows: FetchRow[] }>();
  if (!groupColumns.length) groups.set("[]", { keys: [], rows: [] });
  for (const row of rows) {
    const keys = groupColumns.map((c) => groupValue(c, row));
    const id = JSON.stringify(
      keys.map((k) => k && typeof k === "object" && "id" in k ? (k as LookupValue).id : k),
    );
    const group = groups.get(id);
    if (group) group.rows.push(row);
    else groups.set(id, { keys, rows: [row] });
  }
  const ordered = [...groups.values()].sort((a, b) => {
    for (let i = 0; i < groupColumns.length; i++) {
      const c = groupColumns[i];
      const attribute = c.dategrouping
        ? { ...c.attribute, type: "Integer" as const, options: undefined }
        : c.attribute;
      const cmp = compareKeys(sortKey(store, attribute, a.keys[i]), sortKey(store, attribute, b.keys[i]));
      if (cmp) return cmp;
    }
    return 0;
  });
  const out = ordered.map((group) => {
    const result: Record<string, unknown> = {};
    const raw: Record<string, unknown> = {};
    for (const c of plan.columns) {
      const name = outputName(c);
      const value = c.groupby ? group.keys[groupColumns.indexOf(c)] : aggregateValue(c, group.rows);
      raw[name] = value;
      if (value === null || value === undefined) continue;
      if (c.dategrouping || c.aggregate === "count" || c.aggregate === "countcolumn") result[name] = value;
      else addValue(store, result, name, c.attribute, value, annotations);
      if (
        annotations && typeof result[name] === "number" &&
        result[`${name}@OData.Community.Display.V1.FormattedValue`] === undefined
      ) {
        result[`${name}@OData.Community.Display.V1.FormattedValue`] = (value as number).toLocaleString(
          "en-US",
        );
      }
    }
    return { result, raw };
  });
  if (plan.orders.length) {
    out.sort((a, b) => {
      for (const o of plan.orders) {
        const cmp = compareKeys(rawKey(a.raw[o.alias!]), rawKey(b.raw[o.alias!]));
        if (cmp) return o.descending ? -cmp : cmp;
      }
      return 0;
    });
  }
  return out.map((o) => o.result);
}

function rawKey(value: unknown, attribute?: AttributeSchema): SortKey {
  if (value === null || value === undefined) return null;
  if (attribute?.type === "DateTime") {
    const text = String(value);
    return Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  }
  if (typeof value === "object" && "id" in value) return (value as LookupValue).id;
  if (typeof value === "boolean") return value ? 1 : 0;
  return typeof value === "string" ? value.toLowerCase() : value as number;
}
