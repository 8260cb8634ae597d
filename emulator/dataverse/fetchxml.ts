/**
 * FetchXML parsing (`GET accounts?fetchXml=…`): the `<fetch>` options, attributes (with aliases and
 * aggregates), nested `<link-entity>` joins, orders and filters, checked against the schema with the errors
 * Dataverse gives. The plan it returns is run by fetchxml_run.ts; conditions compile in fetchxml_filter.ts.
 *
 * @module
 */

import { parseXml, XmlElement } from "../xml.ts";
import { CODES, DvError } from "./errors.ts";
import { compileFilterElement, type FetchRow, type RowPredicate, type Scope } from "./fetchxml_filter.ts";
import type { AttributeSchema } from "./schema.ts";
import type { DataverseStore, TableData } from "./store.ts";

/** Aggregate functions of `<attribute aggregate="…">`. */
export type AggregateFunction = "count" | "countcolumn" | "sum" | "avg" | "min" | "max";

/** Date parts of `<attribute dategrouping="…">` the emulator groups by (UTC). */
export type DateGrouping = "year" | "quarter" | "month" | "week" | "day";

/** One selected column: `entity` is the link alias, or null for the query's own table. */
export interface FetchColumn {
  entity: string | null;
  table: TableData;
  attribute: AttributeSchema;
  /** The `alias` attribute: the property name in the answer. */
  alias?: string;
  aggregate?: AggregateFunction;
  distinct?: boolean;
  groupby?: boolean;
  dategrouping?: DateGrouping;
}

/** One `<order>`: by a column, or (aggregate queries) by a column alias. */
export interface FetchOrder {
  column?: { entity: string | null; attribute: AttributeSchema };
  alias?: string;
  descending: boolean;
}

/** Link types the emulator joins with. */
export type LinkType = "inner" | "outer" | "any" | "not any" | "exists" | "in";

/** One `<link-entity>`. */
export interface FetchLink {
  alias: string;
  table: TableData;
  /** Column of the linked table. */
  from: AttributeSchema;
  /** Column of the parent (entity or link-entity). */
  to: AttributeSchema;
  /** Alias of the parent link, or null when the parent is the query's table. */
  parent: string | null;
  type: LinkType;
  /** The link's own `<filter>`: part of the join condition. */
  filter?: RowPredicate;
  links: FetchLink[];
  allAttributes: boolean;
}

/** A parsed FetchXML query. */
export interface FetchPlan {
  table: TableData;
  /** Selected columns of the query's table and its links, in document order. */
  columns: FetchColumn[];
  /** True when the query's table returns every column (no `<attribute>` or `<all-attributes>`). */
  allAttributes: boolean;
  links: FetchLink[];
  filter?: RowPredicate;
  orders: FetchOrder[];
  aggregate: boolean;
  distinct: boolean;
  /** `useraworderby`: sort choice columns by value instead of label. */
  rawOrder: boolean;
  aggregateLimit?: number;
  top?: number;
  pageSize?: number;
  page: number;
  /** The `paging-cookie` attribute: the previous page's cookie. */
  pagingCookie?: string;
  totalCount: boolean;
  /** Identifies the query (without paging) for the result cache. */
  signature: string;
}

/** What conditions need from outside the query. */
export interface FetchContext {
  /** The caller's systemuserid (`eq-userid`). */
  userId: string;
  /** Current time (relative date operators). */
  now: number;
}

/** 400 with Dataverse's generic "invalid argument" code, for FetchXML it cannot read. */
export function fetchError(message: string): DvError {
  return new DvError(400, CODES.badRequest, message);
}

/** 400 for a column the table does not have, as Dataverse words it. */
export function missingAttribute(table: string, name: string): DvError {
  return new DvError(
    400,
    CODES.missingAttribute,
    `'${table}' entity doesn't contain attribute with Name = '${name}' and NameMapping = 'Logical'.`,
  );
}

