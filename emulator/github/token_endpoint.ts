/**
 * `POST /login/oauth/access_token`: the device-code, authorization-code and refresh-token grants, with
 * GitHub's habit of answering errors as HTTP 200 with an `error` field.
 *
 * @module
 */

import { issueTokens, type TokenLifetimes } from "./issue.ts";
import type { GitHubStore, StoredApp } from "./store.ts";
import { oauthAnswer, oauthError, readParams } from "./wire.ts";

/** The knobs the token endpoint reads. */
export interface TokenEndpointKnobs extends TokenLifetimes {
  /** Answer `slow_down` to this many polls, whatever their timing. */
  slowDownPolls: number;
  /** Answer `slow_down` when a client polls faster than the interval (GitHub does). */
  enforceInterval: boolean;
  /** Approve a pending device code by itself after this many polls (slow approval). */
  approveAfterPolls?: number;
  /** Deny a pending device code by itself after this many polls. */
  denyAfterPolls?: number;
  /** Who approves automatically. */
  login: string;
}

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/** Handles one token request. */
export async function tokenEndpoint(
  request: Request,
  store: GitHubStore,
  knobs: TokenEndpointKnobs,
  now: number,
): Promise<Response> {
  const params = await readParams(request);
  const app = store.apps.get(params.client_id ?? "");
  const grantType = params.grant_type ?? "authorization_code";
  if (grantType === DEVICE_GRANT) return device(request, params, store, app, knobs, now);
  if (!app) return oauthError(request, "incorrect_client_credentials");
  if (grantType === "authorization_code") return await code(request, params, store, app, knobs, now);
  if (grantType === "refresh_token") return refresh(request, params, store, app, knobs, now);
  return oauthError(request, "unsupported_grant_type");
}

function device(
  request: Request,
  params: Record<string, string>,
  store: GitHubStore,
  app: StoredApp | undefined,
  knobs: TokenEndpointKnobs,
  now: number,
): Response {
  if (!app) return oauthError(request, "incorrect_client_credentials");
  if (!app.deviceFlow) return oauthError(request, "device_flow_disabled");
  const grant = store.devices.get(params.device_code ?? "");
  if (!grant || grant.clientId !== app.clientId || grant.status === "used") {
    return oauthError(request, "incorrect_device_code");
  }
  if (now >= grant.expiresAt) return oauthError(request, "expired_token");
  if (grant.status === "denied") return oauthError(request, "access_denied");

  const early = grant.lastPollAt !== undefined && now - grant.lastPollAt < grant.interval * 1000;
  grant.lastPollAt = now;
  if ((knobs.enforceInterval && early) || knobs.slowDownPolls > 0) {
    if (knobs.slowDownPolls > 0) knobs.slowDownPolls--;
    grant.interval += 5;
    return oauthError(request, "slow_down", { interval: grant.interval });
  }
  grant.polls++;
  if (
    grant.status === "pending" && knobs.denyAfterPolls !== undefined && grant.polls > knobs.denyAfterPolls
  ) {
    grant.status = "denied";
    return oauthError(request, "access_denied");
  }
  if (
    grant.status === "pending" && knobs.approveAfterPolls !== undefined &&
    grant.polls > knobs.approveAfterPolls
  ) {
    grant.status = "approved";
    grant.login = knobs.login;
  }
  if (grant.status === "pending") return oauthError(request, "authorization_pending");
  grant.status = "used";
  const answer = issueTokens(
    store,
    app,
    { login: grant.login ?? knobs.login, scopes: grant.scopes, fromDevice: true },
    now,
    knobs,
  );
  return oauthAnswer(request, answer);
}

async function code(
  request: Request,
  params: Record<string, string>,
  store: GitHubStore,
  app: StoredApp,
  knobs: TokenEndpointKnobs,
  now: number,
): Promise<Response> {
  if (!app.clientSecret || params.client_secret !== app.clientSecret) {
    return oauthError(request, "incorrect_client_credentials");
  }
  const grant = store.codes.get(params.code ?? "");
  if (!grant || grant.clientId !== app.clientId || now >= grant.expiresAt) {
    return oauthError(request, "bad_verification_code");
  }
  if (
    params.redirect_uri !== undefined && grant.redirectUri !== undefined &&
    params.redirect_uri !== grant.redirectUri
  ) {
    return oauthError(request, "redirect_uri_mismatch");
  }
  if (grant.codeChallenge !== undefined) {
    const verifier = params.code_verifier ?? "";
    if (!verifier || await s256(verifier) !== grant.codeChallenge) {
      return oauthError(request, "bad_verification_code", {
        error_description: "The code_verifier does not match the code_challenge.",
      });
    }
  }
  store.codes.delete(grant.code);
  return oauthAnswer(
    request,
    issueTokens(store, app, { login: grant.login, scopes: grant.scopes, fromDevice: false }, now, knobs),
  );
}

function refresh(
  request: Request,
  params: Record<string, string>,
  store: GitHubStore,
  app: StoredApp,
  knobs: TokenEndpointKnobs,
  now: number,
): Response {
  const old = store.refreshTokens.get(params.refresh_token ?? "");
  if (!old || old.clientId !== app.clientId || now >= old.expiresAt) {
    return oauthError(request, "bad_refresh_token");
  }
  // GitHub wants the client secret unless the token pair came from the device flow.
  const secretOk = params.client_secret === undefined
    ? old.fromDevice
    : app.clientSecret !== undefined && params.client_secret === app.clientSecret;
  if (!secretOk) return oauthError(request, "incorrect_client_credentials");
  // Rotation: the used refresh token and the access token issued with it stop working.
  store.refreshTokens.delete(old.token);
  store.tokens.delete(old.accessToken);
  return oauthAnswer(
    request,
    issueTokens(store, app, { login: old.login, scopes: old.scopes, fromDevice: old.fromDevice }, now, knobs),
  );
}

/** base64url(SHA-256(verifier)), the PKCE S256 transform. */
export async function s256(verifier: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  return digest.toBase64({ alphabet: "base64url", omitPadding: true });
}
