/**
 * Turns CSV cells into typed Web API values from the column's metadata type: numbers, booleans, dates,
 * choices (by value or label) and lookups (`@odata.bind`). A cell that does not fit its column raises
 * CellError, which the engine reports for that row only.
 *
 * @module
 */

import { readBoolean } from "../../parse/values.ts";
import type { ChoiceOption } from "../client.ts";

/** A cell that does not fit its column; the message names the column and the value. */
export class CellError extends Error {
  override name = "CellError";
}

/** How one CSV column is written into the request body. */
export interface ColumnTarget {
  /** The CSV header as written in the file. */
  header: string;
  /** The body property: the attribute's logical name, or `<navigation>@odata.bind` for a lookup. */
  property: string;
  /** The attribute's logical name (undefined for a raw `x@odata.bind` header). */
  attribute?: string;
  /** The metadata AttributeType (String, Integer, Lookup, …). */
  type: string;
  /** Choice options (Picklist / State / Status). */
  options?: ChoiceOption[];
  /** Entity set of the lookup's target when it has exactly one. */
  targetSet?: string;
  /** Entity sets of every target of a lookup (for `set(id)` cells). */
  targetSets?: string[];
  /** DateOnly columns take `YYYY-MM-DD`. */
  dateOnly?: boolean;
}

const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A GUID in canonical lower-case form, or undefined. Braces are accepted. */
export function normalizeGuid(text: string): string | undefined {
  const m = GUID.exec(text.trim());
  return m ? m[1].toLowerCase() : undefined;
}

function validDate(text: string): boolean {
  const ms = Date.parse(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text.replace(" ", "T"));
  if (!Number.isFinite(ms)) return false;
  // Date.parse rolls 2024-02-30 over to March; compare the date part back.
  return new Date(ms).toISOString().slice(0, 10) === text.slice(0, 10) || /[+-]\d{2}:?\d{2}$/.test(text);
}

function lookupValue(column: ColumnTarget, cell: string): string {
  const id = normalizeGuid(cell);
  if (id) {
    if (!column.targetSet) {
      throw new CellError(
        `${column.header}: '${cell}' is a bare id, but the lookup can point to several tables; write ` +
          `it as <entityset>(<id>), e.g. ${column.targetSets?.[0] ?? "accounts"}(${id}).`,
      );
    }
    return `/${column.targetSet}(${id})`;
  }
  const m = /^\/?([A-Za-z_][A-Za-z0-9_]*)\((.+)\)$/.exec(cell.trim());
  if (!m || (column.targetSets && !column.targetSets.includes(m[1]))) {
    throw new CellError(
      `${column.header}: '${cell}' is not a record reference; use an id or <entityset>(<id>)` +
        (column.targetSets ? ` with one of ${column.targetSets.join(", ")}.` : "."),
    );
  }
  const inner = normalizeGuid(m[2]);
  return `/${m[1]}(${inner ?? m[2]})`;
}

/**
 * Converts one non-empty cell for its column. Strings pass through; everything else is parsed strictly.
 * Throws CellError naming the column when the cell does not fit.
 */
export function convertCell(column: ColumnTarget, cell: string): unknown {
  const text = cell.trim();
  switch (column.type) {
    case "Integer":
    case "BigInt": {
      if (!INTEGER.test(text)) throw new CellError(`${column.header}: '${cell}' is not a whole number.`);
      const n = Number(text);
      if (!Number.isSafeInteger(n)) throw new CellError(`${column.header}: '${cell}' is too large.`);
      return n;
    }
    case "Decimal":
    case "Double":
    case "Money": {
      if (!DECIMAL.test(text)) throw new CellError(`${column.header}: '${cell}' is not a number.`);
      return Number(text);
    }
    case "Boolean": {
      const value = readBoolean(text);
      if (value === undefined) {
        throw new CellError(`${column.header}: '${cell}' is not a boolean (true/false, yes/no, 1/0).`);
      }
      return value;
    }
    case "DateTime": {
      const ok = column.dateOnly ? DATE_ONLY.test(text) : DATE_ONLY.test(text) || DATE_TIME.test(text);
      if (!ok || !validDate(text)) {
        throw new CellError(
          `${column.header}: '${cell}' is not a ${
            column.dateOnly ? "date (YYYY-MM-DD)" : "date or date-time (ISO 8601)"
          }.`,
        );
      }
      return text.replace(" ", "T");
    }
    case "Picklist":
    case "State":
    case "Status": {
      const options = column.options ?? [];
      if (INTEGER.test(text)) {
        const n = Number(text);
        if (options.length && !options.some((o) => o.value === n)) {
          throw new CellError(`${column.header}: ${n} is not one of the choice's values.`);
        }
        return n;
      }
      const match = options.find((o) => o.label.toLowerCase() === text.toLowerCase());
      if (!match) {
        throw new CellError(
          `${column.header}: '${cell}' is not a choice label; use one of ${
            options.map((o) => `${o.label} (${o.value})`).join(", ")
          }.`,
        );
      }
      return match.value;
    }
    case "Uniqueidentifier": {
      const id = normalizeGuid(text);
      if (!id) throw new CellError(`${column.header}: '${cell}' is not a GUID.`);
      return id;
    }
    case "Lookup":
    case "Customer":
    case "Owner":
      return lookupValue(column, cell);
    case "Bind":
      return text.startsWith("/") ? text : `/${text}`;
    default:
      return cell;
  }
}
