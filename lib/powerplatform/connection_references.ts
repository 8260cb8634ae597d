/**
 * Connection references of a solution (Dataverse `connectionreferences`), and the check CI runs before an
 * import: every reference bound to a connection. The solution's references are found through its
 * `solutioncomponents` rows (any component whose object is a connection reference), because connection
 * references are not a navigation property of `solutions`.
 *
 * @module
 */

import type { DataverseClient } from "../dataverse/client.ts";
import { command, ExitCode, phrase, PpxError } from "../errors.ts";
import { listComponents } from "../solutions/lifecycle/solutions.ts";

/** One connection reference. */
export interface ConnectionReference {
  /** `connectionreferenceid`. */
  id: string;
  /** `connectionreferencelogicalname`, the name deployment settings use. */
  logicalName: string;
  /** `connectionreferencedisplayname`. */
  displayName?: string;
  /** The connector, e.g. `/providers/Microsoft.PowerApps/apis/shared_sharepointonline`. */
  connectorId?: string;
  /** The bound connection; undefined when the reference is unbound. */
  connectionId?: string;
}

/** Some references of a solution have no connection. Exit 1, naming them. */
export class UnboundConnectionReferencesError extends PpxError {
  /** The unbound references. */
  readonly unbound: ConnectionReference[];
  /** Names each unbound reference by logical name. */
  constructor(solution: string, unbound: ConnectionReference[]) {
    super(
      "connection.unbound",
      `${unbound.length} connection reference${unbound.length === 1 ? "" : "s"} of ${solution} ` +
        `${unbound.length === 1 ? "has" : "have"} no connection: ${
          unbound.map((r) => r.logicalName).join(", ")
        }.`,
      ExitCode.Failure,
      {
        hint:
          phrase`Bind them in the target environment, or pass a deployment-settings file to the import (\`${
            command("solution", "create-settings")
          }\`).`,
      },
    );
    this.unbound = unbound;
  }
}

const SELECT = [
  "connectionreferenceid",
  "connectionreferencelogicalname",
  "connectionreferencedisplayname",
  "connectorid",
  "connectionid",
];

/** The connection references of a solution (by unique name), sorted by logical name. */
export async function solutionConnectionReferences(
  client: DataverseClient,
  solution: string,
): Promise<ConnectionReference[]> {
  const ids = [...new Set((await listComponents(client, solution)).map((c) => c.objectId.toLowerCase()))];
  const out: ConnectionReference[] = [];
  for (let i = 0; i < ids.length; i += 25) {
    const filter = ids.slice(i, i + 25).map((id) => `connectionreferenceid eq ${id}`).join(" or ");
    for await (
      const page of client.pages("connectionreferences", { select: SELECT, filter }, { all: true })
    ) {
      for (const r of page.records) {
        const s = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
        out.push({
          id: String(r.connectionreferenceid),
          logicalName: String(r.connectionreferencelogicalname ?? r.connectionreferenceid),
          displayName: s(r.connectionreferencedisplayname),
          connectorId: s(r.connectorid),
          connectionId: s(r.connectionid),
        });
      }
    }
  }
  return out.sort((a, b) => a.logicalName.localeCompare(b.logicalName));
}

/** Returns the references when all are bound; throws UnboundConnectionReferencesError otherwise. */
export function requireBound(solution: string, refs: ConnectionReference[]): ConnectionReference[] {
  const unbound = refs.filter((r) => !r.connectionId || !r.connectorId);
  if (unbound.length) throw new UnboundConnectionReferencesError(solution, unbound);
  return refs;
}
