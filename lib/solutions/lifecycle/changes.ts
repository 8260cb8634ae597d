/**
 * The solution use-cases that change an org without a file: delete (uninstall) a solution, publish all
 * customizations.
 *
 * @module
 */

import type { SolutionDeps } from "./inspect.ts";
import { deleteSolution, findSolution, publishAll, type SolutionSummary } from "./solutions.ts";

/** Options of {@link deleteSolutionByName}. */
export interface DeleteSolutionOptions {
  /** The solution's unique name. */
  name: string;
}

/** Deps of {@link deleteSolutionByName}: the client, and who agrees to the deletion. */
export interface DeleteSolutionDeps extends SolutionDeps {
  /**
   * Called with the solution found, before anything is deleted; throws (e.g. CancelledError) to stop.
   * Without it the solution is deleted at once.
   */
  confirm?: (solution: SolutionSummary) => Promise<void>;
}

/** Finds the solution, asks `deps.confirm`, deletes it; returns what was deleted. */
export async function deleteSolutionByName(
  options: DeleteSolutionOptions,
  deps: DeleteSolutionDeps,
): Promise<SolutionSummary> {
  const found = await findSolution(deps.client, options.name);
  await deps.confirm?.(found);
  return await deleteSolution(deps.client, found.uniqueName);
}

/** Publishes all customizations (PublishAllXml). */
export async function publishAllCustomizations(
  _options: Record<never, never>,
  deps: SolutionDeps,
): Promise<void> {
  await publishAll(deps.client);
}
