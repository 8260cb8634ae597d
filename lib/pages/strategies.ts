/**
 * The upload strategies and a plan's counts per action: only type imports, so the CLI can check
 * `--strategy` and print a plan's summary without loading the planner (yaml, node:crypto; issue 14).
 *
 * @module
 */

import type { PlanAction, UploadPlan } from "./plan.ts";

/** The four upload strategies. */
export const STRATEGIES = ["replace", "merge", "skip-existing", "create-only"] as const;
/** An upload strategy: see the user manual; each does exactly what its name says. */
export type Strategy = typeof STRATEGIES[number];

/** The plan's counts per action. */
export function planSummary(plan: UploadPlan): Record<PlanAction, number> {
  const counts = { create: 0, update: 0, delete: 0, skip: 0, conflict: 0, unchanged: 0, keep: 0 };
  for (const i of plan.items) counts[i.action]++;
  return counts;
}
