/**
 * `ppx auth status` for GitHub: for a profile (or a token variable), resolve the token without any
 * interaction, ask `GET /user` who it belongs to, and report the scopes from `X-OAuth-Scopes`.
 *
 * @module
 */

import type { Env } from "../../env.ts";
import { isPpxError } from "../../errors.ts";
import { resolveGitHubHost } from "./host.ts";
import type { GitHubProfileDeps } from "./profile_store.ts";
import { githubEnvToken, type GitHubTokenOrigin, resolveGitHubToken } from "./resolve.ts";
import { fetchGitHubAccount } from "./user.ts";

/** One line of `ppx auth status`. */
export interface GitHubStatus {
  /** The profile name, or the variable name for an environment token. */
  profile: string;
  /** Always `github`, so `--json` consumers can tell it from Azure profiles. */
  provider: "github";
  /** The host the token is for (`github.com` for environment tokens). */
  host: string;
  /** The login GitHub reported; when not ok, the one recorded at sign-in, if any. */
  account?: string;
  /** Granted scopes; undefined for GitHub App tokens (permissions, not scopes). */
  scopes?: string[];
  /** Where the token came from; undefined when a profile's token could not be used. */
  origin?: GitHubTokenOrigin;
  /** True when a token was found and GitHub accepted it for `GET /user`. */
  ok: boolean;
  /** What is wrong, when not ok (ends with the re-authentication command for profiles). */
  error?: string;
  /** The ppx error code (e.g. `auth.github.expired`), for scripts; set when not ok. */
  errorCode?: string;
}

/** Checks one GitHub profile (environment tokens are reported separately by `githubEnvStatus`). */
export async function githubProfileStatus(
  deps: GitHubProfileDeps,
  profile: string,
  env: Env,
): Promise<GitHubStatus> {
  let host = "github.com";
  try {
    const resolved = await resolveGitHubToken(deps, { profile, env, ignoreEnv: true });
    host = resolved.host;
    const account = await fetchGitHubAccount(deps.http, resolveGitHubHost(host), resolved.token);
    return {
      profile,
      provider: "github",
      host,
      account: account.login,
      scopes: account.scopes,
      origin: resolved.origin,
      ok: true,
    };
  } catch (error) {
    if (!isPpxError(error)) throw error;
    const { doc } = await deps.config.load().catch(() => ({ doc: undefined }));
    const stored = doc?.profiles[profile];
    return {
      profile,
      provider: "github",
      host: typeof stored?.host === "string" ? stored.host : host,
      account: stored?.token?.account,
      ok: false,
      error: error.message,
      errorCode: error.code,
    };
  }
}

/** Checks the token from PPX_GITHUB_TOKEN / GH_TOKEN / GITHUB_TOKEN, if one is set (github.com). */
export async function githubEnvStatus(deps: GitHubProfileDeps, env: Env): Promise<GitHubStatus | undefined> {
  const found = githubEnvToken(env);
  if (!found) return undefined;
  try {
    const account = await fetchGitHubAccount(deps.http, resolveGitHubHost(undefined), found.token);
    return {
      profile: found.name,
      provider: "github",
      host: "github.com",
      account: account.login,
      scopes: account.scopes,
      origin: "env",
      ok: true,
    };
  } catch (error) {
    if (!isPpxError(error)) throw error;
    return {
      profile: found.name,
      provider: "github",
      host: "github.com",
      origin: "env",
      ok: false,
      error: `${found.name} is set but GitHub rejected it: ${error.message}`,
      errorCode: error.code,
    };
  }
}
