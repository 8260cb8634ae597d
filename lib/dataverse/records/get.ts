/**
 * `getRecord`: one record by id or alternate key (the use-case behind `ppx dv get`).
 *
 * @module
 */

import type { DataverseClient, DataverseRecord } from "../client.ts";
import { typeRecordRef } from "../keys.ts";

/** A record address as the user gave it: an id, or alternate-key values still as text. */
export type GivenRef = { id: string } | { key: Record<string, string> };

/** What `getRecord` needs. */
export interface RecordDeps {
  /** A client for the org. */
  client: DataverseClient;
}

/** Options of {@link getRecord}. */
export interface GetRecordOptions {
  /** The table's entity set name, e.g. `accounts`. */
  entitySet: string;
  /** The record: its id, or alternate-key values typed from the table's metadata when needed. */
  ref: GivenRef;
  /** Columns to return (all when empty). */
  select?: string[];
  /** Navigation properties to expand. */
  expand?: string[];
  /** Include formatted values and lookup annotations. */
  annotations?: boolean;
}

/** Reads the record; the `@odata.context` annotation is dropped (it names the query, not the record). */
export async function getRecord(options: GetRecordOptions, deps: RecordDeps): Promise<DataverseRecord> {
  const ref = await typeRecordRef(deps.client, options.entitySet, options.ref);
  const record = await deps.client.get(options.entitySet, ref, {
    select: options.select,
    expand: options.expand,
    annotations: options.annotations,
  });
  const { "@odata.context": _context, ...rest } = record;
  return rest;
}
