/**
 * Hints that depend on how ppx was invoked, which lib/ cannot know (it never reads the environment): the
 * errors keep their data, cli/main.ts asks here for a better next step before printing.
 *
 * @module
 */

import { type Env, firstEnv } from "../lib/env.ts";
import { ApiError, type PpxError } from "../lib/errors.ts";

/** A replacement hint for `error` in this invocation, or undefined to keep the error's own. */
export function invocationHint(
  error: PpxError,
  env: Env,
  profileFlag: string | undefined,
): string | undefined {
  const raw = env.get("PPX_ACCESS_TOKEN")
    ? "PPX_ACCESS_TOKEN"
    : firstEnv(env, "PACX_ACCESS_TOKEN")
    ? "PACX_ACCESS_TOKEN"
    : undefined;
  // --profile wins over the variable (see `ppx help environment`), so only a run without it used the token.
  if (error instanceof ApiError && error.status === 401 && raw && !profileFlag) {
    return `${raw} is set, and it overrides every profile: the service rejected that token (expired, or ` +
      `issued for another host). Set a fresh token, or \`unset ${raw}\` to sign in with your profiles.`;
  }
  return undefined;
}
