/**
 * Minting GitHub-shaped tokens: `gho_` for OAuth Apps (no expiry), `ghu_` for GitHub App user tokens
 * (8 hours) with a `ghr_` refresh token (6 months) when the app has expiring tokens.
 *
 * @module
 */

import { type GitHubStore, type IssuedToken, randomChars, type StoredApp } from "./store.ts";

/** Lifetimes in seconds. */
export interface TokenLifetimes {
  tokenExpiresIn: number;
  refreshTokenExpiresIn: number;
}

/** The token endpoint's success body. */
export interface TokenAnswer extends Record<string, string | number | undefined> {
  access_token: string;
  token_type: "bearer";
  scope: string;
  expires_in?: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
}

/** Issues a token (and refresh token) for an app and user, records it, and returns the wire answer. */
export function issueTokens(
  store: GitHubStore,
  app: StoredApp,
  grant: { login: string; scopes: string[]; fromDevice: boolean },
  now: number,
  lifetimes: TokenLifetimes,
): TokenAnswer {
  store.user(grant.login);
  const prefix = app.kind === "github-app" ? "ghu_" : "gho_";
  const token: IssuedToken = {
    token: prefix + randomChars(36),
    clientId: app.clientId,
    login: grant.login,
    // GitHub Apps use fine-grained permissions, not scopes.
    scopes: app.kind === "github-app" ? [] : grant.scopes,
    kind: app.kind,
    fromDevice: grant.fromDevice,
  };
  const answer: TokenAnswer = {
    access_token: token.token,
    token_type: "bearer",
    scope: token.scopes.join(","),
  };
  if (app.expiringTokens) {
    token.expiresAt = now + lifetimes.tokenExpiresIn * 1000;
    token.refreshToken = "ghr_" + randomChars(76);
    store.refreshTokens.set(token.refreshToken, {
      token: token.refreshToken,
      clientId: app.clientId,
      login: grant.login,
      scopes: token.scopes,
      expiresAt: now + lifetimes.refreshTokenExpiresIn * 1000,
      accessToken: token.token,
      fromDevice: grant.fromDevice,
    });
    answer.expires_in = lifetimes.tokenExpiresIn;
    answer.refresh_token = token.refreshToken;
    answer.refresh_token_expires_in = lifetimes.refreshTokenExpiresIn;
  }
  store.tokens.set(token.token, token);
  return answer;
}
