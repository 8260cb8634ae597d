/**
 * The `ppx auth status` use-case: for every profile (or one), whether it can get a token, as whom and
 * for what; plus a row for a token or credential in the environment. GitHub rows first, then Entra rows,
 * each as its provider reports them. Never signs in.
 *
 * @module
 */

import { getProfile, profileNames } from "../config/profiles.ts";
import type { Clock } from "../clock.ts";
import { type Env, firstEnv } from "../env.ts";
import type { AzureStatus, AzureStatusDeps } from "./entra/status.ts";
import type { GitHubProfileDeps } from "./github/profile_store.ts";
import type { GitHubStatus } from "./github/status.ts";
import { GITHUB_TOKEN_VARIABLES } from "./github/token_variables.ts";

/** Options of {@link authStatus}. */
export interface AuthStatusOptions {
  /** Only this profile (and no environment row). */
  profile?: string;
}

/** What {@link authStatus} needs. */
export interface AuthStatusDeps extends AzureStatusDeps {
  /** GitHub profile access (config, secrets, HTTP for `GET /user`). */
  github: GitHubProfileDeps;
  /** For recognising a managed identity or an AZURE_* credential in the environment. */
  fetch: typeof fetch;
  /** The clock of those credentials. */
  clock: Clock;
  /** The environment. */
  env: Env;
}

/** One row per provider's shape, in display order. */
export type AuthStatusRow = ({ kind: "github" } & GitHubStatus) | ({ kind: "azure" } & AzureStatus);

/**
 * False when no variable an environment credential needs is set: then the credential chain (and the
 * Node layer its OAuth code starts, ADR 0023) need not load. True means "maybe": the chain decides.
 */
function environmentMaySignIn(env: Env): boolean {
  return !!(firstEnv(env, "PPX_ACCESS_TOKEN", "PACX_ACCESS_TOKEN") ||
    (env.get("AZURE_TENANT_ID") && env.get("AZURE_CLIENT_ID")) || env.get("PPX_MANAGED_IDENTITY")?.trim());
}

/** The status rows (GitHub first, then Entra); `failed` when any row is not ok. */
export async function authStatus(
  options: AuthStatusOptions,
  deps: AuthStatusDeps,
): Promise<{ rows: AuthStatusRow[]; failed: boolean }> {
  const { doc } = await deps.github.config.load();
  const names = options.profile ? [getProfile(doc, options.profile).name] : profileNames(doc);
  const rows: AuthStatusRow[] = [];
  const github = names.filter((n) => doc.profiles[n].provider === "github");
  // The GitHub token code loads only when there is a GitHub profile or token to check.
  if (github.length || firstEnv(deps.env, ...GITHUB_TOKEN_VARIABLES)) {
    const { githubEnvStatus, githubProfileStatus } = await import("./github/status.ts");
    const env = await githubEnvStatus(deps.github, deps.env);
    if (env) rows.push({ kind: "github", ...env });
    for (const name of github) {
      rows.push({ kind: "github", ...await githubProfileStatus(deps.github, name, deps.env) });
    }
  }
  const azure = names.filter((n) => doc.profiles[n].provider !== "github").map((n) => doc.profiles[n]);
  const mayUseEnv = !options.profile && environmentMaySignIn(deps.env);
  if (azure.length || mayUseEnv) {
    const { environmentSignIn } = await import("./entra/chain.ts");
    const { azureStatusRows } = await import("./entra/status.ts");
    const fromEnv = mayUseEnv && environmentSignIn(deps.env, deps);
    for (const row of await azureStatusRows(deps, azure, fromEnv)) rows.push({ kind: "azure", ...row });
  }
  return { rows, failed: rows.some((r) => !r.ok) };
}
