/**
 * Alternate-key values typed for their columns. Dataverse parses a key segment with the column's OData
 * type, so `ppx_number='123'` fails on an Integer column and `code=123` on a String column. This module
 * turns text (a `--key` value, a CSV cell) into the literal the column needs, names the lookup columns the
 * way the Web API wants them (`_parentaccountid_value`), and explains a value or column that cannot work.
 *
 * @module
 */

import { NotFoundError, option, type Phrase, phrase, UsageError } from "../errors.ts";
import { readBoolean } from "../parse/values.ts";
import type { AlternateKeyInfo, AttributeInfo, DataverseClient, EntityInfo } from "./client.ts";
import { isGuid, type KeyValue, type RecordRef, sanitizeGuid } from "./odata.ts";

/** What typing key values needs: the table, its columns and its alternate keys. */
export interface KeyMetadata {
  /** The table, for its entity set name and primary key column. */
  entity: EntityInfo;
  /** Every column of the table, for the type each key value must take. */
  attributes: AttributeInfo[];
  /** The table's alternate keys; empty when it has none. */
  keys: AlternateKeyInfo[];
}

/** The parts of a column's metadata a key value depends on. */
export type KeyColumn = Pick<AttributeInfo, "LogicalName" | "AttributeType"> & { Format?: unknown };

/** A value that does not parse as its column's type; `expected` and `example` say what would. */
export class KeyValueError extends Error {
  /** Set explicitly: an Error subclass would otherwise report `Error` in stack traces and logs. */
  override name = "KeyValueError";
  /**
   * The message names the value, the column and its type; the fields keep them for callers that
   * phrase their own.
   *
   * @param column the column's logical name
   * @param type the column's AttributeType
   * @param value the text given
   * @param expected what the column takes, e.g. "a whole number"
   * @param example a value of that kind
   */
  constructor(
    readonly column: string,
    readonly type: string,
    readonly value: string,
    readonly expected: string,
    readonly example: string,
  ) {
    super(`'${value}' is not ${expected}; ${column} is a${/^[AEIOU]/.test(type) ? "n" : ""} ${type} column.`);
  }
}

const LOOKUPS = new Set(["Lookup", "Customer", "Owner"]);
const WHOLE = new Set(["Integer", "BigInt", "Picklist", "State", "Status"]);
const DECIMAL = new Set(["Decimal", "Money", "Double"]);
const GUIDS = new Set(["Uniqueidentifier", "Lookup", "Customer", "Owner"]);
const STRINGS = new Set(["String", "Memo", "EntityName"]);

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/i;
const LOOKUP_PROPERTY = /^_(.+)_value$/i;

function isDateOnly(column: KeyColumn): boolean {
  return column.Format === "DateOnly";
}

/** A value of the column's type, for hints. */
export function keyExample(column: KeyColumn): string {
  const type = column.AttributeType;
  if (WHOLE.has(type)) return type === "Picklist" || type === "State" || type === "Status" ? "1" : "42";
  if (DECIMAL.has(type)) return "12.5";
  if (type === "Boolean") return "true";
  if (GUIDS.has(type)) return "00000000-0000-0000-0000-000000000001";
  if (type === "DateTime") return isDateOnly(column) ? "2024-01-31" : "2024-01-31T09:30:00Z";
  return "A-100";
}

/** The name a key column has in a URL: `_<column>_value` for a lookup, the logical name otherwise. */
export function keyPropertyName(column: KeyColumn): string {
  return LOOKUPS.has(column.AttributeType) ? `_${column.LogicalName}_value` : column.LogicalName;
}

/** True for columns whose key literal is a quoted string. */
export function isStringColumn(column: KeyColumn): boolean {
  return STRINGS.has(column.AttributeType) || !knownType(column.AttributeType);
}

function knownType(type: string): boolean {
  return WHOLE.has(type) || DECIMAL.has(type) || GUIDS.has(type) || type === "Boolean" ||
    type === "DateTime" ||
    STRINGS.has(type);
}

/** `'…'` given on purpose: the text inside as a string (doubled quotes read as one), else undefined. */
export function forcedString(text: string): string | undefined {
  const t = text.trim();
  if (t.length < 2 || !t.startsWith("'") || !t.endsWith("'")) return undefined;
  return t.slice(1, -1).replaceAll("''", "'");
}

function validDate(date: string): boolean {
  const ms = Date.parse(`${date}T00:00:00Z`);
  // Date.parse rolls 2024-02-30 over to March; compare the date back.
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}

function dateTimeLiteral(column: KeyColumn, text: string): string | undefined {
  if (isDateOnly(column)) return DATE_ONLY.test(text) && validDate(text) ? text : undefined;
  if (DATE_ONLY.test(text)) return validDate(text) ? `${text}T00:00:00Z` : undefined;
  const m = DATE_TIME.exec(text);
  if (!m || !validDate(m[1])) return undefined;
  // An OData DateTimeOffset literal needs its offset (with a colon); Dataverse reads a bare time as UTC.
  const zone = !m[5]
    ? "Z"
    : m[5].toUpperCase() === "Z"
    ? "Z"
    : m[5].replace(/^([+-]\d{2}):?(\d{2})$/, "$1:$2");
  const literal = `${m[1]}T${m[2]}${zone}`;
  return Number.isFinite(Date.parse(literal)) ? literal : undefined;
}

