/**
 * The column plan of a bulk CSV load: which header feeds which attribute (case-insensitive, through an
 * optional map), which columns address the record (id column or alternate-key columns), and how each row
 * becomes a request body. Everything wrong with the header is found here, before anything is sent.
 *
 * @module
 */

import { command, option, phrase, ValidationError } from "../../errors.ts";
import type { AlternateKeyInfo, AttributeInfo, ChoiceOption, EntityInfo } from "../client.ts";
import {
  describeKeys,
  isWholeKey,
  type KeyColumn,
  keyColumnOf,
  keyJsonValue,
  keyPropertyName,
  keyValue,
  KeyValueError,
} from "../keys.ts";
import type { KeyValue } from "../odata.ts";
import { CellError, type ColumnTarget, convertCell, normalizeGuid } from "./values.ts";

/** Metadata the plan needs about the table and its lookup targets. */
export interface TableMetadata {
  entity: EntityInfo;
  attributes: AttributeInfo[];
  choices: Map<string, ChoiceOption[]>;
  /** Entity set name of every table a lookup column of this table can point to (logical -> set). */
  targetSets: Map<string, string>;
  /** The table's alternate keys, when read (rows addressed by key). */
  keys?: AlternateKeyInfo[];
}

/** How rows are addressed and typed. */
export interface PlanOptions {
  /** Header of the column holding record ids (default: the table's primary id column, when present). */
  idColumn?: string;
  /** Headers (or attributes) of the alternate-key columns. */
  keyColumns?: string[];
  /** `{ "CSV header": "attribute" | "navigation@odata.bind" | null }`; null drops the column. */
  map?: Record<string, string | null>;
  /** An empty cell sets the column to null (default: the column is left out). */
  emptyAsNull?: boolean;
}

/** The result of planning: per-header targets plus the addressing columns. */
export interface ColumnPlan {
  headers: string[];
  /** One entry per header: where the cell goes, or undefined for dropped / addressing-only columns. */
  columns: (ColumnTarget & { navigation?: Record<string, string> } | undefined)[];
  idIndex?: number;
  /**
   * Alternate-key columns: attribute logical name, the name in the URL (`_x_value` for a lookup), the
   * column's type and the header index.
   */
  keys: { attribute: string; property: string; column: KeyColumn; index: number }[];
  primaryId: string;
  logicalName: string;
}

/** A row turned into a request: where it goes and what it carries. */
export interface RowRequest {
  /** The id from the id column (undefined when addressed by key or when an id must be generated). */
  id?: string;
  /** Alternate-key values typed for their columns (URL names), when addressed by key. */
  key?: Record<string, KeyValue>;
  /** The key's non-lookup columns as body values (UpsertMultiple wants them in the record too). */
  keyBody?: Record<string, unknown>;
  body: Record<string, unknown>;
}

const LOOKUP_TYPES = new Set(["Lookup", "Customer", "Owner"]);

function norm(name: string): string {
  return name.trim().toLowerCase();
}

