/**
 * Refreshing a GitHub App user token: `grant_type=refresh_token` with the client id (and the client
 * secret, which GitHub requires unless the pair came from the device flow). GitHub rotates the pair:
 * after a refresh the old access and refresh tokens are dead, so the caller must store the new pair.
 *
 * Permissions: `--allow-net` for the GitHub host.
 *
 * @module
 */

import type { Clock } from "../../clock.ts";
import type { HttpClient } from "../../http/client.ts";
import { githubOAuthRequest } from "./device_flow.ts";
import type { GitHubEndpoints } from "./host.ts";
import { type GitHubTokenSet, githubTokenSetFrom, readGitHubOAuthAnswer } from "./token_set.ts";

/** Inputs of one refresh. */
export interface GitHubRefreshOptions {
  /** Sends the token request; it is not retried (see refreshGitHubToken). */
  http: HttpClient;
  /** The host whose token endpoint issued the pair. */
  endpoints: GitHubEndpoints;
  /** The Client ID of the app that issued the pair. */
  clientId: string;
  /** Required by GitHub unless the pair came from the device flow; never logged. */
  clientSecret?: string;
  /** Works once: GitHub rotates the pair, so the old one is dead after this call. Never logged. */
  refreshToken: string;
  /** Stamps the send time that the new expiries are counted from. */
  clock: Clock;
  /** Aborts the request. */
  signal?: AbortSignal;
}

/** Exchanges a refresh token for a new token pair. Throws GitHubRefreshRejectedError when it is dead. */
export async function refreshGitHubToken(options: GitHubRefreshOptions): Promise<GitHubTokenSet> {
  const form: Record<string, string> = {
    client_id: options.clientId,
    grant_type: "refresh_token",
    refresh_token: options.refreshToken,
  };
  if (options.clientSecret) form.client_secret = options.clientSecret;
  const sentAt = options.clock.now();
  // Not retried: a refresh token works once, so a blind repeat could burn the new pair.
  const response = await options.http.send("POST", options.endpoints.tokenUrl, {
    ...githubOAuthRequest(form, options.signal),
    secretResponse: true,
  });
  return githubTokenSetFrom(await readGitHubOAuthAnswer(response, "token refresh"), sentAt);
}
