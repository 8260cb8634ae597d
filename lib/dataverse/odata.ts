/**
 * OData building blocks for the Dataverse Web API: query strings, string literals, GUIDs and the
 * record-address segment (`accounts(<guid>)` or `accounts(accountnumber='A-1',name='x')`).
 *
 * @module
 */

import { option, phrase, ValidationError } from "../errors.ts";

/** Options of a collection query. Empty values are left out. */
export interface QueryOptions {
  /** Columns to return (`$select`). */
  select?: string[];
  /** An OData filter expression (`$filter`). */
  filter?: string;
  /** Sort order, e.g. `["name asc", "createdon desc"]` (`$orderby`). */
  orderby?: string[];
  /** Maximum number of records (`$top`; ignored by Dataverse when a page size is preferred). */
  top?: number;
  /** Single-valued navigation properties to expand, e.g. `primarycontactid($select=fullname)`. */
  expand?: string[];
  /** Ask for `@odata.count` (`$count=true`). */
  count?: boolean;
}

/**
 * An OData literal written into a key segment as it is: a GUID, a date, a number whose digits a JS number
 * would not keep. Made by `keyValue` (keys.ts) from the column's type.
 */
export interface KeyLiteral {
  /** The text as it goes into the key segment, unquoted: a GUID, a date, `9007199254740993`. */
  literal: string;
}

/** Value of an alternate-key column: strings are quoted, numbers and booleans bare, literals as they are. */
export type KeyValue = string | number | boolean | KeyLiteral;

/** How a record is addressed: its primary key, or the values of an alternate key. */
export type RecordRef = { id: string } | { key: Record<string, KeyValue> };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Trims a GUID and strips one pair of braces (`{…}` as Dataverse tools often print them). */
export function sanitizeGuid(text: string): string {
  let t = text.trim();
  if (t.startsWith("{") && t.endsWith("}")) t = t.slice(1, -1).trim();
  return t;
}

/** True for a GUID in the 8-4-4-4-12 form. */
export function isGuid(text: string): boolean {
  return GUID.test(text);
}

/** An OData string literal: single quotes, embedded quotes doubled (`O'Neil` -> `'O''Neil'`). */
export function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

// encodeURIComponent leaves ( ) ! * unescaped; inside a key segment parentheses would end the segment.
function encodeSegmentText(text: string): string {
  return encodeURIComponent(text).replace(/[!()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The alternate-key part of a record address: `k1='v1',k2=2`. Strings are quoted with embedded quotes
 * doubled and then percent-encoded (so `/`, `(`, `#`, `?` and spaces are safe in the URL); numbers,
 * booleans and literals (GUIDs, dates) are written bare. Dataverse wants the literal of the column's type,
 * so give values typed by `typeKey` / `keyValue` rather than strings for every column.
 */
export function alternateKeySegment(key: Record<string, KeyValue>): string {
  const entries = Object.entries(key);
  if (entries.length === 0) throw new ValidationError("An alternate key needs at least one column.");
  return entries.map(([name, value]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new ValidationError(`'${name}' is not a valid column name for an alternate key.`, {
        hint: "Use the column's logical name, e.g. accountnumber.",
      });
    }
    if (value === null || value === undefined) {
      throw new ValidationError(`Alternate key column '${name}' has no value.`);
    }
    if (typeof value === "number" || typeof value === "boolean") return `${name}=${value}`;
    if (typeof value === "object") return `${name}=${encodeSegmentText(value.literal)}`;
    return `${name}=${encodeSegmentText(quoteString(String(value)))}`;
  }).join(",");
}

/** The address of one record relative to the API root: `accounts(<guid>)` or `accounts(k='v')`. */
export function recordPath(entitySet: string, ref: RecordRef): string {
  checkEntitySet(entitySet);
  if ("id" in ref) {
    const id = sanitizeGuid(ref.id);
    if (!isGuid(id)) {
      throw new ValidationError(`'${ref.id}' is not a GUID.`, {
        hint: phrase`Pass the record's id (8-4-4-4-12 hex digits), or address it with ${
          option("key", "name=value")
        }.`,
      });
    }
    return `${entitySet}(${id})`;
  }
  return `${entitySet}(${alternateKeySegment(ref.key)})`;
}

/** Rejects entity-set names that would change the URL's meaning. */
export function checkEntitySet(entitySet: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(entitySet)) {
    throw new ValidationError(`'${entitySet}' is not a valid entity set name.`, {
      hint: "Use the table's entity set (plural) name, e.g. accounts or contacts.",
    });
  }
}

/**
 * The query string for a collection request, without the leading `?`. Values are percent-encoded; the
 * `$` of system query options is kept readable as Dataverse documents it.
 */
export function buildQuery(options: QueryOptions): string {
  const parts: string[] = [];
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== "") parts.push(`${name}=${encodeURIComponent(value)}`);
  };
  add("$select", options.select?.filter(Boolean).join(","));
  add("$filter", options.filter);
  add("$orderby", options.orderby?.filter(Boolean).join(","));
  if (options.top !== undefined) {
    if (!Number.isInteger(options.top) || options.top < 1) {
      throw new ValidationError(
        phrase`${option("top")} must be a positive whole number, not ${options.top}.`,
      );
    }
    add("$top", String(options.top));
  }
  add("$expand", options.expand?.filter(Boolean).join(","));
  if (options.count) add("$count", "true");
  return parts.join("&");
}

/**
 * Splits `a,b, c` into trimmed, non-empty items. Commas inside parentheses or quotes stay put, so
 * `primarycontactid($select=fullname,emailaddress1),ownerid` is two items.
 */
export function splitList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")") depth = Math.max(0, depth - 1);
    if (ch === "," && depth === 0 && !quoted) {
      items.push(current.trim());
      current = "";
    } else current += ch;
  }
  items.push(current.trim());
  const kept = items.filter(Boolean);
  return kept.length ? kept : undefined;
}
