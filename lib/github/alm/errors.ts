/**
 * The errors of `ppx github setup-ci` / `teardown-ci`: a setup that stopped midway (with what it had
 * done) and the scope or permission checks.
 *
 * @module
 */

import { ExitCode, PpxError } from "../../errors.ts";
import type { StepView } from "./plan.ts";

/** A setup that failed after some of its changes were applied. Carries the applied steps. */
export class SetupCiIncompleteError extends PpxError {
  /** The steps that were applied before the failure, in order. */
  readonly applied: StepView[];
  /** The step that failed. */
  readonly failed: StepView;

  /** Code `github.setup-ci.incomplete`, exit 3 (some changes were made); the hint names the way back. */
  constructor(applied: StepView[], failed: StepView, teardown: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const done = applied.length
      ? `\nApplied before the failure:\n${
        applied.map((s) => `  - ${s.action} ${s.area}: ${s.target}`).join("\n")
      }`
      : "\nNothing had been changed yet.";
    super(
      "github.setup-ci.incomplete",
      `Setup stopped at "${failed.action} ${failed.area}: ${failed.target}": ${reason}${done}`,
      applied.length ? ExitCode.Partial : ExitCode.Failure,
      {
        hint: (cause instanceof PpxError && cause.hint ? `${cause.hint}\n` : "") +
          (applied.length
            ? `Fix the cause and run the same command again (it picks up where it stopped), or undo with \`${teardown}\`.`
            : "Fix the cause and run the same command again."),
        cause,
      },
    );
    this.applied = applied;
    this.failed = failed;
  }

  /** Adds the applied steps and the failed one. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), applied: this.applied, failed: this.failed };
  }
}

/** A teardown that failed after some of its removals were applied. Carries the applied steps. */
export class TeardownCiIncompleteError extends PpxError {
  /** The steps that were applied before the failure, in order. */
  readonly applied: StepView[];
  /** The step that failed. */
  readonly failed: StepView;

  /** Code `github.teardown-ci.incomplete`, exit 3; running the teardown again skips what is gone. */
  constructor(applied: StepView[], failed: StepView, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      "github.teardown-ci.incomplete",
      `Teardown stopped at "${failed.action} ${failed.area}: ${failed.target}": ${reason}\nRemoved before the ` +
        `failure:\n${applied.map((s) => `  - ${s.action} ${s.area}: ${s.target}`).join("\n")}`,
      ExitCode.Partial,
      {
        hint: (cause instanceof PpxError && cause.hint ? `${cause.hint}\n` : "") +
          "Fix the cause and run the same teardown again; it skips what is already gone.",
        cause,
      },
    );
    this.applied = applied;
    this.failed = failed;
  }

  /** Adds the applied steps and the failed one. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), applied: this.applied, failed: this.failed };
  }
}
