/**
 * Who a GitHub token belongs to and what it may do: `GET /user`, with the granted scopes from the
 * `X-OAuth-Scopes` header (present for OAuth App tokens and personal access tokens, absent for GitHub
 * App user tokens, which carry permissions instead).
 *
 * Permissions: `--allow-net` for the GitHub API host.
 *
 * @module
 */

import { withRemedy } from "../remedy.ts";
import { ApiError } from "../../errors.ts";
import type { HttpClient } from "../../http/client.ts";
import type { GitHubEndpoints } from "./host.ts";
import { splitGitHubScopes } from "./token_set.ts";

/** The signed-in account as `GET /user` describes it. */
export interface GitHubAccount {
  /** The user name, e.g. `octocat`; what profiles record as the account. */
  login: string;
  /** The numeric user id, which survives renames; undefined when the answer lacked it. */
  id?: number;
  /** The display name; undefined when the user has not set one. */
  name?: string;
  /** Scopes from X-OAuth-Scopes; undefined when the header is absent (GitHub App tokens). */
  scopes?: string[];
}

/** Calls `GET /user` with the token. A 401 becomes an ApiError with exit code 4. */
export async function fetchGitHubAccount(
  http: HttpClient,
  endpoints: GitHubEndpoints,
  accessToken: string,
  signal?: AbortSignal,
): Promise<GitHubAccount> {
  const response = await http.send("GET", `${endpoints.apiUrl}/user`, {
    headers: {
      authorization: `Bearer ${accessToken}`,
      accept: "application/vnd.github+json",
      "x-github-api-version": "2022-11-28",
    },
    anonymous: true,
    signal,
  });
  const header = response.headers.get("x-oauth-scopes");
  const body = await response.json().catch(() => undefined) as Record<string, unknown> | undefined;
  if (!body || typeof body.login !== "string") {
    throw withRemedy(
      new ApiError(
        `${endpoints.apiUrl}/user did not return a GitHub user.`,
        { status: response.status },
        {
          code: "auth.github.bad-response",
        },
      ),
      { action: "fix", topic: "github.api-path" },
    );
  }
  return {
    login: body.login,
    ...(typeof body.id === "number" ? { id: body.id } : {}),
    ...(typeof body.name === "string" ? { name: body.name } : {}),
    ...(header === null ? {} : { scopes: splitGitHubScopes(header) }),
  };
}
