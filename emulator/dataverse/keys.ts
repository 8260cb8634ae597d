/**
 * Alternate keys in a URL, checked as Dataverse's OData layer checks them: the names must be exactly the
 * columns of one defined key (a lookup named by its lookup property `_x_value`), or the primary key alone;
 * and every value must be the literal of its column's type. `ppx_number='7'` on an Integer column, or
 * `accountnumber=7` on a String column, is "Bad Request - Error in query syntax.", as the real service
 * answers, so a client that quotes every value fails here the way it would against Dataverse.
 *
 * @module
 */

import { CODES, DvError } from "./errors.ts";
import type { KeyLiteral } from "./resource.ts";
import { type AttributeSchema, isLookup } from "./schema.ts";
import type { TableData } from "./store.ts";
import { coerceValue } from "./values.ts";

/** A URL key matched to the table: the primary key, or a defined alternate key with stored-form values. */
export type MatchedKey = { id: string } | { name: string; values: Record<string, unknown> };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WHOLE = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const DOUBLE = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

function keyMismatch(table: TableData): DvError {
  const type = `Microsoft.Dynamics.CRM.${table.logicalName}`;
  return new DvError(
    400,
    CODES.resourceNotFound,
    `The key in the request URI is not valid for resource '${type}'. Ensure that the names and number of key ` +
      `properties match the declared or alternate key properties for the resource '${type}'.`,
  );
}

function querySyntax(): DvError {
  return new DvError(400, CODES.resourceNotFound, "Bad Request - Error in query syntax.");
}

/** The column a key property names: a non-lookup by logical name, a lookup only as `_x_value`. */
function columnOf(table: TableData, name: string): AttributeSchema | undefined {
  const m = /^_(.+)_value$/.exec(name);
  if (m) {
    const lookup = table.attributes.get(m[1]);
    return lookup && isLookup(lookup) ? lookup : undefined;
  }
  const attribute = table.attributes.get(name);
  return attribute && !isLookup(attribute) ? attribute : undefined;
}

/** Reads one literal as its column's OData type; a literal of another type is a query syntax error. */
function typed(table: TableData, attribute: AttributeSchema, literal: KeyLiteral): unknown {
  if (typeof literal === "string") {
    if (attribute.type === "String" || attribute.type === "Memo") return literal;
    throw querySyntax();
  }
  const text = literal.bare;
  switch (attribute.type) {
    case "Integer":
    case "BigInt":
    case "Picklist":
    case "State":
    case "Status":
      if (!WHOLE.test(text)) throw querySyntax();
      return Number(text);
    case "Decimal":
    case "Money":
      if (!DECIMAL.test(text)) throw querySyntax();
      return Number(text);
    case "Double":
      if (!DOUBLE.test(text)) throw querySyntax();
      return Number(text);
    case "Boolean":
      if (text !== "true" && text !== "false") throw querySyntax();
      return text === "true";
    case "Uniqueidentifier":
    case "Lookup":
    case "Customer":
    case "Owner":
      if (!GUID.test(text)) throw querySyntax();
      return text.toLowerCase();
    case "DateTime": {
      // Date-only columns are Edm.Date (`2024-01-31`), the others Edm.DateTimeOffset (with an offset).
      const ok = attribute.format === "DateOnly" ? DATE.test(text) : DATE_TIME_OFFSET.test(text);
      if (!ok || Number.isNaN(Date.parse(attribute.format === "DateOnly" ? `${text}T00:00:00Z` : text))) {
        throw querySyntax();
      }
      return coerceValue(table.schema, attribute, text);
    }
    default:
      throw querySyntax();
  }
}

/**
 * Matches the key properties of a URL to the table: the primary key alone (`accounts(accountid=<guid>)`)
 * or exactly the columns of one alternate key. Throws Dataverse's 400 for names that match no key and for a
 * value that is not its column's literal.
 */
export function matchKey(table: TableData, key: Record<string, KeyLiteral>): MatchedKey {
  const columns = Object.entries(key).map(([name, literal]) => {
    const attribute = columnOf(table, name);
    if (!attribute) throw keyMismatch(table);
    return { attribute, literal };
  });
  const pk = table.schema.primaryIdAttribute;
  if (columns.length === 1 && columns[0].attribute.logicalName === pk) {
    return { id: typed(table, columns[0].attribute, columns[0].literal) as string };
  }
  const names = columns.map((c) => c.attribute.logicalName).sort();
  const def = table.schema.alternateKeys?.find((k) =>
    k.attributes.length === names.length && [...k.attributes].sort().every((a, i) => a === names[i])
  );
  if (!def) throw keyMismatch(table);
  const values: Record<string, unknown> = {};
  for (const { attribute, literal } of columns) {
    values[attribute.logicalName] = typed(table, attribute, literal);
  }
  return { name: def.name, values };
}
