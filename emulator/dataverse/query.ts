/**
 * Runs collection queries over a table: filter, order, paging with an opaque `$skiptoken` shaped like
 * Dataverse's paging cookie, and a small cache of ordered results so following `@odata.nextLink` through a
 * large table stays fast.
 *
 * @module
 */

import { DvError, syntaxError } from "./errors.ts";
import type { Predicate } from "./filter.ts";
import type { StoredRecord, TableData } from "./store.ts";

/** A query ready to run. */
export interface CompiledQuery {
  table: TableData;
  /** Identifies filter + order for the cache. */
  signature: string;
  predicate?: Predicate<StoredRecord>;
  compare?: (a: StoredRecord, b: StoredRecord) => number;
}

interface CacheEntry {
  mutations: number;
  ids: string[];
  positions?: Map<string, number>;
}

/** Dataverse caps `@odata.count` (and pages) at 5,000. */
export const MAX_PAGE_SIZE = 5000;

/** Runs queries and remembers the last few ordered results. */
export class QueryEngine {
  readonly #cache = new Map<string, CacheEntry>();

  /** Record ids matching the query, in order (primary key order when none is given). */
  ordered(query: CompiledQuery): string[] {
    return this.#entry(query).ids;
  }

  /** Index just after `lastId` in the ordered result, or undefined when it is gone. */
  positionAfter(query: CompiledQuery, lastId: string): number | undefined {
    const entry = this.#entry(query);
    entry.positions ??= new Map(entry.ids.map((id, i) => [id, i]));
    const at = entry.positions.get(lastId);
    return at === undefined ? undefined : at + 1;
  }

  #entry(query: CompiledQuery): CacheEntry {
    const key = `${query.table.logicalName}|${query.signature}`;
    const cached = this.#cache.get(key);
    if (cached && cached.mutations === query.table.mutations) {
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached;
    }
    let rows = [...query.table.records.values()];
    if (query.predicate) rows = rows.filter(query.predicate);
    const byId = (a: StoredRecord, b: StoredRecord) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    const compare = query.compare;
    rows.sort(compare ? (a, b) => compare(a, b) || byId(a, b) : byId);
    const entry: CacheEntry = { mutations: query.table.mutations, ids: rows.map((r) => r.id) };
    this.#cache.set(key, entry);
    while (this.#cache.size > 8) this.#cache.delete(this.#cache.keys().next().value!);
    return entry;
  }
}

const lowerHex = (s: string) => s.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

/** One order column's values on the first and last row of a page (null: no value). */
export interface CookieColumn {
  name: string;
  first: string | null;
  last: string | null;
}

const xmlAttr = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The paging cookie Dataverse puts in `$skiptoken` and FetchXML answers: the page just served and, per
 * order column then the primary key, the values of its first and last rows; URL-encoded `encodings` times.
 */
export function pagingCookie(
  pageNumber: number,
  primaryKey: string,
  first: string,
  last: string,
  encodings = 1,
  columns: CookieColumn[] = [],
): string {
  const values = columns.map((c) =>
    `<${c.name}${c.last === null ? "" : ` last="${xmlAttr(c.last)}"`}${
      c.first === null ? "" : ` first="${xmlAttr(c.first)}"`
    } />`
  ).join("");
  const inner = `<cookie page="${
    pageNumber - 1
  }">${values}<${primaryKey} last="{${last.toUpperCase()}}" first="{${first.toUpperCase()}}" /></cookie>`;
  let encoded = inner;
  for (let i = 0; i < encodings; i++) encoded = lowerHex(encodeURIComponent(encoded));
  return `<cookie pagenumber="${pageNumber}" pagingcookie="${encoded}" istracking="False" />`;
}

/** Encodes a skiptoken for a next link the way Dataverse does (`=` left bare). */
export function encodeSkipToken(cookie: string): string {
  return encodeURIComponent(cookie).replace(/%3D/g, "=");
}

/** Reads page number and last id back out of a `$skiptoken` (already URL-decoded once). */
export function readSkipToken(token: string): { pageNumber: number; last?: string } {
  const attrs = new Map<string, string>();
  for (const m of token.matchAll(/([a-z]+)="([^"]*)"/gi)) attrs.set(m[1].toLowerCase(), m[2]);
  const pageNumber = Number(attrs.get("pagenumber"));
  if (!token.trim().startsWith("<cookie") || !Number.isInteger(pageNumber) || pageNumber < 2) {
    throw new DvError(400, "0x80060888", "The $skiptoken value is not valid.");
  }
  let last: string | undefined;
  try {
    const inner = decodeURIComponent(attrs.get("pagingcookie") ?? "");
    last = /last="\{?([0-9a-f-]{36})\}?"/i.exec(inner)?.[1]?.toLowerCase();
  } catch {
    throw syntaxError("The $skiptoken value is not valid.");
  }
  return { pageNumber, last };
}

/** Parses `Prefer` into its preferences (`odata.maxpagesize=50`, `return=representation`, …). */
export function parsePrefer(header: string | null): Map<string, string> {
  const prefs = new Map<string, string>();
  // Commas inside a quoted value (odata.include-annotations="a,b") do not separate preferences.
  for (const item of (header ?? "").match(/(?:[^,"]|"[^"]*")+/g) ?? []) {
    const [name, ...rest] = item.split("=");
    if (name.trim()) prefs.set(name.trim().toLowerCase(), rest.join("=").trim().replace(/^"|"$/g, ""));
  }
  return prefs;
}

/**
 * Which annotations `Prefer: odata.include-annotations="…"` asks for: `*`, exact names and `Namespace.*`
 * patterns; a `-name` entry excludes.
 */
export function includedAnnotations(prefs: Map<string, string>): (name: string) => boolean {
  const patterns = (prefs.get("odata.include-annotations") ?? "").split(",").map((p) => p.trim()).filter(
    Boolean,
  );
  const matches = (pattern: string, name: string) =>
    pattern === "*" || pattern === name || (pattern.endsWith(".*") && name.startsWith(pattern.slice(0, -1)));
  return (name) =>
    !patterns.some((p) => p.startsWith("-") && matches(p.slice(1), name)) &&
    patterns.some((p) => !p.startsWith("-") && matches(p, name));
}

/** The page size asked for with `Prefer: odata.maxpagesize`, capped at 5,000. */
export function maxPageSize(prefs: Map<string, string>): number | undefined {
  const raw = prefs.get("odata.maxpagesize");
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw syntaxError(`The odata.maxpagesize preference '${raw}' is not valid.`);
  }
  return Math.min(n, MAX_PAGE_SIZE);
}