/** Builds the column plan; throws ValidationError naming every unknown or unusable column. */
export function planColumns(headers: string[], meta: TableMetadata, options: PlanOptions = {}): ColumnPlan {
  const byName = new Map(meta.attributes.map((a) => [a.LogicalName.toLowerCase(), a]));
  const map = new Map(Object.entries(options.map ?? {}).map(([k, v]) => [norm(k), v]));
  const seen = new Map<string, number>();
  for (const [i, h] of headers.entries()) {
    const n = norm(h);
    if (n === "") throw new ValidationError(`Column ${i + 1} of the CSV header is empty.`);
    if (seen.has(n)) {
      throw new ValidationError(`The CSV header has '${h}' twice (headers are case-insensitive).`, {
        hint: "Rename or remove one of the columns.",
      });
    }
    seen.set(n, i);
  }
  const primaryId = meta.entity.PrimaryIdAttribute;
  const findHeader = (name: string): number | undefined => {
    const n = norm(name);
    if (seen.has(n)) return seen.get(n);
    // A key column may be named by the attribute a header maps to.
    for (const [i, h] of headers.entries()) if (norm(String(map.get(norm(h)) ?? "")) === n) return i;
    return undefined;
  };

  let idIndex: number | undefined;
  if (options.idColumn !== undefined) {
    idIndex = findHeader(options.idColumn);
    if (idIndex === undefined) {
      throw new ValidationError(
        phrase`${option("idColumn")} ${options.idColumn} is not a column of the CSV file.`,
        {
          hint: `The header has: ${headers.join(", ")}.`,
        },
      );
    }
  } else if (seen.has(primaryId)) idIndex = seen.get(primaryId);

  const keys: ColumnPlan["keys"] = [];
  for (const k of options.keyColumns ?? []) {
    const index = findHeader(k);
    if (index === undefined) {
      throw new ValidationError(phrase`${option("keyColumns")} ${k} is not a column of the CSV file.`, {
        hint: `The header has: ${headers.join(", ")}.`,
      });
    }
    const mapped = map.get(norm(headers[index]));
    const name = typeof mapped === "string" ? mapped.trim() : norm(headers[index]);
    const attribute = keyColumnOf(name, byName);
    const inKey = (a: AttributeInfo) =>
      meta.keys === undefined ||
      meta.keys.some((key) => key.KeyAttributes.some((c) => c.toLowerCase() === a.LogicalName.toLowerCase()));
    if (!attribute || !inKey(attribute)) {
      throw new ValidationError(
        phrase`${
          option("keyColumns")
        } ${k}: ${name} is not a column of an alternate key of ${meta.entity.EntitySetName}.`,
        { hint: meta.keys ? describeKeys({ entity: meta.entity, keys: meta.keys }) : undefined },
      );
    }
    keys.push({
      attribute: attribute.LogicalName,
      property: keyPropertyName(attribute),
      column: attribute,
      index,
    });
  }
  if (keys.length && meta.keys) {
    const given = keys.map((k) => k.attribute.toLowerCase()).sort();
    if (!isWholeKey(meta.keys, given)) {
      throw new ValidationError(
        phrase`${option("keyColumns")} ${
          given.join(",")
        } is not a whole alternate key of ${meta.entity.EntitySetName}.`,
        { hint: `Give every column of one key. ${describeKeys({ entity: meta.entity, keys: meta.keys })}` },
      );
    }
  }

  const unknown: string[] = [];
  const readOnly: string[] = [];
  const columns: ColumnPlan["columns"] = headers.map((header, i) => {
    if (i === idIndex) return undefined;
    if (keys.some((k) => k.index === i)) return undefined;
    const mapped = map.has(norm(header)) ? map.get(norm(header)) : header;
    if (mapped === null || mapped === undefined) return undefined;
    const target = mapped.trim();
    if (/@odata\.bind$/i.test(target)) return { header, property: target, type: "Bind" };
    const attribute = byName.get(target.toLowerCase());
    if (!attribute) {
      unknown.push(header === target ? header : `${header} (mapped to ${target})`);
      return undefined;
    }
    if (attribute.IsValidForCreate === false && attribute.IsValidForUpdate === false) {
      readOnly.push(header);
      return undefined;
    }
    const column: ColumnTarget & { navigation?: Record<string, string> } = {
      header,
      property: attribute.LogicalName,
      attribute: attribute.LogicalName,
      type: attribute.AttributeType,
    };
    if (meta.choices.has(attribute.LogicalName)) column.options = meta.choices.get(attribute.LogicalName);
    if (attribute.AttributeType === "DateTime" && attribute.Format === "DateOnly") column.dateOnly = true;
    if (LOOKUP_TYPES.has(attribute.AttributeType)) {
      const targets = attribute.Targets ?? [];
      const sets = targets.map((t) => meta.targetSets.get(t) ?? t);
      column.targetSets = sets;
      if (sets.length === 1) column.targetSet = sets[0];
      // Dataverse names the navigation property after the lookup (per target when it has several).
      column.navigation = Object.fromEntries(targets.map((t, j) => [
        sets[j],
        targets.length > 1 ? `${attribute.LogicalName}_${t}` : attribute.LogicalName,
      ]));
    }
    return column;
  });
  if (unknown.length) {
    throw new ValidationError(
      `${meta.entity.EntitySetName} has no column named ${unknown.map((u) => `'${u}'`).join(", ")}.`,
      {
        hint: phrase`Fix the header, or map it to an attribute (or to null to drop it) with ${
          option("map", "FILE")
        }. \`${
          command(
            "api",
            "GET",
            `"EntityDefinitions(LogicalName='${meta.entity.LogicalName}')/Attributes?$select=LogicalName,AttributeType"`,
          )
        }\` lists the table's columns.`,
      },
    );
  }
  if (readOnly.length) {
    throw new ValidationError(`Read-only column(s) in the CSV: ${readOnly.join(", ")}.`, {
      hint: phrase`Drop them, or map them to null with ${option("map", "FILE")}.`,
    });
  }
  if (idIndex === undefined && keys.length === 0 && options.idColumn === undefined) {
    // Neither ids nor keys: every row is a create with a generated id (allowed with create-if-missing).
  }
  return { headers, columns, idIndex, keys, primaryId, logicalName: meta.entity.LogicalName };
}

