/**
 * What a bulk load needs to know about a table: its logical name and primary id, its columns and their
 * types, the options of its choice columns, the entity sets of its lookup targets and, when rows are
 * addressed by alternate key, the table's keys. Read through the client's metadata cache
 * (`client.metadata`), so a table is read once per client and lookup targets come in one request.
 *
 * @module
 */

import type { DataverseClient } from "../client.ts";
import { requireTable } from "../keys.ts";
import type { TableMetadata } from "./columns.ts";

/**
 * Loads the metadata of the table behind `entitySet`; NotFoundError when there is no such table. With
 * `keys`, the table's alternate keys are read too (one more request). Requests: the table, then its
 * columns, choices (and keys) side by side, then the entity sets of all lookup targets at once.
 */
export async function loadTableMetadata(
  client: DataverseClient,
  entitySet: string,
  options: { keys?: boolean } = {},
): Promise<TableMetadata> {
  const cache = client.metadata;
  const entity = await requireTable(client, entitySet);
  const [attributes, choices, keys] = await Promise.all([
    cache.attributes(entity.LogicalName),
    cache.choices(entity.LogicalName),
    options.keys ? cache.alternateKeys(entity.LogicalName) : undefined,
  ]);
  const targetSets = await cache.entitySets(attributes.flatMap((a) => a.Targets ?? []));
  const meta: TableMetadata = { entity, attributes, choices, targetSets };
  if (keys) meta.keys = keys;
  return meta;
}
