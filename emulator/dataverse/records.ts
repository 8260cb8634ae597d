/**
 * Records in and out of the Web API shape: reading a write payload (columns, `@odata.bind` lookups,
 * `$n` references), and writing a record as Dataverse returns it (`@odata.etag`, `_x_value` lookups,
 * `$select`, `$expand`, formatted-value annotations).
 *
 * @module
 */

import { CODES, DvError, payloadError, syntaxError, unknownProperty } from "./errors.ts";
import type { Accessor, ValueKind } from "./filter.ts";
import { parseBindTarget, parseKeyPredicate } from "./resource.ts";
import { type AttributeSchema, isLookup, navigationOf } from "./schema.ts";
import type { DataverseStore, LookupValue, StoredRecord, TableData } from "./store.ts";
import { coerceValue, edmType, formattedValue } from "./values.ts";

/** Content-ID -> the record it created or addressed (inside one change set). */
export type ContentIds = Map<string, { table: string; id: string }>;

/** Resolves a record address (`{id}` or `{key}`) to its id, or undefined when it does not exist. */
export function resolveKey(store: DataverseStore, table: TableData, keyText: string): string | undefined {
  const key = parseKeyPredicate(keyText);
  if ("id" in key) return table.records.has(key.id) ? key.id : undefined;
  return store.findByKey(table, key.key);
}

function bind(
  store: DataverseStore,
  table: TableData,
  nav: string,
  value: unknown,
  contentIds: ContentIds | undefined,
): [string, LookupValue | null] {
  const target = table.navigation.get(nav);
  if (!target) {
    throw payloadError(
      table.logicalName,
      `An undeclared property '${nav}' which only has property annotations in the payload but no property value ` +
        `was found in the payload. In OData, only declared navigation properties and declared named streams can ` +
        `be represented as properties without values.`,
    );
  }
  if (value === null) return [target.attribute.logicalName, null];
  if (typeof value !== "string") {
    throw payloadError(table.logicalName, `The value of '${nav}@odata.bind' must be a URL.`);
  }
  if (value.startsWith("$")) {
    const ref = contentIds?.get(value.slice(1));
    if (!ref) {
      throw new DvError(
        400,
        CODES.badRequest,
        `Content-ID Reference: '${value}' does not exist in the batch context.`,
      );
    }
    if (ref.table !== target.target) {
      throw payloadError(table.logicalName, `'${value}' refers to a ${ref.table}, not a ${target.target}.`);
    }
    return [target.attribute.logicalName, { table: ref.table, id: ref.id }];
  }
  const parsed = parseBindTarget(value);
  const targetTable = parsed ? store.bySet(parsed.entitySet) : undefined;
  if (!parsed || !targetTable) {
    throw payloadError(table.logicalName, `'${value}' is not a valid entity reference for '${nav}'.`);
  }
  if (targetTable.logicalName !== target.target) {
    throw payloadError(
      table.logicalName,
      `The navigation property '${nav}' refers to ${target.target}, but '${value}' is a ${targetTable.logicalName}.`,
    );
  }
  const id = resolveKey(store, targetTable, parsed.keyText);
  if (!id) {
    throw new DvError(
      404,
      CODES.notFound,
      `${targetTable.logicalName} With Id = ${parsed.keyText} Does Not Exist`,
    );
  }
  return [target.attribute.logicalName, { table: targetTable.logicalName, id }];
}

/**
 * Turns a write payload into column values. Unknown columns, wrong types and bad binds raise the
 * Dataverse errors; read-only columns and annotations are ignored, as Dataverse ignores them.
 */
export function readPayload(
  store: DataverseStore,
  table: TableData,
  body: unknown,
  contentIds?: ContentIds,
): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw payloadError(table.logicalName, "The request body must be a JSON object.");
  }
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    const at = name.indexOf("@");
    if (at >= 0) {
      if (name.endsWith("@odata.bind") && at > 0) {
        const [column, lookup] = bind(store, table, name.slice(0, at), value, contentIds);
        values[column] = lookup;
      }
      continue;
    }
    const attribute = table.attributes.get(name);
    if (!attribute) {
      throw payloadError(
        table.logicalName,
        `The property '${name}' does not exist on type 'Microsoft.Dynamics.CRM.${table.logicalName}'. Make sure to ` +
          `only use property names that are defined by the type or mark the type as open type.`,
      );
    }
    if (attribute.readOnly) continue;
    if (isLookup(attribute)) {
      throw payloadError(
        table.logicalName,
        `A value was found for the navigation property '${name}'; set lookups with '${
          navigationOf(attribute, attribute.targets![0])
        }@odata.bind'.`,
      );
    }
    values[name] = coerceValue(table.schema, attribute, value);
  }
  return values;
}

/** One `$expand` item. */
export interface ExpandItem {
  nav: string;
  select?: string[];
}