function normalizeNumber(text: string): string {
  let t = text.replace(/^\+/, "");
  t = t.replace(/^(-?)\./, "$10.").replace(/\.$/, "");
  return t;
}

/**
 * Types one key value for its column: a string for text columns, a number for whole-number and choice
 * columns, `true`/`false` for booleans, and a bare literal for decimals, GUIDs (lookups too) and dates.
 * Throws KeyValueError when the text does not parse as the column's type.
 */
export function keyValue(column: KeyColumn, text: string): KeyValue {
  const type = column.AttributeType;
  if (isStringColumn(column)) return text;
  const t = text.trim();
  const fail = (expected: string) =>
    new KeyValueError(column.LogicalName, type, text, expected, keyExample(column));
  if (WHOLE.has(type)) {
    if (!INTEGER.test(t)) throw fail("a whole number");
    if (type === "BigInt") return { literal: normalizeNumber(t) };
    const n = Number(t);
    if (n > 2147483647 || n < -2147483648) throw fail("a whole number between -2147483648 and 2147483647");
    return n;
  }
  if (DECIMAL.has(type)) {
    if (!(type === "Double" ? DOUBLE : NUMBER).test(t)) throw fail("a number");
    return { literal: normalizeNumber(t) };
  }
  if (type === "Boolean") {
    const value = readBoolean(t);
    if (value === undefined) throw fail("true or false");
    return value;
  }
  if (GUIDS.has(type)) {
    const id = sanitizeGuid(t);
    if (!isGuid(id)) throw fail("a GUID");
    return { literal: id.toLowerCase() };
  }
  const literal = dateTimeLiteral(column, t);
  if (literal === undefined) {
    throw fail(
      isDateOnly(column)
        ? "a date (YYYY-MM-DD)"
        : "a date or date-time (ISO 8601, e.g. 2024-01-31T09:30:00Z)",
    );
  }
  return { literal };
}

/** A key value as a JSON body value (the same column written in a request body). */
export function keyJsonValue(value: KeyValue): string | number | boolean {
  if (typeof value !== "object") return value;
  return NUMBER.test(value.literal) || DOUBLE.test(value.literal) ? Number(value.literal) : value.literal;
}

/** A key value as the user would write it, for messages and report labels. */
export function keyText(value: KeyValue): string {
  return typeof value === "object" ? value.literal : String(value);
}

/** Loads the table behind `entitySet`; NotFoundError when there is none (or the name is its logical name). */
export async function requireTable(client: DataverseClient, entitySet: string): Promise<EntityInfo> {
  const entity = await client.metadata.entity(entitySet);
  if (!entity || entity.EntitySetName !== entitySet) {
    throw new NotFoundError(`There is no table with the entity set name '${entitySet}'.`, {
      hint: entity
        ? `Use the entity set name ${entity.EntitySetName} (not the logical name).`
        : "Entity set names are plural, e.g. accounts, contacts.",
    });
  }
  return entity;
}

/** Reads the metadata key typing needs: the table, its columns and its alternate keys (three requests). */
export async function loadKeyMetadata(client: DataverseClient, entitySet: string): Promise<KeyMetadata> {
  const entity = await requireTable(client, entitySet);
  const [attributes, keys] = await Promise.all([
    client.metadata.attributes(entity.LogicalName),
    client.metadata.alternateKeys(entity.LogicalName),
  ]);
  return { entity, attributes, keys };
}

/** `name (col1, col2)` for every key, or a sentence saying there are none. */
export function describeKeys(meta: Pick<KeyMetadata, "entity" | "keys">): string {
  if (meta.keys.length === 0) return `${meta.entity.EntitySetName} has no alternate keys.`;
  return `Alternate keys of ${meta.entity.EntitySetName}: ${
    meta.keys.map((k) => `${k.LogicalName} (${k.KeyAttributes.join(", ")})`).join("; ")
  }.`;
}

/** `--key a=…,b=…` for the table's first alternate key, with example values of the right types. */
function keyUsage(meta: KeyMetadata, byName: Map<string, AttributeInfo>): Phrase {
  const first = meta.keys[0];
  if (!first) return ["Address the record by its id instead."];
  const pairs = first.KeyAttributes.map((name) => {
    const column = byName.get(name.toLowerCase()) ?? { LogicalName: name, AttributeType: "String" };
    return `${keyPropertyName(column)}=${keyExample(column)}`;
  });
  return phrase`Example: ${option("key", pairs.join(","))}`;
}

/**
 * The column a key name refers to: its logical name, or `_x_value` for lookup x (any case); undefined for
 * a name that is neither. `byName` maps lower-case logical names to columns.
 */
