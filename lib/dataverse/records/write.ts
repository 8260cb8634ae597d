/**
 * `updateRecord`, `upsertRecord`, `deleteRecord` and `whoAmI`: the use-cases behind `ppx dv update`, `upsert`,
 * `delete` and `whoami`.
 *
 * @module
 */

import type { DataverseRecord, UpsertMode, WhoAmI } from "../client.ts";
import { typeRecordRef } from "../keys.ts";
import type { RecordRef } from "../odata.ts";
import type { GivenRef, RecordDeps } from "./get.ts";

/** Options of {@link updateRecord} and {@link upsertRecord}. */
export interface WriteRecordOptions {
  /** The table's entity set name, e.g. `accounts`. */
  entitySet: string;
  /** The record: its id, or alternate-key values typed from the table's metadata when needed. */
  ref: GivenRef;
  /** The column values to write. */
  data: DataverseRecord;
}

/** What a write touched: the record's id (when known) and URL; for upserts, whether it was created. */
export interface WrittenRecord {
  /** The record's id, lower case, when the service said or the caller gave it. */
  id?: string;
  /** The record's URL (`OData-EntityId`). */
  entityId?: string;
  /** Upserts: true when the record was created, false when an existing one was updated. */
  created?: boolean;
}

/** Updates an existing record (never creates one: `If-Match: *`). */
export async function updateRecord(options: WriteRecordOptions, deps: RecordDeps): Promise<WrittenRecord> {
  const ref = await typeRecordRef(deps.client, options.entitySet, options.ref);
  const result = await deps.client.update(options.entitySet, ref, options.data);
  return { id: result.id ?? ("id" in options.ref ? options.ref.id : undefined), entityId: result.entityId };
}

/** Creates the record if it is missing, otherwise updates it (`mode` restricts it to one of the two). */
export async function upsertRecord(
  options: WriteRecordOptions & { mode?: UpsertMode },
  deps: RecordDeps,
): Promise<WrittenRecord & { created: boolean }> {
  const ref = await typeRecordRef(deps.client, options.entitySet, options.ref);
  const result = await deps.client.upsert(options.entitySet, ref, options.data, {
    mode: options.mode ?? "upsert",
    returnRecord: true,
  });
  // Dataverse sends no OData-EntityId with a representation: the id is the record's own GUID column.
  const id = result.id ??
    Object.entries(result.record ?? {}).find(([k, v]) =>
      k.endsWith("id") && !k.startsWith("_") && typeof v === "string" && /^[0-9a-f-]{36}$/.test(v)
    )?.[1] as string | undefined;
  return { id, created: result.created === true, entityId: result.entityId };
}

/**
 * Types the address of a record to delete (a key that cannot match fails here, before any question is
 * asked); `deleteRecord` then deletes it.
 */
export function resolveRecord(
  options: { entitySet: string; ref: GivenRef },
  deps: RecordDeps,
): Promise<RecordRef> {
  return typeRecordRef(deps.client, options.entitySet, options.ref);
}

/** Deletes the record `resolveRecord` addressed. */
export async function deleteRecord(entitySet: string, ref: RecordRef, deps: RecordDeps): Promise<void> {
  await deps.client.delete(entitySet, ref);
}

/** The signed-in user, business unit and org ids. */
export function whoAmI(deps: RecordDeps): Promise<WhoAmI> {
  return deps.client.whoAmI();
}
