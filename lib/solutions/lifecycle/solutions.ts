/**
 * Solution records: list, look up by unique name, delete, set the version, publish, components and
 * dependencies, through the `solutions` / `solutioncomponents` tables and the documented functions.
 *
 * @module
 */

import type { DataverseClient, DataverseRecord } from "../../dataverse/client.ts";
import { NotFoundError } from "../../errors.ts";
import { advised } from "../advice.ts";
import { callAction, callFunction } from "./api.ts";

/** A solution as `list` shows it. */
export interface SolutionSummary {
  id: string;
  uniqueName: string;
  friendlyName: string;
  version: string;
  managed: boolean;
  installedOn?: string;
}

/** Solutions Dataverse creates itself; hidden unless asked for. */
const SYSTEM = new Set(["default", "active", "basic"]);

function summary(r: DataverseRecord): SolutionSummary {
  return {
    id: String(r.solutionid),
    uniqueName: String(r.uniquename),
    friendlyName: String(r.friendlyname ?? ""),
    version: String(r.version ?? ""),
    managed: r.ismanaged === true,
    ...(typeof r.installedon === "string" ? { installedOn: r.installedon } : {}),
  };
}

const COLUMNS = ["solutionid", "uniquename", "friendlyname", "version", "ismanaged", "installedon"];

/** Lists solutions, sorted by unique name. Without includeSystem: visible, non-system ones only. */
export async function listSolutions(
  client: DataverseClient,
  options: { includeSystem?: boolean } = {},
): Promise<SolutionSummary[]> {
  const out: SolutionSummary[] = [];
  const filter = options.includeSystem ? undefined : "isvisible eq true";
  for await (const page of client.pages("solutions", { select: COLUMNS, filter }, { all: true })) {
    for (const r of page.records) {
      const s = summary(r);
      if (!options.includeSystem && SYSTEM.has(s.uniqueName.toLowerCase())) continue;
      out.push(s);
    }
  }
  return out.sort((a, b) => a.uniqueName.localeCompare(b.uniqueName));
}

/** Finds a solution by unique name; NotFoundError (exit 5) when there is none. */
export async function findSolution(client: DataverseClient, uniqueName: string): Promise<SolutionSummary> {
  const filter = `uniquename eq '${uniqueName.replace(/'/g, "''")}'`;
  for await (const page of client.pages("solutions", { select: COLUMNS, filter })) {
    if (page.records[0]) return summary(page.records[0]);
  }
  throw advised(
    new NotFoundError(`No solution named ${uniqueName} in this environment.`, {
      hint: "Check the unique name against the installed solutions (unique names, not display names).",
    }),
    { kind: "unique-name", when: "find" },
  );
}

/** Deletes (uninstalls) a solution by unique name; returns what was deleted. */
export async function deleteSolution(client: DataverseClient, uniqueName: string): Promise<SolutionSummary> {
  const s = await findSolution(client, uniqueName);
  await client.delete("solutions", { id: s.id });
  return s;
}

/** Sets the version of a solution on the server. */
export async function setServerVersion(
  client: DataverseClient,
  uniqueName: string,
  version: string,
): Promise<{ previous: string; version: string }> {
  const s = await findSolution(client, uniqueName);
  await client.update("solutions", { id: s.id }, { version });
  return { previous: s.version, version };
}

/** Publishes all customizations (PublishAllXml). */
export async function publishAll(client: DataverseClient): Promise<void> {
  await callAction(client, "PublishAllXml");
}

/** A solution component. */
export interface SolutionComponent {
  id: string;
  objectId: string;
  componentType: number;
  rootComponentBehavior?: number;
}

/** Components of a solution, optionally of one component type. */
export async function listComponents(
  client: DataverseClient,
  uniqueName: string,
  options: { type?: number } = {},
): Promise<SolutionComponent[]> {
  const s = await findSolution(client, uniqueName);
  const filter = `_solutionid_value eq ${s.id}` +
    (options.type !== undefined ? ` and componenttype eq ${options.type}` : "");
  const out: SolutionComponent[] = [];
  const select = ["solutioncomponentid", "objectid", "componenttype", "rootcomponentbehavior"];
  for await (const page of client.pages("solutioncomponents", { select, filter }, { all: true })) {
    for (const r of page.records) {
      out.push({
        id: String(r.solutioncomponentid),
        objectId: String(r.objectid),
        componentType: Number(r.componenttype),
        ...(typeof r.rootcomponentbehavior === "number"
          ? { rootComponentBehavior: r.rootcomponentbehavior }
          : {}),
      });
    }
  }
  return out;
}

/** A dependency record (the `dependency` table's columns as the functions return them). */
export type Dependency = Record<string, unknown>;

/** Which dependencies to ask for. */
export type DependencyKind = "missing" | "uninstall";

/**
 * Dependencies of a solution: `missing` = required components not in the org
 * (RetrieveMissingDependencies), `uninstall` = components that block deleting it
 * (RetrieveDependenciesForUninstall).
 */
export async function dependencies(
  client: DataverseClient,
  uniqueName: string,
  kind: DependencyKind = "missing",
): Promise<Dependency[]> {
  await findSolution(client, uniqueName);
  const name = kind === "missing" ? "RetrieveMissingDependencies" : "RetrieveDependenciesForUninstall";
  const answer = await callFunction<Record<string, unknown>>(client, name, "SolutionUniqueName", uniqueName);
  const list = answer.EntityCollection ?? answer.value;
  return Array.isArray(list) ? list as Dependency[] : [];
}

/** Renders dependencies as a Graphviz digraph (dependent -> required). */
export function dependenciesDot(deps: Dependency[]): string {
  const label = (d: Dependency, role: "dependent" | "required") => {
    for (const key of [`${role}componentname`, `${role}componentlogicalname`, `${role}componentobjectid`]) {
      const v = d[key];
      if (typeof v === "string" && v !== "") return v;
    }
    return role;
  };
  const q = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  const lines = deps.map((d) => `  ${q(label(d, "dependent"))} -> ${q(label(d, "required"))};`);
  return `digraph dependencies {\n${lines.join("\n")}${lines.length ? "\n" : ""}}\n`;
}
