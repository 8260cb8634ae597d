/**
 * `createRecord`: a new record (the use-case behind `ppx dv create`).
 *
 * @module
 */

import type { DataverseRecord } from "../client.ts";
import type { RecordDeps } from "./get.ts";

/** Options of {@link createRecord}. */
export interface CreateRecordOptions {
  /** The table's entity set name, e.g. `accounts`. */
  entitySet: string;
  /** The column values of the new record. */
  data: DataverseRecord;
  /** Ask for the created record back (`Prefer: return=representation`). */
  returnRecord?: boolean;
}

/** What was created: the id and its URL, and the record itself when asked for. */
export interface CreatedRecord {
  /** The new record's id (lower case), when the service sent its URL. */
  id?: string;
  /** The new record's URL (`OData-EntityId`). */
  entityId?: string;
  /** The created record (with `returnRecord`), without `@odata.context`. */
  record?: DataverseRecord;
}

/** Creates the record. */
export async function createRecord(options: CreateRecordOptions, deps: RecordDeps): Promise<CreatedRecord> {
  const result = await deps.client.create(options.entitySet, options.data, {
    returnRecord: options.returnRecord,
  });
  let record: DataverseRecord | undefined;
  if (options.returnRecord && result.record) {
    const { "@odata.context": _context, ...rest } = result.record;
    record = rest;
  }
  return { id: result.id, entityId: result.entityId, ...(record ? { record } : {}) };
}
