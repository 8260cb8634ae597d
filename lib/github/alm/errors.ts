/**
 * The errors of `ppx github setup-ci` / `teardown-ci`: a setup that stopped midway (with what it had
 * done) and the scope or permission checks.
 *
 * @module
 */

import { AuthError, ExitCode, NotFoundError, PpxError } from "../../errors.ts";
import type { RepoRef } from "./github_api.ts";
import type { Stage } from "./options.ts";
import type { StepView } from "./plan.ts";

/** What undoing a setup needs to be told (the words of the command are the CLI's). */
export interface SetupUndo {
  repo: RepoRef;
  stages: Stage[];
  clientId?: string;
  local?: string;
}

/** The GitHub token lacks scopes setup-ci needs. Code `auth.github.scopes`. */
export class GitHubScopesError extends AuthError {
  /** The scopes missing. */
  readonly missing: string[];
  /** Whether the workflows are written locally (then `workflow` is not needed). */
  readonly local: boolean;

  /** Names the missing scopes. */
  constructor(missing: string[], local: boolean) {
    super(`The GitHub token lacks the scope${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`, {
      code: "auth.github.scopes",
    });
    this.missing = missing;
    this.local = local;
  }
}

/** Something setup-ci was told to use does not exist: the app (`client-id`) or the security role (`role`). */
export class AlmNotFoundError extends NotFoundError {
  /** Which of the given things. */
  readonly reason: "client-id" | "role";
  /** The value given. */
  readonly value: string;

  /** `message` says what is missing where. */
  constructor(reason: "client-id" | "role", value: string, message: string) {
    super(message);
    this.reason = reason;
    this.value = value;
  }
}

/** A setup that failed after some of its changes were applied. Carries the applied steps. */
export class SetupCiIncompleteError extends PpxError {
  /** The steps that were applied before the failure, in order. */
  readonly applied: StepView[];
  /** The step that failed. */
  readonly failed: StepView;
  /** What a teardown of the applied steps needs to be told. */
  readonly undo: SetupUndo;

  /**
   * Code `github.setup-ci.incomplete`, exit 3 (some changes were made). The hint says to run again; the
   * CLI adds the teardown command from `undo`.
   */
  constructor(applied: StepView[], failed: StepView, undo: SetupUndo, cause: unknown) {
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
          "Fix the cause and run the same command again" +
          (applied.length ? " (it picks up where it stopped), or undo it with teardown-ci." : "."),
        cause,
      },
    );
    this.applied = applied;
    this.failed = failed;
    this.undo = undo;
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
