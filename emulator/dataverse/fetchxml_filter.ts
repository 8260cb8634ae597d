/**
 * FetchXML `<filter>` and `<condition>`: nested and/or filters, conditions on the query's table or (with
 * `entityname`) on a link alias, `valueof` column comparisons, and the operators real queries use:
 * comparisons, null checks, in / between lists, like and its begins-with / ends-with forms, date-only
 * comparisons (on, on-or-after, on-or-before), relative dates (UTC) and eq-userid. String comparisons
 * ignore case, as Dataverse's collation does.
 *
 * @module
 */

import type { XmlElement } from "../xml.ts";
import { elements, type FetchContext, fetchError } from "./fetchxml.ts";
import type { AttributeSchema } from "./schema.ts";
import type { StoredRecord } from "./store.ts";

/** One joined row: the query table's record and each link alias's record (null for an outer miss). */
export interface FetchRow {
  base: StoredRecord;
  linked: Record<string, StoredRecord | null>;
}

/** A compiled filter over joined rows. */
export type RowPredicate = (row: FetchRow) => boolean;

/** Resolves a condition's `entityname` (link alias) and attribute to a column; throws for unknown names. */
export type Scope = (
  entityName: string | undefined,
  attribute: string | undefined,
) => { entity: string | null; attribute: AttributeSchema };

const NUMBER_TYPES = new Set([
  "Integer",
  "BigInt",
  "Decimal",
  "Double",
  "Money",
  "Picklist",
  "State",
  "Status",
]);
const DAY = 86_400_000;
const HOUR = 3_600_000;

function likeToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*").replace(/_/g, ".");
  return new RegExp(`^${body}$`, "is");
}

/** The comparable form of a stored value: lookups as ids, dates as epoch ms, text in lower case. */
function comparable(attribute: AttributeSchema, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "object" && "id" in v) return (v as { id: string }).id;
  if (attribute.type === "DateTime") {
    return Date.parse(String(v).length === 10 ? `${v}T00:00:00Z` : String(v));
  }
  return typeof v === "string" ? v.toLowerCase() : v;
}

function convert(attribute: AttributeSchema, raw: string): unknown {
  if (NUMBER_TYPES.has(attribute.type)) {
    const n = Number(raw);
    if (raw.trim() === "" || Number.isNaN(n)) {
      throw fetchError(`'${raw}' is not a valid number for the column ${attribute.logicalName}.`);
    }
    return n;
  }
  if (attribute.type === "Boolean") return raw === "1" || raw.toLowerCase() === "true";
  if (attribute.type === "DateTime") {
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
    if (Number.isNaN(ms)) {
      throw fetchError(`'${raw}' is not a valid date for the column ${attribute.logicalName}.`);
    }
    return ms;
  }
  return raw.replace(/^\{|\}$/g, "").toLowerCase();
}

const dayOf = (ms: number) => Math.floor(ms / DAY);

/** Compiles a `<filter>` element; `scope` resolves its column names. */
export function compileFilterElement(el: XmlElement, scope: Scope, context: FetchContext): RowPredicate {
  const type = el.attributes.type ?? "and";
  if (type !== "and" && type !== "or") {
    throw fetchError(`The filter type '${type}' is not valid: use and or or.`);
  }
  const parts = elements(el).map((child): RowPredicate => {
    if (child.name === "filter") return compileFilterElement(child, scope, context);
    if (child.name === "condition") return compileCondition(child, scope, context);
    throw fetchError(`Invalid child node <${child.name}> in <filter>: valid nodes are condition, filter.`);
  });
  if (!parts.length) return () => true;
  return type === "or" ? (r) => parts.some((p) => p(r)) : (r) => parts.every((p) => p(r));
}

