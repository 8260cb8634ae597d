/**
 * Hints that depend on how ppx was invoked, which lib/ cannot know (it never reads the environment): the
 * errors keep their data, cli/main.ts asks here for a better next step before printing.
 *
 * @module
 */

import { type Env, firstEnv } from "../lib/env.ts";
import { ApiError, type PpxError } from "../lib/errors.ts";
import type { Context } from "./context.ts";

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

/**
 * For "Resource not found for the segment 'X'" from Dataverse: the entity set the user meant (`dv list
 * account` -> accounts, `dv list acounts` -> accounts), read from the org's metadata. Best effort: any
 * failure here keeps the original hint.
 */
export async function entitySetHint(error: PpxError, ctx: Context | undefined): Promise<string | undefined> {
  if (!ctx || !(error instanceof ApiError) || error.status !== 404 || !error.url) return undefined;
  const { missingSegment, entitySetSuggestion } = await import("../lib/dataverse/entity_set_hint.ts");
  const segment = missingSegment(error.message);
  if (!segment) return undefined;
  try {
    const { dataverseClient } = await import("./dataverse_host.ts");
    const { client } = await dataverseClient(ctx, new URL(error.url).origin);
    const found = await entitySetSuggestion(client, segment);
    if (!found) return undefined;
    return found.reason === "logical-name"
      ? `'${segment}' is the table's logical name; records are addressed by its entity set name: ` +
        `'${found.entitySet}' (e.g. \`ppx dv list ${found.entitySet}\`).`
      : `Did you mean the entity set '${found.entitySet}' (table ${found.logicalName})?`;
  } catch {
    return undefined;
  }
}
