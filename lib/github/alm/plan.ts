/**
 * The plan of `ppx github setup-ci` / `teardown-ci`: steps read from the current state (status), shown
 * as they are (`--dry-run`), then applied in order. A step whose action is `keep` changes nothing.
 *
 * @module
 */

/** Which system a step changes. */
export type StepArea = "entra" | "dataverse" | "github" | "workflow";

/** What a step does. */
export type StepAction = "create" | "update" | "delete" | "keep";

/** One step as shown to the user (no closures, JSON-safe). */
export interface StepView {
  /** The system the step changes. */
  area: StepArea;
  /** `keep` when the object is already as wanted. */
  action: StepAction;
  /** What is changed, e.g. `federated credential ppx-env-test`. */
  target: string;
  /** Extra words (a subject, a URL); never a secret value. */
  detail?: string;
}

/** A step with the function that carries it out. */
export interface Step extends StepView {
  /** Carries the step out; absent for `keep` steps. */
  apply?: () => Promise<void>;
}

/** The outcome of a plan: every step, and whether anything was (or would be) changed. */
export interface PlanResult {
  /** True when nothing was written (a dry run). */
  dryRun: boolean;
  /** The number of steps that change something. */
  changes: number;
  /** Every step, in order, `keep` steps included. */
  steps: StepView[];
}

/** The view of a step, without its function. */
export function viewOf(step: Step): StepView {
  return {
    area: step.area,
    action: step.action,
    target: step.target,
    ...(step.detail ? { detail: step.detail } : {}),
  };
}

/** A keep step. */
export function keep(area: StepArea, target: string, detail?: string): Step {
  return { area, action: "keep", target, ...(detail ? { detail } : {}) };
}
