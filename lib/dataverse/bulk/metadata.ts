/**
 * Reads what a bulk load needs to know about a table: its logical name and primary id, its columns and
 * their types, the options of its choice columns and the entity sets of its lookup targets.
 *
 * @module
 */

import { NotFoundError } from "../../errors.ts";
import type { DataverseClient } from "../client.ts";
import type { TableMetadata } from "./columns.ts";

/** Loads the metadata of the table behind `entitySet`; NotFoundError when there is no such table. */
export async function loadTableMetadata(client: DataverseClient, entitySet: string): Promise<TableMetadata> {
  const entity = await client.entity(entitySet);
  if (!entity || entity.EntitySetName !== entitySet) {
    throw new NotFoundError(`There is no table with the entity set name '${entitySet}'.`, {
      hint: entity
        ? `Use the entity set name ${entity.EntitySetName} (not the logical name).`
        : "Entity set names are plural, e.g. accounts, contacts.",
    });
  }
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
  return { entity, attributes, choices, targetSets };
}
