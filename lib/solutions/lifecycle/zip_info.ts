/**
 * What a solution zip or an unpacked SolutionPackager folder declares: its name, version, managed flag,
 * connection references and environment variable definitions. Read by `create-settings` and by the
 * emulator when it imports a zip.
 *
 * @module
 */

import { join } from "node:path";
import { ValidationError } from "../../errors.ts";
import { advised } from "../advice.ts";
import { solutionRoots } from "../packager/detect.ts";
import { openZip } from "../zip/read.ts";
import { parseXmlBytes } from "../xml/parse.ts";
import { attr, childElements, childText, findChild, textOf, type XElement } from "../xml/dom.ts";

/** A connection reference the solution carries. */
export interface ConnectionReferenceInfo {
  logicalName: string;
  connectorId: string;
}

/** An environment variable definition the solution carries. */
export interface EnvironmentVariableInfo {
  schemaName: string;
  /** The definition's type code (100000000 string, ... 100000005 secret), when given. */
  type?: string;
}

/** The manifest and the deployment-relevant components of a solution. */
export interface SolutionContents {
  uniqueName: string;
  version: string;
  managed: boolean;
  connectionReferences: ConnectionReferenceInfo[];
  environmentVariables: EnvironmentVariableInfo[];
  /** Entity (table) names from customizations.xml. */
  entities: string[];
}

function manifestOf(solution: XElement, label: string) {
  const manifest = findChild(solution, "SolutionManifest");
  const uniqueName = manifest && childText(manifest, "UniqueName")?.trim();
  if (!manifest || !uniqueName) {
    throw advised(
      new ValidationError(`${label} has no SolutionManifest/UniqueName.`, {
        hint: "Pass a solution exported from Dataverse or packed from its source folder.",
      }),
      { kind: "not-a-solution" },
    );
  }
  return {
    uniqueName,
    version: childText(manifest, "Version")?.trim() ?? "",
    managed: childText(manifest, "Managed")?.trim() === "1",
  };
}

function fromCustomizations(root: XElement | undefined) {
  const connectionReferences: ConnectionReferenceInfo[] = [];
  const entities: string[] = [];
  if (!root) return { connectionReferences, entities };
  for (const ref of childElements(findChild(root, "connectionreferences") ?? root)) {
    if (ref.name !== "connectionreference") continue;
    const logicalName = attr(ref, "connectionreferencelogicalname");
    if (logicalName) {
      connectionReferences.push({ logicalName, connectorId: childText(ref, "connectorid") ?? "" });
    }
  }
  for (const entity of childElements(findChild(root, "Entities") ?? root)) {
    if (entity.name !== "Entity") continue;
    const name = childText(entity, "Name");
    if (name) entities.push(name.trim());
  }
  return { connectionReferences, entities };
}

function variableOf(el: XElement): EnvironmentVariableInfo | undefined {
  const schemaName = attr(el, "schemaname");
  if (!schemaName) return undefined;
  const type = findChild(el, "type");
  return { schemaName, ...(type ? { type: textOf(type).trim() } : {}) };
}

const ENV_DEF = /^environmentvariabledefinitions\/[^/]+\/environmentvariabledefinition\.xml$/i;

/** Reads a solution zip (the checks of `unpack` apply: zip-slip, bombs, non-solution zips). */
export async function readSolutionZip(path: string, label = path): Promise<SolutionContents> {
  const zip = await openZip(path, label);
  try {
    const roots = solutionRoots(zip.entries, label);
    const solution = parseXmlBytes(await zip.read(roots.solution), `${label}: solution.xml`);
    const custom = parseXmlBytes(await zip.read(roots.customizations), `${label}: customizations.xml`);
    const environmentVariables: EnvironmentVariableInfo[] = [];
    for (const entry of zip.entries) {
      if (!ENV_DEF.test(entry.path)) continue;
      const v = variableOf(parseXmlBytes(await zip.read(entry), `${label}: ${entry.path}`).root);
      if (v) environmentVariables.push(v);
    }
    return {
      ...manifestOf(solution.root, label),
      ...fromCustomizations(custom.root),
      environmentVariables: sortBy(environmentVariables, (v) => v.schemaName),
    };
  } finally {
    zip.close();
  }
}

/** Reads an unpacked SolutionPackager folder (the one holding `Other/`). */
export async function readSolutionFolder(folder: string): Promise<SolutionContents> {
  const entries = await caseInsensitiveList(folder);
  const find = (rel: string) => entries.get(rel.toLowerCase());
  const solutionPath = find("Other/Solution.xml");
  if (!solutionPath) {
    throw advised(
      new ValidationError(`${folder} has no Other/Solution.xml.`, {
        hint: "Pass the folder the solution was unpacked to (the one that holds Other/).",
      }),
      { kind: "unpacked-folder" },
    );
  }
  const read = async (rel: string) => parseXmlBytes(await Deno.readFile(join(folder, rel)), rel);
  const solution = await read(solutionPath);
  const customPath = find("Other/Customizations.xml");
  const custom = customPath ? await read(customPath) : undefined;
  const environmentVariables: EnvironmentVariableInfo[] = [];
  for (const [lower, rel] of entries) {
    if (!ENV_DEF.test(lower)) continue;
    const v = variableOf((await read(rel)).root);
    if (v) environmentVariables.push(v);
  }
  return {
    ...manifestOf(solution.root, `${folder}/${solutionPath}`),
    ...fromCustomizations(custom?.root),
    environmentVariables: sortBy(environmentVariables, (v) => v.schemaName),
  };
}

function sortBy<T>(list: T[], key: (t: T) => string): T[] {
  return list.sort((a, b) => key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

async function caseInsensitiveList(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (rel: string) => {
    for await (const e of Deno.readDir(rel ? join(root, rel) : root)) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory) await walk(path);
      else if (e.isFile) out.set(path.toLowerCase(), path);
    }
  };
  try {
    await walk("");
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new ValidationError(`The folder ${root} does not exist.`, { hint: "Check the path." });
    }
    throw error;
  }
  return out;
}
