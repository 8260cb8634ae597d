/**
 * Column values in and out: checks and normalises what a client writes (types, lengths, ranges, choice
 * values) and formats what the emulator returns, including the formatted-value annotations Dataverse adds
 * on request.
 *
 * @module
 */

import { CODES, DvError, payloadError } from "./errors.ts";
import type { AttributeSchema, TableSchema } from "./schema.ts";

const EDM: Record<string, string> = {
  String: "Edm.String",
  Memo: "Edm.String",
  Integer: "Edm.Int32",
  BigInt: "Edm.Int64",
  Decimal: "Edm.Decimal",
  Double: "Edm.Double",
  Money: "Edm.Decimal",
  Boolean: "Edm.Boolean",
  DateTime: "Edm.DateTimeOffset",
  Picklist: "Edm.Int32",
  State: "Edm.Int32",
  Status: "Edm.Int32",
  Uniqueidentifier: "Edm.Guid",
  Lookup: "Edm.Guid",
  Customer: "Edm.Guid",
  Owner: "Edm.Guid",
};

/** The OData type of a column. */
export function edmType(attribute: AttributeSchema): string {
  return EDM[attribute.type] ?? "Edm.String";
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a GUID. */
export function isGuid(text: unknown): text is string {
  return typeof text === "string" && GUID.test(text);
}

function convertError(table: string, value: unknown, attribute: AttributeSchema): DvError {
  const literal = typeof value === "string" ? value : JSON.stringify(value);
  return payloadError(
    table,
    `Cannot convert the literal '${literal}' to the expected type '${edmType(attribute)}'.`,
  );
}

/** ISO 8601 in Dataverse's answer form: seconds precision, `Z`. */
export function formatDateTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  // Bulk loads stamp thousands of records within the same second.
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  return lastText;
}

let lastSecond = Number.NaN;
let lastText = "";

/**
 * Checks and normalises one written value. Returns the value to store (null clears the column).
 * Lookups are handled by the caller (`@odata.bind`).
 */
export function coerceValue(table: TableSchema, attribute: AttributeSchema, value: unknown): unknown {
  if (value === null) return null;
  const name = table.logicalName;
  switch (attribute.type) {
    case "String":
    case "Memo": {
      if (typeof value !== "string") throw convertError(name, value, attribute);
      if (attribute.maxLength !== undefined && value.length > attribute.maxLength) {
        throw new DvError(
          400,
          CODES.validation,
          `A validation error occurred.  The length of the '${attribute.logicalName}' attribute of the '${name}' ` +
            `entity exceeded the maximum allowed length of '${attribute.maxLength}'.`,
        );
      }
      return value;
    }
    case "Integer":
    case "BigInt":
    case "Decimal":
    case "Double":
    case "Money": {
      if (typeof value !== "number" || !Number.isFinite(value)) throw convertError(name, value, attribute);
      const whole = attribute.type === "Integer" || attribute.type === "BigInt";
      if (whole && !Number.isInteger(value)) throw convertError(name, value, attribute);
      if (attribute.type === "Integer" && (value > 2147483647 || value < -2147483648)) {
        throw convertError(name, value, attribute);
      }
      const min = attribute.minValue;
      const max = attribute.maxValue;
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        throw new DvError(
          400,
          CODES.outOfRange,
          `A validation error occurred.  The value ${value} of '${attribute.logicalName}' on record of type ` +
            `'${name}' is outside the valid range. Accepted Values: ${min ?? "-∞"}..${max ?? "∞"}`,
        );
      }
      return value;
    }
    case "Boolean":
      if (typeof value !== "boolean") throw convertError(name, value, attribute);
      return value;
    case "DateTime": {
      if (typeof value !== "string") throw convertError(name, value, attribute);
      const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
      const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
      if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(value)) throw convertError(name, value, attribute);
      if (!dateOnly && !/(Z|[+-]\d{2}:\d{2})$/i.test(value)) {
        // Dataverse reads a time without an offset as UTC.
        return formatDateTime(Date.parse(`${value}Z`));
      }
      return attribute.format === "DateOnly" ? formatDateTime(ms).slice(0, 10) : formatDateTime(ms);
    }
    case "Picklist":
    case "State":
    case "Status": {
      if (typeof value !== "number" || !Number.isInteger(value)) throw convertError(name, value, attribute);
      const allowed = attribute.options?.map((o) => o.value) ?? [];
      if (!allowed.includes(value)) {
        throw new DvError(
          400,
          CODES.outOfRange,
          `A validation error occurred.  The value ${value} of '${attribute.logicalName}' on record of type ` +
            `'${name}' is outside the valid range. Accepted Values: ${allowed.join(",")}`,
        );
      }
      return value;
    }
    case "Uniqueidentifier":
      if (!isGuid(value)) throw convertError(name, value, attribute);
      return value.toLowerCase();
    default:
      throw payloadError(name, `The property '${attribute.logicalName}' cannot be written directly.`);
  }
}

/** The `@OData.Community.Display.V1.FormattedValue` text for a stored value, when Dataverse gives one. */
export function formattedValue(attribute: AttributeSchema, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  switch (attribute.type) {
    case "Picklist":
    case "State":
    case "Status":
      return attribute.options?.find((o) => o.value === value)?.label;
    case "Boolean":
      return value ? "Yes" : "No";
    case "Money":
      return `$${
        (value as number).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })
      }`;
    case "Integer":
    case "BigInt":
    case "Decimal":
    case "Double":
      return (value as number).toLocaleString("en-US");
    case "DateTime": {
      const d = new Date(attribute.format === "DateOnly" ? `${value}T00:00:00Z` : String(value));
      const date = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
      if (attribute.format === "DateOnly") return date;
      const h = d.getUTCHours();
      const m = String(d.getUTCMinutes()).padStart(2, "0");
      return `${date} ${h % 12 || 12}:${m} ${h < 12 ? "AM" : "PM"}`;
    }
    default:
      return undefined;
  }
}
