/**
 * The emulated org's data: records per table, alternate-key indexes, row versions, transactions (undo
 * journal, for atomic change sets and bulk messages) and a change hook for persistence.
 *
 * @module
 */

import { AsyncLocalStorage } from "node:async_hooks";
import { CODES, DvError } from "./errors.ts";
import { type MatchedKey, matchKey } from "./keys.ts";
import type { KeyLiteral } from "./resource.ts";
import { type AttributeSchema, type DataverseSchema, navigationOf, type TableSchema } from "./schema.ts";
import { formatDateTime } from "./values.ts";

/** A stored lookup value. */
export interface LookupValue {
  table: string;
  id: string;
}

/** One stored record: column values by logical name (lookups as LookupValue). */
export interface StoredRecord {
  id: string;
  values: Record<string, unknown>;
  version: number;
}

/** A table's schema, indexes and records. */
export class TableData {
  readonly schema: TableSchema;
  readonly attributes: Map<string, AttributeSchema>;
  /** Navigation property -> lookup column and target table. */
  readonly navigation: Map<string, { attribute: AttributeSchema; target: string }> = new Map();
  readonly records: Map<string, StoredRecord> = new Map();
  /** Alternate key name -> (normalised values -> record id). */
  readonly keys: Map<string, Map<string, string>> = new Map();
  /** Bumped on every change; query caches key on it. */
  mutations = 0;

  constructor(schema: TableSchema) {
    this.schema = schema;
    this.attributes = new Map(schema.attributes.map((a) => [a.logicalName, a]));
    for (const a of schema.attributes) {
      for (const target of a.targets ?? []) {
        this.navigation.set(navigationOf(a, target), { attribute: a, target });
      }
    }
    for (const key of schema.alternateKeys ?? []) this.keys.set(key.name, new Map());
  }

  get logicalName(): string {
    return this.schema.logicalName;
  }

  /** The attribute a `_x_value` name or logical name refers to. */
  attribute(name: string): AttributeSchema | undefined {
    const m = /^_(.+)_value$/.exec(name);
    return this.attributes.get(m ? m[1] : name);
  }
}

function keyTuple(values: unknown[]): string | undefined {
  if (values.some((v) => v === null || v === undefined)) return undefined;
  return JSON.stringify(values.map((v) => {
    if (typeof v === "string") return v.toLowerCase();
    if (v && typeof v === "object" && "id" in v) return (v as LookupValue).id;
    return v;
  }));
}

/** All tables of one emulated org. */
export class DataverseStore {
  readonly tables: Map<string, TableData> = new Map();
  readonly #bySet = new Map<string, TableData>();
  readonly #now: () => number;
  #version = 1_000_000;
  // The undo journal of the transaction the current async call chain runs in. Concurrent requests
  // (two $batch change sets in flight) each get their own, so one's rollback never undoes the other's work.
  readonly #transactions = new AsyncLocalStorage<(() => void)[]>();

