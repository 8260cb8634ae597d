/**
 * The read-only solution use-cases (`run(options, deps)`): the solutions installed in an org, one
 * solution's components, its dependencies, and whether any are missing.
 *
 * @module
 */

import type { DataverseClient } from "../../dataverse/client.ts";
import {
  dependencies,
  type Dependency,
  listComponents,
  listSolutions,
  type SolutionComponent,
  type SolutionSummary,
} from "./solutions.ts";

/** What every Dataverse solution use-case needs: a client for the org. */
export interface SolutionDeps {
  /** The org's Dataverse client. */
  client: DataverseClient;
}

/** Options of {@link listInstalledSolutions}. */
export interface ListSolutionsOptions {
  /** Include Default, Active, Basic and hidden solutions. */
  includeSystem?: boolean;
}

/** The solutions installed in the org, sorted by unique name. */
export function listInstalledSolutions(
  options: ListSolutionsOptions,
  deps: SolutionDeps,
): Promise<SolutionSummary[]> {
  return listSolutions(deps.client, { includeSystem: options.includeSystem === true });
}

/** Options of {@link solutionComponents}. */
export interface ComponentsOptions {
  /** The solution's unique name. */
  name: string;
  /** Only components of this componenttype code. */
  type?: number;
}

/** A solution's components; NotFoundError when there is no such solution. */
export function solutionComponents(
  options: ComponentsOptions,
  deps: SolutionDeps,
): Promise<SolutionComponent[]> {
  return listComponents(deps.client, options.name, { type: options.type });
}

/** Options of {@link solutionDependencies}. */
export interface DependenciesOptions {
  /** The solution's unique name. */
  name: string;
  /** The dependencies that block uninstalling it, instead of the missing ones. */
  uninstall?: boolean;
}

/** A solution's missing dependencies (or, with `uninstall`, what blocks deleting it). */
export function solutionDependencies(
  options: DependenciesOptions,
  deps: SolutionDeps,
): Promise<Dependency[]> {
  return dependencies(deps.client, options.name, options.uninstall ? "uninstall" : "missing");
}

/** What {@link checkSolution} found. */
export interface CheckReport {
  /** True when no dependency is missing. */
  ok: boolean;
  /** The missing dependencies. */
  missing: Dependency[];
}

/** Checks a solution for missing dependencies. */
export async function checkSolution(options: { name: string }, deps: SolutionDeps): Promise<CheckReport> {
  const missing = await dependencies(deps.client, options.name, "missing");
  return { ok: missing.length === 0, missing };
}
