/**
 * Seed and persistence files: `{ "<entityset>": [ {record in Web API shape}, … ] }`, lookups written as
 * `nav@odata.bind`. Loading happens in two passes so records may point at records later in the file.
 * Saving is atomic (temporary file in the same folder, then rename).
 *
 * Permissions: `--allow-read` / `--allow-write` for the files used.
 *
 * @module
 */

import { DvError } from "./errors.ts";
import { readPayload } from "./records.ts";
import { isLookup, navigationOf } from "./schema.ts";
import type { DataverseStore, LookupValue } from "./store.ts";
import { isGuid } from "./values.ts";

/** Records per entity set. */
export type SeedData = Record<string, Record<string, unknown>[]>;

/** A seed file that cannot be loaded; the message says which record and why. */
export class SeedError extends Error {
  override name = "SeedError";
}

/** Loads records into the store (ids kept; createdon / modifiedon kept when present). */
export function loadSeed(store: DataverseStore, seed: unknown): number {
  if (!seed || typeof seed !== "object" || Array.isArray(seed)) {
    throw new SeedError('A data file is a JSON object: { "accounts": [ { "name": "Contoso" } ] }.');
  }
  const pending: { set: string; index: number; id: string; binds: Record<string, unknown> }[] = [];
  let count = 0;
  for (const [set, records] of Object.entries(seed as SeedData)) {
    const table = store.bySet(set);
    if (!table) throw new SeedError(`Unknown entity set '${set}' in the data file.`);
    if (!Array.isArray(records)) {
      throw new SeedError(`'${set}' in the data file must be an array of records.`);
    }
    for (const [index, record] of records.entries()) {
      const where = `${set}[${index}]`;
      if (!record || typeof record !== "object") throw new SeedError(`${where} is not an object.`);
      const plain: Record<string, unknown> = {};
      const binds: Record<string, unknown> = {};
      const trusted: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(record)) {
        if (name.endsWith("@odata.bind")) binds[name] = value;
        else if (/^_.+_value$/.test(name)) {
          const attribute = table.attribute(name);
          if (!attribute || !isLookup(attribute)) throw new SeedError(`${where}: unknown lookup ${name}.`);
          if (value !== null) {
            const target = store.table(attribute.targets![0])!;
            binds[`${navigationOf(attribute, target.logicalName)}@odata.bind`] =
              `/${target.schema.entitySetName}(${value})`;
          }
        } else if (name === "createdon" || name === "modifiedon") trusted[name] = value;
        else if (!name.includes("@") && name !== "versionnumber") plain[name] = value;
      }
      const pk = table.schema.primaryIdAttribute;
      const id = plain[pk] ?? crypto.randomUUID();
      if (!isGuid(id)) throw new SeedError(`${where}: ${pk} '${id}' is not a GUID.`);
      delete plain[pk];
      try {
        const values = readPayload(store, table, plain);
        store.insert(table, id.toLowerCase(), { ...values, ...trusted }, true);
      } catch (error) {
        throw new SeedError(`${where}: ${error instanceof DvError ? error.message : error}`);
      }
      if (Object.keys(binds).length) pending.push({ set, index, id: id.toLowerCase(), binds });
      count++;
    }
  }
  for (const p of pending) {
    const table = store.bySet(p.set)!;
    try {
      const values = readPayload(store, table, p.binds);
      const record = table.records.get(p.id)!;
      record.values = { ...record.values, ...values };
      table.mutations++;
    } catch (error) {
      throw new SeedError(`${p.set}[${p.index}]: ${error instanceof DvError ? error.message : error}`);
    }
  }
  return count;
}

/** All records in seed form, so `--persist` files can be used as `--data` files. */
export function dumpSeed(store: DataverseStore): SeedData {
  const out: SeedData = {};
  for (const table of store.tables.values()) {
    const rows: Record<string, unknown>[] = [];
    for (const record of table.records.values()) {
      const row: Record<string, unknown> = {};
      for (const attribute of table.schema.attributes) {
        const value = record.values[attribute.logicalName];
        if (value === null || value === undefined || attribute.logicalName === "versionnumber") continue;
        if (isLookup(attribute)) {
          const lookup = value as LookupValue;
          const target = store.table(lookup.table)!;
          row[`${navigationOf(attribute, lookup.table)}@odata.bind`] =
            `/${target.schema.entitySetName}(${lookup.id})`;
        } else if (!(attribute.readOnly && attribute.logicalName === "fullname")) {
          row[attribute.logicalName] = value;
        }
      }
      rows.push(row);
    }
    out[table.schema.entitySetName] = rows;
  }
  return out;
}