function missingEntity(name: string): DvError {
  return new DvError(
    400,
    CODES.missingEntity,
    `The entity with a name = '${name}' with namemapping = 'Logical' was not found in the MetadataCache.`,
  );
}

/** The child elements of a node, optionally of one name. */
export function elements(node: XmlElement, name?: string): XmlElement[] {
  return node.children.filter((c): c is XmlElement => c instanceof XmlElement && (!name || c.name === name));
}

function positiveInt(el: XmlElement, name: string): number | undefined {
  const raw = el.attributes[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw fetchError(`The FetchXML attribute ${name}="${raw}" is not a positive whole number.`);
  }
  return n;
}

const RELATIVE = /operator\s*=\s*["'](today|yesterday|tomorrow|last-|next-|olderthan-)/;
const AGGREGATES = new Set(["count", "countcolumn", "sum", "avg", "min", "max"]);
const DATE_GROUPINGS = new Set(["year", "quarter", "month", "week", "day"]);
const LINK_TYPES = new Set(["inner", "outer", "any", "not any", "exists", "in"]);
const ENTITY_CHILDREN = new Set([
  "attribute",
  "all-attributes",
  "no-attrs",
  "order",
  "filter",
  "link-entity",
]);

/** Parses FetchXML for `table` (the entity set's table); throws DvError 400 for anything it cannot run. */
export function parseFetchXml(
  text: string,
  table: TableData,
  store: DataverseStore,
  context: FetchContext,
): FetchPlan {
  let root: XmlElement | null;
  try {
    root = parseXml(text).root;
  } catch (error) {
    throw fetchError(
      `The FetchXML is not well-formed XML: ${error instanceof Error ? error.message : error}`,
    );
  }
  if (!root || root.name !== "fetch") throw fetchError("FetchXML must have a <fetch> root element.");
  const [entity, ...extra] = elements(root, "entity");
  if (!entity || extra.length) throw fetchError("FetchXML needs exactly one <entity> element.");
  const name = entity.attributes.name;
  if (!name) throw fetchError('The FetchXML <entity> element needs a name="…" attribute.');
  if (!store.table(name)) throw missingEntity(name);
  if (name !== table.logicalName) {
    throw fetchError(
      `The entity name '${name}' in the FetchXML does not match the entity set's table '${table.logicalName}'.`,
    );
  }
  const aggregate = root.attributes.aggregate === "true";
  const plan: FetchPlan = {
    table,
    columns: [],
    allAttributes: false,
    links: [],
    orders: [],
    aggregate,
    distinct: root.attributes.distinct === "true",
    rawOrder: root.attributes.useraworderby === "true",
    aggregateLimit: positiveInt(root, "aggregatelimit"),
    top: positiveInt(root, "top"),
    pageSize: positiveInt(root, "count"),
    page: positiveInt(root, "page") ?? 1,
    pagingCookie: root.attributes["paging-cookie"] || undefined,
    totalCount: root.attributes.returntotalrecordcount === "true",
    // The answer also depends on who asks (eq-userid) and, for relative dates, on the time.
    signature: `fetch:${context.userId}:${RELATIVE.test(text) ? context.now : ""}:${
      JSON.stringify(entity.toJSON())
    }`,
  };

  // Links first, so conditions anywhere can name a link alias with entityname="…".
  const aliases = new Map<string, TableData>();
  const linkElements: { el: XmlElement; link: FetchLink }[] = [];
  const readLinks = (parentEl: XmlElement, parentTable: TableData, parent: string | null): FetchLink[] =>
    elements(parentEl, "link-entity").map((el) => {
      const linkedName = el.attributes.name;
      if (!linkedName) throw fetchError('A <link-entity> needs a name="…" attribute.');
      const linked = store.table(linkedName);
      if (!linked) throw missingEntity(linkedName);
      if (!el.attributes.from || !el.attributes.to) {
        throw fetchError(`The <link-entity name="${linkedName}"> needs from="…" and to="…" attributes.`);
      }
      const type = el.attributes["link-type"] ?? "inner";
      if (!LINK_TYPES.has(type)) {
        throw fetchError(
          `The link-type '${type}' is not supported by the emulator (inner, outer, any, not any, exists, in).`,
        );
      }
      let alias = el.attributes.alias ?? linkedName;
      // Two unaliased links to the same table would clash; number the later ones.
      for (let n = 1; aliases.has(alias); n++) alias = `${el.attributes.alias ?? linkedName}${n}`;
      aliases.set(alias, linked);
      const link: FetchLink = {
        alias,
        table: linked,
        from: attributeOf(linked, el.attributes.from),
        to: attributeOf(parentTable, el.attributes.to),
        parent,
        type: type as LinkType,
        links: [],
        allAttributes: elements(el, "all-attributes").length > 0,
      };
      linkElements.push({ el, link });
      link.links = readLinks(el, linked, alias);
      return link;
    });
  plan.links = readLinks(entity, table, null);

  const rootScope: Scope = (entityName, attribute) => {
    if (!entityName) return { entity: null, attribute: attributeOf(table, attribute) };
    const linked = aliases.get(entityName);
    if (!linked) {
      throw fetchError(`The condition's entityname '${entityName}' is not the alias of a link-entity.`);
    }
    return { entity: entityName, attribute: attributeOf(linked, attribute) };
  };
  plan.filter = readEntityChildren(plan, entity, table, null, rootScope, context);
  for (const { el, link } of linkElements) {
    const scope: Scope = (entityName, attribute) => {
      if (entityName && entityName !== link.alias) {
        throw fetchError(`A condition inside <link-entity alias="${link.alias}"> cannot use entityname.`);
      }
      return { entity: null, attribute: attributeOf(link.table, attribute) };
    };
    link.filter = readEntityChildren(plan, el, link.table, link.alias, scope, context);
  }
  plan.allAttributes ||= !plan.columns.some((c) => c.entity === null) &&
    elements(entity, "no-attrs").length === 0 && !aggregate;
  if (aggregate) checkAggregate(plan);
  else if (plan.orders.some((o) => !o.column)) {
    throw fetchError('<order alias="…"> is for aggregate queries; order by attribute="…" here.');
  }
  return plan;
}

function attributeOf(table: TableData, name: string | undefined): AttributeSchema {
  const attribute = name ? table.attributes.get(name) : undefined;
  if (!attribute) throw missingAttribute(table.logicalName, name ?? "");
  return attribute;
}

/** Reads attributes, orders and filters of an entity or link-entity; returns its combined filter. */
function readEntityChildren(
  plan: FetchPlan,
  el: XmlElement,
  table: TableData,
  entity: string | null,
  scope: Scope,
  context: FetchContext,
): RowPredicate | undefined {
  const filters: RowPredicate[] = [];
  for (const child of elements(el)) {
    if (!ENTITY_CHILDREN.has(child.name)) {
      throw fetchError(
        `Invalid child node <${child.name}> in <${el.name}>: valid nodes are filter, order, link-entity, ` +
          `attribute, all-attributes, no-attrs.`,
      );
    }
    if (child.name === "attribute") plan.columns.push(readAttribute(child, table, entity));
    else if (child.name === "all-attributes" && entity === null) plan.allAttributes = true;
    else if (child.name === "order") {
      const descending = child.attributes.descending === "true";
      if (child.attributes.alias !== undefined && child.attributes.attribute === undefined) {
        plan.orders.push({ alias: child.attributes.alias, descending });
      } else if (child.attributes.entityname !== undefined && entity === null) {
        // <order entityname="alias"> in the entity sorts by a link's column ahead of later entity orders.
        const column = scope(child.attributes.entityname, child.attributes.attribute);
        plan.orders.push({ column, descending });
      } else {
        plan.orders.push({
          column: { entity, attribute: attributeOf(table, child.attributes.attribute) },
          descending,
        });
      }
    } else if (child.name === "filter") filters.push(compileFilterElement(child, scope, context));
  }
  if (!filters.length) return undefined;
  return filters.length === 1 ? filters[0] : (row: FetchRow) => filters.every((f) => f(row));
}

function readAttribute(el: XmlElement, table: TableData, entity: string | null): FetchColumn {
  const column: FetchColumn = { entity, table, attribute: attributeOf(table, el.attributes.name) };
  const a = el.attributes;
  if (a.alias !== undefined) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(a.alias)) {
      throw fetchError(`The alias '${a.alias}' is not valid: use letters, digits and underscores.`);
    }
    column.alias = a.alias;
  }
  if (a.aggregate !== undefined) {
    if (!AGGREGATES.has(a.aggregate)) {
      throw fetchError(
        `The aggregate '${a.aggregate}' is not valid: use count, countcolumn, sum, avg, min or max.`,
      );
    }
    column.aggregate = a.aggregate as AggregateFunction;
  }
  if (a.distinct === "true") column.distinct = true;
  if (a.groupby === "true") column.groupby = true;
  if (a.dategrouping !== undefined) {
    if (!DATE_GROUPINGS.has(a.dategrouping)) {
      throw fetchError(
        `The dategrouping '${a.dategrouping}' is not supported by the emulator (year, quarter, month, week, day).`,
      );
    }
    if (column.attribute.type !== "DateTime") {
      throw fetchError(
        `dategrouping needs a date and time column; '${column.attribute.logicalName}' is not.`,
      );
    }
    column.dategrouping = a.dategrouping as DateGrouping;
  }
  return column;
}

