/**
 * The GitHub-specific legs of the web flow: the authorize URL (with `state` and PKCE S256), reading the
 * redirect back (a full URL, a query string, or a bare code pasted by the user), and exchanging the
 * code at the token endpoint, which on GitHub needs the client secret.
 *
 * @module
 */

import type { Clock } from "../../clock.ts";
import type { HttpClient } from "../../http/client.ts";
import { UsageError } from "../../errors.ts";
import { githubOAuthRequest } from "./device_flow.ts";
import { githubOAuthError, GitHubWebFlowError } from "./errors.ts";
import type { GitHubEndpoints } from "./host.ts";
import { type GitHubTokenSet, githubTokenSetFrom, readGitHubOAuthAnswer } from "./token_set.ts";

/** Parameters of the authorize request. */
export interface GitHubAuthorizeParams {
  /** The app's Client ID. */
  clientId: string;
  /** Must match the app's callback URL; for loopback URLs GitHub accepts any port. */
  redirectUri: string;
  /** Scopes to request; empty sends no `scope`. GitHub Apps ignore scopes. */
  scopes: string[];
  /** A fresh random value GitHub echoes in the redirect; checking it ties the redirect to this sign-in. */
  state: string;
  /** base64url(SHA-256(verifier)). */
  codeChallenge: string;
  /** Suggests an account (GitHub's `login` parameter). */
  login?: string;
}

/** The URL the browser opens. */
export function buildGitHubAuthorizeUrl(endpoints: GitHubEndpoints, params: GitHubAuthorizeParams): string {
  const url = new URL(endpoints.authorizeUrl);
  url.searchParams.set("client_id", params.clientId);
  url.searchParams.set("redirect_uri", params.redirectUri);
  if (params.scopes.length) url.searchParams.set("scope", params.scopes.join(" "));
  url.searchParams.set("state", params.state);
  url.searchParams.set("code_challenge", params.codeChallenge);
  url.searchParams.set("code_challenge_method", "S256");
  if (params.login) url.searchParams.set("login", params.login);
  return url.toString();
}

/**
 * Reads what came back from the browser: the redirect URL (or just its query), checks `state`, and
 * returns the code. A bare code (pasted by the user) is accepted as is; PKCE still binds it to this
 * sign-in. `error=…` answers become typed errors.
 */
export function githubCodeFromRedirect(input: string, expectedState: string): string {
  const text = input.trim();
  if (!text) {
    throw new UsageError("Nothing was pasted.", { hint: "Paste the full URL the browser was sent to." });
  }
  let params: URLSearchParams | undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) params = new URL(text).searchParams;
  else if (text.includes("=")) params = new URLSearchParams(text.replace(/^[^?]*\?/, ""));
  if (!params) {
    if (!/^[A-Za-z0-9_-]{6,}$/.test(text)) {
      throw new UsageError("That is neither the redirected URL nor an authorization code.", {
        hint: "Copy the whole address from the browser's address bar after approving, and paste it.",
      });
    }
    return text;
  }
  const error = params.get("error");
  if (error) throw githubOAuthError(error, params.get("error_description") ?? undefined);
  if (params.get("state") !== expectedState) {
    throw new GitHubWebFlowError(
      "state_mismatch",
      "The redirect's state does not match this sign-in; it may come from another attempt or a forged link.",
      { hint: "Start the sign-in again and use only the link ppx shows." },
    );
  }
  const code = params.get("code");
  if (!code) {
    throw new GitHubWebFlowError("missing_code", "The redirect carries no authorization code.", {
      hint: "Approve the app in the browser, then paste the address it lands on.",
    });
  }
  return code;
}

/** Inputs of the code exchange. */
export interface GitHubExchangeOptions {
  /** Sends the token request. */
  http: HttpClient;
  /** The host the authorize URL pointed at. */
  endpoints: GitHubEndpoints;
  /** The app's Client ID, as in the authorize URL. */
  clientId: string;
  /** GitHub requires it for this exchange even with PKCE. Never logged. */
  clientSecret: string;
  /** The authorization code from the redirect: single use, valid for 10 minutes. */
  code: string;
  /** Must be the same redirect URI as in the authorize URL. */
  redirectUri: string;
  /** The PKCE verifier whose challenge went in the authorize URL. Never logged. */
  codeVerifier: string;
  /** Stamps the send time that token expiry is counted from. */
  clock: Clock;
  /** Aborts the request. */
  signal?: AbortSignal;
}

/** Exchanges an authorization code for tokens. */
export async function exchangeGitHubCode(options: GitHubExchangeOptions): Promise<GitHubTokenSet> {
  const sentAt = options.clock.now();
  const response = await options.http.send("POST", options.endpoints.tokenUrl, {
    ...githubOAuthRequest({
      client_id: options.clientId,
      client_secret: options.clientSecret,
      code: options.code,
      redirect_uri: options.redirectUri,
      code_verifier: options.codeVerifier,
    }, options.signal),
    secretResponse: true,
  });
  return githubTokenSetFrom(await readGitHubOAuthAnswer(response, "code exchange"), sentAt);
}