function compileCondition(el: XmlElement, scope: Scope, context: FetchContext): RowPredicate {
  const { entity, attribute } = scope(el.attributes.entityname, el.attributes.attribute);
  const op = el.attributes.operator;
  if (!op) throw fetchError(`The condition on '${attribute.logicalName}' needs an operator="…".`);
  const name = attribute.logicalName;
  const record = (r: FetchRow) => entity === null ? r.base : r.linked[entity];
  const raw = (r: FetchRow) => record(r)?.values[name];
  const read = (r: FetchRow) => comparable(attribute, raw(r));

  if (el.attributes.valueof !== undefined) {
    const other = scope(el.attributes.entityname, el.attributes.valueof).attribute;
    const readOther = (r: FetchRow) => comparable(other, record(r)?.values[other.logicalName]);
    const compare = op === "ne" || op === "neq" ? (a: unknown, b: unknown) => a !== b : COMPARE[op];
    if (!compare) throw fetchError(`The operator '${op}' cannot compare two columns (valueof).`);
    return (r) => {
      const a = read(r);
      const b = readOther(r);
      return a !== null && b !== null && compare(a, b);
    };
  }

  const valueText = el.attributes.value ?? elements(el, "value")[0]?.text;
  const listText = elements(el, "value").map((v) => v.text);
  const one = () => {
    if (valueText === undefined) throw fetchError(`The condition '${name} ${op}' needs a value.`);
    return convert(attribute, valueText);
  };
  const count = () => {
    const n = Number(valueText);
    if (!Number.isInteger(n) || n < 0) {
      throw fetchError(`The condition '${name} ${op}' needs a whole number value, not '${valueText}'.`);
    }
    return n;
  };
  const within = (from: number, to: number): RowPredicate => (r) => {
    const v = read(r) as number | null;
    return v !== null && v >= from && v < to;
  };
  const today = dayOf(context.now) * DAY;

  const compare = COMPARE[op];
  if (compare) {
    const value = one();
    return (r) => {
      const v = read(r);
      return v !== null && compare(v, value);
    };
  }
  switch (op) {
    case "ne":
    case "neq": {
      const value = one();
      return (r) => read(r) !== null && read(r) !== value;
    }
    case "null":
      return (r) => read(r) === null;
    case "not-null":
      return (r) => read(r) !== null;
    case "in":
    case "not-in": {
      const values = (listText.length ? listText : valueText !== undefined ? [valueText] : [])
        .map((v) => convert(attribute, v));
      if (!values.length) throw fetchError(`The condition '${name} ${op}' needs <value> elements.`);
      const negate = op === "not-in";
      return (r) => {
        const v = read(r);
        return v !== null && values.includes(v) !== negate;
      };
    }
    case "between":
    case "not-between": {
      if (listText.length !== 2) {
        throw fetchError(`The condition '${name} ${op}' needs two <value> elements.`);
      }
      const [low, high] = listText.map((v) => convert(attribute, v)) as [number, number];
      const negate = op === "not-between";
      return (r) => {
        const v = read(r) as number | null;
        return v !== null && (v >= low && v <= high) !== negate;
      };
    }
    case "like":
    case "not-like":
    case "begins-with":
    case "not-begin-with":
    case "ends-with":
    case "not-end-with": {
      if (valueText === undefined) throw fetchError(`The condition '${name} ${op}' needs a value.`);
      const pattern = op.includes("begin")
        ? `${valueText}%`
        : op.includes("end")
        ? `%${valueText}`
        : valueText;
      const re = likeToRegExp(pattern);
      const negate = op.startsWith("not-");
      return (r) => {
        const v = raw(r);
        return typeof v === "string" && re.test(v) !== negate;
      };
    }
    case "on":
    case "on-or-after":
    case "on-or-before": {
      if (attribute.type !== "DateTime") throw fetchError(`The operator '${op}' needs a date column.`);
      const day = dayOf(one() as number);
      return (r) => {
        const v = read(r) as number | null;
        if (v === null) return false;
        const d = dayOf(v);
        return op === "on" ? d === day : op === "on-or-after" ? d >= day : d <= day;
      };
    }
    case "today":
      return within(today, today + DAY);
    case "yesterday":
      return within(today - DAY, today);
    case "tomorrow":
      return within(today + DAY, today + 2 * DAY);
    case "last-seven-days":
      return within(today - 7 * DAY, context.now + 1);
    case "next-seven-days":
      return within(context.now, today + 8 * DAY);
    case "last-x-days":
      return within(today - count() * DAY, context.now + 1);
    case "next-x-days":
      return within(context.now, today + (count() + 1) * DAY);
    case "last-x-hours":
      return within(context.now - count() * HOUR, context.now + 1);
    case "next-x-hours":
      return within(context.now, context.now + count() * HOUR + 1);
    case "olderthan-x-days":
      return within(-Infinity, context.now - count() * DAY);
    case "eq-userid":
    case "ne-userid": {
      const negate = op === "ne-userid";
      return (r) => {
        const v = read(r);
        return v !== null && (v === context.userId) !== negate;
      };
    }
    default:
      throw fetchError(`The FetchXML condition operator '${op}' is not supported by the emulator.`);
  }
}

const COMPARE: Record<string, (a: unknown, b: unknown) => boolean> = {
  eq: (a, b) => a === b,
  gt: (a, b) => (a as number) > (b as number),
  ge: (a, b) => (a as number) >= (b as number),
  lt: (a, b) => (a as number) < (b as number),
  le: (a, b) => (a as number) <= (b as number),
};