const NUMERIC = new Set(["Integer", "BigInt", "Decimal", "Double", "Money"]);

function checkAggregate(plan: FetchPlan): void {
  if (!plan.columns.length) throw fetchError("An aggregate query needs at least one <attribute>.");
  const names = new Set<string>();
  for (const c of plan.columns) {
    const shown = c.attribute.logicalName;
    if (!c.aggregate && !c.groupby) {
      throw fetchError(
        `Attribute '${shown}' can not be specified if an aggregate operation is requested: give it ` +
          `aggregate="…" or groupby="true".`,
      );
    }
    if (c.aggregate && c.groupby) {
      throw fetchError(`Attribute '${shown}' cannot have both aggregate and groupby.`);
    }
    if (c.aggregate && !c.alias) throw fetchError(`The aggregate attribute '${shown}' needs an alias.`);
    if ((c.aggregate === "sum" || c.aggregate === "avg") && !NUMERIC.has(c.attribute.type)) {
      throw fetchError(
        `The aggregate '${c.aggregate}' needs a number column; '${shown}' is ${c.attribute.type}.`,
      );
    }
    if (
      (c.aggregate === "min" || c.aggregate === "max") && !NUMERIC.has(c.attribute.type) &&
      c.attribute.type !== "DateTime"
    ) {
      throw fetchError(
        `The aggregate '${c.aggregate}' needs a number or date column; '${shown}' is ${c.attribute.type}.`,
      );
    }
    const name = outputName(c);
    if (names.has(name)) {
      throw fetchError(`The column name '${name}' is used twice: give each a unique alias.`);
    }
    names.add(name);
  }
  for (const o of plan.orders) {
    if (!o.alias) {
      throw fetchError('An aggregate query orders by alias: use <order alias="…"> with a column\'s alias.');
    }
    if (!names.has(o.alias)) {
      throw fetchError(`The order alias '${o.alias}' is not the alias of an attribute.`);
    }
  }
}

/** The property name a column gets in the answer. */
export function outputName(c: FetchColumn): string {
  if (c.alias) return c.alias;
  return c.entity === null ? c.attribute.logicalName : `${c.entity}.${c.attribute.logicalName}`;
}
