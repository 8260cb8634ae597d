/**
 * The entity set a user meant when Dataverse answered "Resource not found for the segment 'X'": the set
 * of the table whose logical name is X (`account` -> `accounts`), else the closest set name (`acounts`).
 *
 * @module
 */

import type { DataverseClient } from "./client.ts";
import { closestMatches } from "../text/edit_distance.ts";

/** The segment name of a Dataverse "Resource not found for the segment 'X'." message, if it is one. */
export function missingSegment(message: string): string | undefined {
  return /Resource not found for the segment '([^'/]+)'/.exec(message)?.[1];
}

/** What `name` should have been: the entity set and why; undefined when nothing is close. */
export async function entitySetSuggestion(
  client: DataverseClient,
  name: string,
): Promise<{ entitySet: string; logicalName: string; reason: "logical-name" | "similar" } | undefined> {
  const all = (await client.metadata.tables()).filter((t) => t.EntitySetName);
  const exact = all.find((t) =>
    t.LogicalName.toLowerCase() === name.toLowerCase() && t.EntitySetName !== name
  );
  if (exact) {
    return { entitySet: exact.EntitySetName, logicalName: exact.LogicalName, reason: "logical-name" };
  }
  const sets = all.find((t) => t.EntitySetName.toLowerCase() === name.toLowerCase());
  if (sets) return { entitySet: sets.EntitySetName, logicalName: sets.LogicalName, reason: "similar" };
  const [closest] = closestMatches(name, all.map((t) => t.EntitySetName));
  const table = closest ? all.find((t) => t.EntitySetName === closest) : undefined;
  return table
    ? { entitySet: table.EntitySetName, logicalName: table.LogicalName, reason: "similar" }
    : undefined;
}