  get #journal(): (() => void)[] | undefined {
    return this.#transactions.getStore();
  }
  /** Called after every committed change (persistence). */
  onChange?: () => void;

  constructor(schema: DataverseSchema, now: () => number = () => Date.now()) {
    this.#now = now;
    for (const t of schema.tables) {
      const data = new TableData(t);
      this.tables.set(t.logicalName, data);
      this.#bySet.set(t.entitySetName.toLowerCase(), data);
    }
  }

  /** The org's clock (epoch ms): the same one that stamps createdon and modifiedon. */
  now(): number {
    return this.#now();
  }

  /** The table behind an entity set name (case-insensitive, as Dataverse). */
  bySet(entitySet: string): TableData | undefined {
    return this.#bySet.get(entitySet.toLowerCase());
  }

  /** The table with a logical name. */
  table(logicalName: string): TableData | undefined {
    return this.tables.get(logicalName);
  }

  /**
   * Finds a record by the key properties of a URL; throws Dataverse's 400 when they match no defined key
   * or a value is not its column's literal (see keys.ts).
   */
  findByKey(table: TableData, key: Record<string, KeyLiteral>): string | undefined {
    return this.findMatched(table, matchKey(table, key));
  }

  /** The id of the record a matched key addresses, or undefined when there is none. */
  findMatched(table: TableData, key: MatchedKey): string | undefined {
    if ("id" in key) return table.records.has(key.id) ? key.id : undefined;
    const def = table.schema.alternateKeys?.find((k) => k.name === key.name);
    const tuple = def ? keyTuple(def.attributes.map((a) => key.values[a])) : undefined;
    return tuple === undefined ? undefined : table.keys.get(key.name)?.get(tuple);
  }

  /** Runs `fn` so that every change it makes is undone when it throws. */
  async transaction<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.#journal) return await fn();
    const journal: (() => void)[] = [];
    try {
      const result = await this.#transactions.run(journal, fn);
      this.onChange?.();
      return result;
    } catch (error) {
      for (const undo of journal.reverse()) undo();
      throw error;
    }
  }

  #changed(): void {
    if (!this.#journal) this.onChange?.();
  }

  #checkKeys(table: TableData, id: string, values: Record<string, unknown>): void {
    for (const def of table.schema.alternateKeys ?? []) {
      const tuple = keyTuple(def.attributes.map((a) => values[a]));
      if (tuple === undefined) continue;
      const owner = table.keys.get(def.name)?.get(tuple);
      if (owner !== undefined && owner !== id) {
        const shown = def.attributes.map((a) => String(values[a])).join(", ");
        throw new DvError(
          412,
          CODES.duplicateKey,
          `A record that has the attribute values ${shown} already exists. The entity key ${def.name} requires ` +
            `that this set of attributes contains unique values. Select unique values and try again.`,
        );
      }
    }
  }

  #index(table: TableData, record: StoredRecord, add: boolean): void {
    for (const def of table.schema.alternateKeys ?? []) {
      const tuple = keyTuple(def.attributes.map((a) => record.values[a]));
      if (tuple === undefined) continue;
      const index = table.keys.get(def.name)!;
      if (add) index.set(tuple, record.id);
      else if (index.get(tuple) === record.id) index.delete(tuple);
    }
  }

  #computed(table: TableData, values: Record<string, unknown>): void {
    const fullname = table.attributes.get("fullname");
    if (fullname?.readOnly && table.attributes.has("firstname") && table.attributes.has("lastname")) {
      values.fullname = [values.firstname, values.lastname].filter((v) =>
        typeof v === "string" && v
      ).join(" ") ||
        null;
    }
  }

  /** Inserts a record; 412 when the id or an alternate key is taken. */
  insert(table: TableData, id: string, values: Record<string, unknown>, trusted = false): StoredRecord {
    if (table.records.has(id)) {
      throw new DvError(412, CODES.duplicate, "A record with matching key values already exists.");
    }
    const now = formatDateTime(this.#now());
    const version = ++this.#version;
    const all: Record<string, unknown> = { statecode: 0, ...values };
    all[table.schema.primaryIdAttribute] = id;
    if (!trusted || all.createdon === undefined) all.createdon = now;
    if (!trusted || all.modifiedon === undefined) all.modifiedon = now;
    all.versionnumber = version;
    this.#computed(table, all);
    this.#checkKeys(table, id, all);
    const record: StoredRecord = { id, values: all, version };
    table.records.set(id, record);
    this.#index(table, record, true);
    table.mutations++;
    this.#journal?.push(() => {
      this.#index(table, record, false);
      table.records.delete(id);
      table.mutations++;
    });
    this.#changed();
    return record;
  }

  /** Applies changes to an existing record. */
  update(table: TableData, id: string, changes: Record<string, unknown>): StoredRecord {
    const record = table.records.get(id);
    if (!record) {
      throw new DvError(404, CODES.notFound, `${table.logicalName} With Id = ${id} Does Not Exist`);
    }
    const before = { values: record.values, version: record.version };
    const values = { ...record.values, ...changes };
    this.#computed(table, values);
    this.#checkKeys(table, id, values);
    this.#index(table, record, false);
    record.values = values;
    record.version = ++this.#version;
    values.versionnumber = record.version;
    values.modifiedon = formatDateTime(this.#now());
    this.#index(table, record, true);
    table.mutations++;
    this.#journal?.push(() => {
      this.#index(table, record, false);
      record.values = before.values;
      record.version = before.version;
      this.#index(table, record, true);
      table.mutations++;
    });
    this.#changed();
    return record;
  }

  /** Deletes a record and clears lookups that pointed at it. */
  remove(table: TableData, id: string): void {
    const record = table.records.get(id);
    if (!record) {
      throw new DvError(404, CODES.notFound, `${table.logicalName} With Id = ${id} Does Not Exist`);
    }
    this.#index(table, record, false);
    table.records.delete(id);
    table.mutations++;
    const cleared: { t: TableData; r: StoredRecord; column: string; value: LookupValue }[] = [];
    for (const t of this.tables.values()) {
      const columns = t.schema.attributes.filter((a) => a.targets?.includes(table.logicalName));
      if (!columns.length) continue;
      for (const r of t.records.values()) {
        for (const a of columns) {
          const v = r.values[a.logicalName] as LookupValue | null | undefined;
          if (v && v.id === id && v.table === table.logicalName) {
            cleared.push({ t, r, column: a.logicalName, value: v });
            r.values = { ...r.values, [a.logicalName]: null };
            t.mutations++;
          }
        }
      }
    }
    this.#journal?.push(() => {
      for (const c of cleared) c.r.values = { ...c.r.values, [c.column]: c.value };
      table.records.set(id, record);
      this.#index(table, record, true);
      table.mutations++;
    });
    this.#changed();
  }

  /** Number of records over all tables. */
  get size(): number {
    let n = 0;
    for (const t of this.tables.values()) n += t.records.size;
    return n;
  }
}
