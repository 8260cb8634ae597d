/**
 * The token a flow returns, the audience -> scope rule, and reading display claims (account, tenant)
 * out of an access token. Claims are decoded without verification and only ever shown to the user; the
 * resource server does the verifying.
 *
 * @module
 */

import type { TokenEndpointResponse } from "oauth4webapi";

/** Who a token belongs to, for `ppx auth status`. */
export interface AccountInfo {
  /** UPN / preferred_username for users, the app id for service principals. */
  username?: string;
  /** Tenant id (`tid`). */
  tenantId?: string;
  /** Object id (`oid`). */
  objectId?: string;
}

/** An access token for one audience. */
export interface AccessToken {
  /** The bearer token. */
  token: string;
  /** Expiry, milliseconds since the epoch. */
  expiresAt: number;
  /** A refresh token, when the flow returned one (user flows). */
  refreshToken?: string;
  /** Scopes the server granted. */
  scopes?: string[];
  /** Account claims read from the token. */
  account?: AccountInfo;
}

/** The scope that asks for every permission the app has on an audience (`{audience}/.default`). */
export function scopeFor(audience: string): string {
  if (audience.endsWith("/.default") || / /.test(audience)) return audience;
  // A resource whose App ID URI ends in "/" keeps it: https://service.powerapps.com//.default is correct.
  return `${audience}/.default`;
}

/** The resource (v1 audience) for a scope, as managed identity endpoints want it. */
export function resourceFor(scope: string): string {
  return scope.replace(/\/\.default$/, "");
}

/** Decodes a JWT payload without verifying it; undefined for opaque tokens. */
export function decodeClaims(token: string): Record<string, unknown> | undefined {
  const part = token.split(".")[1];
  if (!part) return undefined;
  try {
    const bytes = Uint8Array.fromBase64(part, { alphabet: "base64url" });
    const value = JSON.parse(new TextDecoder().decode(bytes));
    return value && typeof value === "object" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The account claims of an access token. */
export function accountFromToken(token: string): AccountInfo | undefined {
  const claims = decodeClaims(token);
  if (!claims) return undefined;
  const str = (name: string) => typeof claims[name] === "string" ? claims[name] as string : undefined;
  return {
    username: str("upn") ?? str("preferred_username") ?? str("unique_name") ?? str("appid") ?? str("azp"),
    tenantId: str("tid"),
    objectId: str("oid"),
  };
}

/** Builds an AccessToken from a processed token endpoint response. */
export function fromTokenResponse(response: TokenEndpointResponse, now: number): AccessToken {
  const expiresIn = typeof response.expires_in === "number" ? response.expires_in : 3600;
  return {
    token: response.access_token,
    expiresAt: now + expiresIn * 1000,
    ...(typeof response.refresh_token === "string" ? { refreshToken: response.refresh_token } : {}),
    ...(typeof response.scope === "string" ? { scopes: response.scope.split(" ").filter(Boolean) } : {}),
    account: accountFromToken(response.access_token),
  };
}