export function keyColumnOf(name: string, byName: Map<string, AttributeInfo>): AttributeInfo | undefined {
  const lower = name.toLowerCase();
  const direct = byName.get(lower);
  if (direct) return direct;
  const m = LOOKUP_PROPERTY.exec(lower);
  const lookup = m ? byName.get(m[1]) : undefined;
  return lookup && LOOKUPS.has(lookup.AttributeType) ? lookup : undefined;
}

/** True when `columns` (logical names, any case and order) are exactly the columns of one of `keys`. */
export function isWholeKey(keys: AlternateKeyInfo[], columns: string[]): boolean {
  const given = columns.map((c) => c.toLowerCase()).sort();
  return keys.some((k) => {
    const cols = k.KeyAttributes.map((a) => a.toLowerCase()).sort();
    return cols.length === given.length && cols.every((c, i) => c === given[i]);
  });
}

/** True when a value can be written without the column's type: a forced string, or a lookup's GUID. */
function evident(name: string, text: string): boolean {
  if (forcedString(text) !== undefined) return true;
  return LOOKUP_PROPERTY.test(name) && isGuid(sanitizeGuid(text));
}

/**
 * Types the values of an alternate key given as text (`--key`). A value in single quotes stays a string
 * (`'O''Neil'`, `'123'`); `_x_value=<guid>` is a lookup; everything else is typed from the table's
 * metadata, which `load` is asked for at most once, and only when some value needs it. With metadata, an
 * unknown column, a value of the wrong type, or a set of columns that is not one whole key is a UsageError
 * that says what would work.
 */
export async function typeKey(
  raw: Record<string, string>,
  load: () => Promise<KeyMetadata>,
): Promise<Record<string, KeyValue>> {
  const entries = Object.entries(raw);
  if (entries.every(([name, text]) => evident(name, text))) {
    return Object.fromEntries(entries.map(([name, text]) => {
      const forced = forcedString(text);
      return [name, forced ?? { literal: sanitizeGuid(text).toLowerCase() }];
    }));
  }
  const meta = await load();
  const byName = new Map(meta.attributes.map((a) => [a.LogicalName.toLowerCase(), a]));
  const keyColumns = new Set(meta.keys.flatMap((k) => k.KeyAttributes.map((a) => a.toLowerCase())));
  const primaryId = meta.entity.PrimaryIdAttribute.toLowerCase();
  const set = meta.entity.EntitySetName;

  const typed: [AttributeInfo, KeyValue][] = [];
  for (const [name, text] of entries) {
    const column = keyColumnOf(name, byName);
    const lower = column?.LogicalName.toLowerCase();
    if (!column || (!keyColumns.has(lower!) && lower !== primaryId)) {
      throw new UsageError(
        `'${name}' is not a column of an alternate key of ${set}.`,
        { hint: phrase`${describeKeys(meta)} ${keyUsage(meta, byName)}` },
      );
    }
    const forced = forcedString(text);
    if (forced !== undefined) {
      if (!isStringColumn(column)) {
        throw new UsageError(
          phrase`${
            option("key")
          } ${name}: the quotes make '${forced}' a string, but ${column.LogicalName} is a ${column.AttributeType} column.`,
          {
            hint: phrase`Drop the quotes, e.g. ${
              option("key", `${keyPropertyName(column)}=${keyExample(column)}`)
            }`,
          },
        );
      }
      typed.push([column, forced]);
      continue;
    }
    try {
      typed.push([column, keyValue(column, text)]);
    } catch (error) {
      if (!(error instanceof KeyValueError)) throw error;
      throw new UsageError(phrase`${option("key")} ${name}: ${error.message}`, {
        hint: phrase`Example: ${option("key", `${keyPropertyName(column)}=${error.example}`)}`,
      });
    }
  }

  const given = typed.map(([c]) => c.LogicalName.toLowerCase()).sort();
  const whole = (given.length === 1 && given[0] === primaryId) || isWholeKey(meta.keys, given);
  if (!whole) {
    throw new UsageError(`${given.join(", ")} is not a whole alternate key of ${set}.`, {
      hint: phrase`Give every column of one key. ${describeKeys(meta)} ${keyUsage(meta, byName)}`,
    });
  }
  return Object.fromEntries(typed.map(([column, value]) => [keyPropertyName(column), value]));
}

/** Runs `load` the first time the returned function is called and hands out the same promise after. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => promise ??= load();
}

/**
 * A record address whose alternate-key values are still text (`--key name=value`), typed for the table
 * behind `entitySet` with `typeKey`; an id passes through. Metadata is read only when a value needs it.
 */
export async function typeRecordRef(
  client: DataverseClient,
  entitySet: string,
  ref: { id: string } | { key: Record<string, string> },
): Promise<RecordRef> {
  if ("id" in ref) return ref;
  return { key: await typeKey(ref.key, once(() => loadKeyMetadata(client, entitySet))) };
}