/**
 * Turns one CSV record into a request: id or key, and the typed body. Throws CellError for a cell that
 * does not fit its column or a row whose id / key cells are malformed.
 */
export function buildRow(plan: ColumnPlan, cells: string[], options: PlanOptions = {}): RowRequest {
  if (cells.length !== plan.headers.length) {
    throw new CellError(
      `The row has ${cells.length} field(s); the header has ${plan.headers.length}.`,
    );
  }
  const body: Record<string, unknown> = {};
  for (const [i, column] of plan.columns.entries()) {
    if (!column) continue;
    const cell = cells[i];
    if (cell === "") {
      if (!options.emptyAsNull) continue;
      if (column.navigation) {
        const navs = Object.values(column.navigation);
        if (navs.length !== 1) {
          throw new CellError(`${column.header}: a lookup to several tables cannot be cleared from a CSV.`);
        }
        body[`${navs[0]}@odata.bind`] = null;
      } else body[column.property] = null;
      continue;
    }
    const value = convertCell(column, cell);
    if (column.navigation) {
      const set = /^\/([^()]+)\(/.exec(String(value))?.[1] ?? "";
      body[`${column.navigation[set] ?? column.property}@odata.bind`] = value;
    } else body[column.property] = value;
  }
  const request: RowRequest = { body };
  if (plan.idIndex !== undefined && cells[plan.idIndex].trim() !== "") {
    const id = normalizeGuid(cells[plan.idIndex]);
    if (!id) throw new CellError(`${plan.headers[plan.idIndex]}: '${cells[plan.idIndex]}' is not a GUID.`);
    request.id = id;
    return request;
  }
  if (plan.keys.length && plan.keys.every((k) => cells[k.index].trim() !== "")) {
    const key: Record<string, KeyValue> = {};
    const keyBody: Record<string, unknown> = {};
    for (const k of plan.keys) {
      const cell = cells[k.index].trim();
      let value: KeyValue;
      try {
        value = keyValue(k.column, cell);
      } catch (error) {
        if (!(error instanceof KeyValueError)) throw error;
        throw new CellError(`${plan.headers[k.index]}: ${error.message} Example: ${error.example}.`);
      }
      key[k.property] = value;
      if (k.property === k.attribute) keyBody[k.attribute] = keyJsonValue(value);
    }
    request.key = key;
    request.keyBody = keyBody;
  } else if (plan.keys.some((k) => cells[k.index].trim() !== "")) {
    const missing = plan.keys.filter((k) => cells[k.index].trim() === "").map((k) => plan.headers[k.index]);
    throw new CellError(`The alternate key is incomplete: ${missing.join(", ")} is empty.`);
  }
  return request;
}