/** Parses `$expand=primarycontactid($select=fullname),ppx_AccountId`. */
export function parseExpand(table: TableData, text: string | null): ExpandItem[] {
  if (!text) return [];
  const items: ExpandItem[] = [];
  let depth = 0;
  let current = "";
  const flush = () => {
    const item = current.trim();
    current = "";
    if (!item) return;
    const open = item.indexOf("(");
    const nav = (open < 0 ? item : item.slice(0, open)).trim();
    if (!table.navigation.has(nav)) throw unknownProperty(table.logicalName, nav);
    let select: string[] | undefined;
    if (open >= 0) {
      const inner = item.slice(open + 1, item.lastIndexOf(")"));
      for (const option of inner.split(";")) {
        const [k, v] = option.split("=");
        if (k.trim() === "$select" && v) select = v.split(",").map((s) => s.trim()).filter(Boolean);
        else if (k.trim()) {
          throw syntaxError(`The query option '${k.trim()}' is not supported inside $expand.`);
        }
      }
    }
    items.push({ nav, select });
  };
  for (const ch of text) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) flush();
    else current += ch;
  }
  flush();
  return items;
}

/** Checks `$select` names; lookups may be named as `_x_value` or by logical name. */
export function parseSelect(
  table: TableData,
  text: string | null | string[] | undefined,
): string[] | undefined {
  if (!text) return undefined;
  const names = Array.isArray(text) ? text : text.split(",").map((s) => s.trim()).filter(Boolean);
  return names.map((name) => {
    const attribute = table.attribute(name);
    if (!attribute || (name.startsWith("_") && name.endsWith("_value") && !isLookup(attribute))) {
      throw unknownProperty(table.logicalName, name);
    }
    return attribute.logicalName;
  });
}

/** Options for writing a record out. */
export interface FormatOptions {
  select?: string[];
  expand?: ExpandItem[];
  /** Add formatted values and lookup annotations (`Prefer: odata.include-annotations`). */
  annotations?: boolean;
}

/** A record in the Web API's JSON shape. */
export function formatRecord(
  store: DataverseStore,
  table: TableData,
  record: StoredRecord,
  options: FormatOptions = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = { "@odata.etag": `W/"${record.version}"` };
  const names = options.select
    ? [...new Set([...options.select, table.schema.primaryIdAttribute])]
    : table.schema.attributes.map((a) => a.logicalName);
  for (const name of names) {
    const attribute = table.attributes.get(name)!;
    const value = record.values[name] ?? null;
    if (isLookup(attribute)) {
      const lookup = value as LookupValue | null;
      const key = `_${name}_value`;
      if (options.annotations && lookup) {
        const target = store.table(lookup.table);
        const name = target?.records.get(lookup.id)?.values[target.schema.primaryNameAttribute];
        if (typeof name === "string") out[`${key}@OData.Community.Display.V1.FormattedValue`] = name;
        out[`${key}@Microsoft.Dynamics.CRM.associatednavigationproperty`] = navigationOf(
          attribute,
          lookup.table,
        );
        out[`${key}@Microsoft.Dynamics.CRM.lookuplogicalname`] = lookup.table;
      }
      out[key] = lookup ? lookup.id : null;
      continue;
    }
    if (options.annotations) {
      const text = formattedValue(attribute, value);
      if (text !== undefined) out[`${name}@OData.Community.Display.V1.FormattedValue`] = text;
    }
    out[name] = value;
  }
  for (const item of options.expand ?? []) {
    const nav = table.navigation.get(item.nav)!;
    const lookup = record.values[nav.attribute.logicalName] as LookupValue | null | undefined;
    const target = store.table(nav.target)!;
    const related = lookup && lookup.table === nav.target ? target.records.get(lookup.id) : undefined;
    out[item.nav] = related
      ? formatRecord(store, target, related, {
        select: parseSelect(target, item.select),
        annotations: options.annotations,
      })
      : null;
  }
  return out;
}

function kindOf(attribute: AttributeSchema): ValueKind {
  switch (attribute.type) {
    case "String":
    case "Memo":
      return "string";
    case "Boolean":
      return "boolean";
    case "DateTime":
      return "datetime";
    case "Uniqueidentifier":
    case "Lookup":
    case "Customer":
    case "Owner":
      return "guid";
    default:
      return "number";
  }
}

/** Resolves `$filter` / `$orderby` property paths of a table (columns, `_x_value`, `nav/column`). */
export function recordResolver(
  store: DataverseStore,
  table: TableData,
): (path: string[]) => Accessor<StoredRecord> {
  return (path) => {
    if (path.length === 2 && table.navigation.has(path[0])) {
      const nav = table.navigation.get(path[0])!;
      const target = store.table(nav.target)!;
      const attribute = target.attribute(path[1]);
      if (!attribute) throw unknownProperty(target.logicalName, path[1]);
      return {
        kind: kindOf(attribute),
        edm: edmType(attribute),
        get: (row) => {
          const lookup = row.values[nav.attribute.logicalName] as LookupValue | null | undefined;
          const related = lookup ? store.table(lookup.table)?.records.get(lookup.id) : undefined;
          return related?.values[attribute.logicalName] ?? null;
        },
      };
    }
    const name = path.join("/");
    const attribute = path.length === 1 ? table.attribute(name) : undefined;
    if (!attribute || (isLookup(attribute) && !/^_.+_value$/.test(name) && name !== attribute.logicalName)) {
      throw unknownProperty(table.logicalName, name);
    }
    return {
      kind: kindOf(attribute),
      edm: edmType(attribute),
      get: (row) => row.values[attribute.logicalName] ?? null,
    };
  };
}
