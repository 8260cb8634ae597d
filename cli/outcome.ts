/**
 * How a command that did not throw ended, and the exit code each outcome gets. A command states what
 * happened (`ctx.conclude("pending")`); this table alone turns it into a number (docs/exit-codes.md), next
 * to `cli/main.ts`'s mapping of thrown errors.
 *
 * @module
 */

import { ExitCode, type ExitCodeValue } from "../lib/errors.ts";

/**
 * `ok`; `failed`: the command ran and its answer is "no" (a check failed, a value is not set);
 * `auth-required`: a credential is missing or expired; `pending`: a long-running job is still running.
 */
export type Outcome = "ok" | "failed" | "auth-required" | "pending";

const EXIT: Record<Outcome, ExitCodeValue> = {
  ok: ExitCode.Ok,
  failed: ExitCode.Failure,
  "auth-required": ExitCode.AuthRequired,
  pending: ExitCode.Pending,
};

/** The exit code of an outcome. */
export function exitCodeOf(outcome: Outcome): ExitCodeValue {
  return EXIT[outcome];
}
