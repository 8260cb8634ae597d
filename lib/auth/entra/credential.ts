/**
 * Credentials: something that can get a fresh access token for a scope. One per sign-in method; the
 * token cache and the resolution chain sit on top. A user credential redeems the profile's refresh token
 * (Entra refresh tokens work for every resource the app may call), the others sign in afresh as the app
 * or managed identity each time a token is needed.
 *
 * @module
 */

import { withRemedy } from "../remedy.ts";
import { tokenExpiry } from "../token_expiry.ts";
import type { Clock } from "../../clock.ts";
import type { Env } from "../../env.ts";
import { AuthError } from "../../errors.ts";
import { resolveAuthority } from "./authority.ts";
import type { CertificateCredential } from "./certificate.ts";
import { signClientAssertion } from "./certificate.ts";
import { discover, type EntraEndpoint } from "./discovery.ts";
import type { EntraErrorContext } from "./errors.ts";
import type { AssertionSource } from "./federated.ts";
import { clientCredentialsToken, type ClientProof, refreshAccessToken } from "./flows/client_credentials.ts";
import { type ManagedIdentitySelector, managedIdentityToken } from "./managed_identity.ts";
import type { AccessToken } from "./token.ts";

/** Gets fresh tokens. */
export interface Credential {
  /** What it is, for `auth status` and `--debug` (`client-secret`, `certificate`, `user`...). */
  readonly kind: string;
  /** A stable id of the identity (tenant + client / identity), used in cache keys. */
  readonly id: string;
  /** Gets a new access token for `scope` (no caching here). */
  acquire(scope: string, signal?: AbortSignal): Promise<AccessToken>;
}

/** Where and as whom an app-registration credential signs in. */
export interface AppIdentity {
  tenant: string;
  clientId: string;
  cloud?: string | null;
  authority?: string | null;
  env: Env;
  fetch: typeof fetch;
  clock: Clock;
  /** For error messages (profile name). */
  context?: EntraErrorContext;
}

/** Discovers the identity's authority. */
export async function endpointFor(identity: AppIdentity, signal?: AbortSignal): Promise<EntraEndpoint> {
  const authority = resolveAuthority({
    tenant: identity.tenant,
    cloud: identity.cloud,
    authority: identity.authority,
    env: identity.env,
  });
  return await discover(authority, { fetch: identity.fetch, signal });
}

function appCredential(kind: string, identity: AppIdentity, proof: () => Promise<ClientProof>): Credential {
  const context = { clientId: identity.clientId, tenant: identity.tenant, flow: kind, ...identity.context };
  return {
    kind,
    id: `${identity.tenant}/${identity.clientId}`,
    async acquire(scope, signal) {
      const endpoint = await endpointFor(identity, signal);
      return await clientCredentialsToken({
        endpoint,
        clientId: identity.clientId,
        clock: identity.clock,
        scope,
        proof: await proof(),
        signal,
        context,
      });
    },
  };
}

/** An app signing in with a client secret (read when needed, never kept in the profile). */
export function clientSecretCredential(identity: AppIdentity, secret: () => Promise<string>): Credential {
  return appCredential("client-secret", identity, async () => ({ kind: "secret", secret: await secret() }));
}

/** An app signing in with a certificate (PEM or PFX, loaded when needed). */
export function certificateCredential(
  identity: AppIdentity,
  certificate: () => Promise<CertificateCredential>,
): Credential {
  let loaded: Promise<CertificateCredential> | undefined;
  return appCredential("certificate", identity, () => {
    loaded ??= certificate();
    loaded.catch(() => (loaded = undefined));
    return Promise.resolve({
      kind: "assertion",
      assertion: async (audience) =>
        await signClientAssertion(await loaded!, identity.clientId, audience, identity.clock.now()),
    });
  });
}

/** An app signing in with a federated token (GitHub Actions, Azure DevOps, token file). */
export function federatedCredential(
  identity: AppIdentity,
  source: AssertionSource,
  kind = "federated",
): Credential {
  return appCredential(
    kind,
    identity,
    () => Promise.resolve({ kind: "assertion", assertion: () => source() }),
  );
}

/** The host's managed identity. */
export function managedIdentityCredential(
  selector: ManagedIdentitySelector,
  deps: { env: Env; fetch: typeof fetch; clock: Clock },
): Credential {
  const id = selector.clientId ?? selector.objectId ?? selector.resourceId ?? "system";
  return {
    kind: "managed-identity",
    id: `mi/${id}`,
    acquire: (scope, signal) => managedIdentityToken(scope, { ...selector, ...deps, signal }),
  };
}

/** Refresh-token storage of a signed-in user. */
export interface RefreshTokenStore {
  /** The current refresh token, if any. */
  read(): Promise<string | undefined>;
  /** Keeps a rotated refresh token. */
  write(token: string): Promise<void>;
}

/** A signed-in user: redeems and rotates the stored refresh token for each audience. */
export function userCredential(identity: AppIdentity, store: RefreshTokenStore): Credential {
  const context = { clientId: identity.clientId, tenant: identity.tenant, ...identity.context };
  return {
    kind: "user",
    id: `${identity.tenant}/${identity.clientId}/user`,
    async acquire(scope, signal) {
      const refreshToken = await store.read();
      if (!refreshToken) {
        throw withRemedy(
          new AuthError(
            `${context.profile ? `Profile '${context.profile}'` : "This profile"} is not signed in.`,
            { code: "auth.login-required" },
          ),
          { action: "fix", topic: "entra.login-required", profile: context.profile },
        );
      }
      const endpoint = await endpointFor(identity, signal);
      const token = await refreshAccessToken({
        endpoint,
        clientId: identity.clientId,
        clock: identity.clock,
        scope,
        refreshToken,
        signal,
        context,
      });
      if (token.refreshToken && token.refreshToken !== refreshToken) await store.write(token.refreshToken);
      return token;
    },
  };
}

/**
 * A raw bearer token from PPX_ACCESS_TOKEN: used as-is for every audience. Its expiry is the JWT's own
 * `exp`; an opaque token's expiry is unknown (`Infinity`), never a made-up hour.
 */
export function staticCredential(token: string, _clock?: Clock): Credential {
  return {
    kind: "access-token",
    id: "static",
    acquire: async () => ({ token, expiresAt: (await tokenExpiry(token)) ?? Number.POSITIVE_INFINITY }),
  };
}
