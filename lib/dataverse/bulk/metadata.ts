/**
 * Reads what a bulk load needs to know about a table: its logical name and primary id, its columns and
 * their types, the options of its choice columns, the entity sets of its lookup targets and, when rows are
 * addressed by alternate key, the table's keys.
 *
 * @module
 */

import type { DataverseClient } from "../client.ts";
import { requireTable } from "../keys.ts";
import type { TableMetadata } from "./columns.ts";

/**
 * Loads the metadata of the table behind `entitySet`; NotFoundError when there is no such table. With
 * `keys`, the table's alternate keys are read too (one more request).
 */
export async function loadTableMetadata(
  client: DataverseClient,
  entitySet: string,
  options: { keys?: boolean } = {},
): Promise<TableMetadata> {
  const entity = await requireTable(client, entitySet);
  const attributes = await client.attributes(entity.LogicalName);
  const choices = await client.choices(entity.LogicalName);
  const targetSets = new Map<string, string>();
  for (const a of attributes) {
    for (const target of a.Targets ?? []) {
      if (targetSets.has(target)) continue;
      const t = await client.entity(target);
      if (t) targetSets.set(target, t.EntitySetName);
    }
  }
  const meta: TableMetadata = { entity, attributes, choices, targetSets };
  if (options.keys) meta.keys = await client.alternateKeys(entity.LogicalName);
  return meta;
}
