/**
 * FetchXML for simple queries (`GET accounts?fetchXml=…`): attributes, order, nested and/or filters with the
 * common condition operators, `top`, `count` + `page` paging and `returntotalrecordcount`. Link entities and
 * aggregates are refused with a clear 400.
 *
 * @module
 */

import { parseXml, XmlElement } from "@rgrove/parse-xml";
import { CODES, DvError, unknownProperty } from "./errors.ts";
import type { Predicate } from "./filter.ts";
import type { StoredRecord, TableData } from "./store.ts";

/** A parsed FetchXML query. */
export interface FetchQuery {
  select?: string[];
  predicate?: Predicate<StoredRecord>;
  compare?: (a: StoredRecord, b: StoredRecord) => number;
  top?: number;
  pageSize?: number;
  page: number;
  totalCount: boolean;
  signature: string;
}

function bad(message: string): DvError {
  return new DvError(400, CODES.badRequest, message);
}

function elements(node: XmlElement, name?: string): XmlElement[] {
  return node.children.filter((c): c is XmlElement => c instanceof XmlElement && (!name || c.name === name));
}

function intAttr(el: XmlElement, name: string): number | undefined {
  const raw = el.attributes[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw bad(`The FetchXML attribute ${name}="${raw}" is not a positive whole number.`);
  }
  return n;
}

function likeToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*").replace(/_/g, ".");
  return new RegExp(`^${body}$`, "is");
}

/** Parses FetchXML for `table`; throws DvError 400 for anything it cannot run. */
export function parseFetchXml(text: string, table: TableData): FetchQuery {
  let root: XmlElement | null;
  try {
    root = parseXml(text).root;
  } catch (error) {
    throw bad(`The FetchXML is not well-formed XML: ${error instanceof Error ? error.message : error}`);
  }
  if (!root || root.name !== "fetch") throw bad("FetchXML must have a <fetch> root element.");
  if (root.attributes.aggregate === "true") {
    throw bad("Aggregate FetchXML queries are not supported by the emulator.");
  }
  const [entity, ...extra] = elements(root, "entity");
  if (!entity || extra.length) throw bad("FetchXML needs exactly one <entity> element.");
  if (entity.attributes.name !== table.logicalName) {
    throw bad(
      `The entity name '${entity.attributes.name}' in the FetchXML does not match the entity set's table '${table.logicalName}'.`,
    );
  }
  const column = (name: string | undefined) => {
    const a = name ? table.attributes.get(name) : undefined;
    if (!a) throw unknownProperty(table.logicalName, name ?? "");
    return a;
  };
  let select: string[] | undefined = [];
  const orders: { name: string; desc: boolean }[] = [];
  const filters: Predicate<StoredRecord>[] = [];
  for (const child of elements(entity)) {
    if (child.name === "attribute") select?.push(column(child.attributes.name).logicalName);
    else if (child.name === "all-attributes") select = undefined;
    else if (child.name === "order") {
      orders.push({
        name: column(child.attributes.attribute).logicalName,
        desc: child.attributes.descending === "true",
      });
    } else if (child.name === "filter") filters.push(compileFilterElement(child, table, column));
    else if (child.name === "link-entity") {
      throw bad("link-entity is not supported by the emulator's FetchXML.");
    } else throw bad(`Unknown FetchXML element <${child.name}>.`);
  }
  const compare = orders.length
    ? (a: StoredRecord, b: StoredRecord) => {
      for (const o of orders) {
        const x = a.values[o.name] as number | string | null ?? null;
        const y = b.values[o.name] as number | string | null ?? null;
        if (x === y) continue;
        const c = x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
        return o.desc ? -c : c;
      }
      return 0;
    }
    : undefined;
  return {
    select: select?.length ? select : undefined,
    predicate: filters.length ? (r) => filters.every((f) => f(r)) : undefined,
    compare,
    top: intAttr(root, "top"),
    pageSize: intAttr(root, "count"),
    page: intAttr(root, "page") ?? 1,
    totalCount: root.attributes.returntotalrecordcount === "true",
    signature: `fetch:${JSON.stringify(entity.toJSON())}`,
  };
}

function compileFilterElement(
  el: XmlElement,
  table: TableData,
  column: (name: string | undefined) => { logicalName: string; type: string },
): Predicate<StoredRecord> {
  const or = el.attributes.type === "or";
  const parts = elements(el).map((child): Predicate<StoredRecord> => {
    if (child.name === "filter") return compileFilterElement(child, table, column);
    if (child.name !== "condition") throw bad(`Unknown FetchXML element <${child.name}> in a filter.`);
    const a = column(child.attributes.attribute);
    const op = child.attributes.operator;
    const convert = (raw: string): unknown => {
      if (
        ["Integer", "BigInt", "Decimal", "Double", "Money", "Picklist", "State", "Status"].includes(a.type)
      ) {
        const n = Number(raw);
        if (Number.isNaN(n)) throw bad(`'${raw}' is not a number for ${a.logicalName}.`);
        return n;
      }
      if (a.type === "Boolean") return raw === "1" || raw.toLowerCase() === "true";
      if (a.type === "DateTime") {
        return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
      }
      return raw.replace(/^\{|\}$/g, "").toLowerCase();
    };
    const read = (r: StoredRecord): unknown => {
      const v = r.values[a.logicalName];
      if (v === null || v === undefined) return null;
      if (typeof v === "object" && "id" in v) return (v as { id: string }).id;
      if (a.type === "DateTime") return Date.parse(String(v).length === 10 ? `${v}T00:00:00Z` : String(v));
      return typeof v === "string" ? v.toLowerCase() : v;
    };
    const value = child.attributes.value;
    const values = elements(child, "value").map((v) => convert(v.text));
    const one = value === undefined ? undefined : convert(value);
    switch (op) {
      case "eq":
        return (r) => read(r) === one;
      case "ne":
      case "neq":
        return (r) => read(r) !== one;
      case "gt":
        return (r) => read(r) !== null && (read(r) as number) > (one as number);
      case "ge":
        return (r) => read(r) !== null && (read(r) as number) >= (one as number);
      case "lt":
        return (r) => read(r) !== null && (read(r) as number) < (one as number);
      case "le":
        return (r) => read(r) !== null && (read(r) as number) <= (one as number);
      case "null":
        return (r) => read(r) === null;
      case "not-null":
        return (r) => read(r) !== null;
      case "in":
        return (r) => values.includes(read(r));
      case "not-in":
        return (r) => !values.includes(read(r));
      case "like":
      case "not-like":
      case "begins-with":
      case "not-begin-with":
      case "ends-with":
      case "not-end-with": {
        const raw = value ?? "";
        const pattern = op.includes("begin") ? `${raw}%` : op.includes("end") ? `%${raw}` : raw;
        const re = likeToRegExp(pattern);
        const negate = op.startsWith("not-");
        return (r) => {
          const v = r.values[a.logicalName];
          return typeof v === "string" ? re.test(v) !== negate : negate;
        };
      }
      default:
        throw bad(`The FetchXML condition operator '${op}' is not supported by the emulator.`);
    }
  });
  return or ? (r) => parts.some((p) => p(r)) : (r) => parts.every((p) => p(r));
}
