/**
 * The emulated directory: tenants, app registrations (secrets, certificates, federated credentials),
 * users, managed identities, and the short-lived grants (device codes, authorization codes, refresh
 * tokens) the token endpoint hands out.
 *
 * @module
 */

/** A client secret registered on an app. */
export interface AppSecret {
  value: string;
  /** Expiry (ms since epoch); past = AADSTS7000222. */
  expiresAt?: number;
}

/** A certificate registered on an app (public part only). */
export interface AppCertificate {
  /** base64url SHA-256 of the DER certificate. */
  thumbprintSha256: string;
  /** base64url SHA-1 of the DER certificate (legacy `x5t`). */
  thumbprintSha1: string;
  /** Verification keys per algorithm. */
  keys: { PS256: CryptoKey; RS256: CryptoKey };
}

/** A federated identity credential: which external tokens the app trusts. */
export interface FederatedCredential {
  issuer: string;
  subject: string;
  audience: string;
}

/** An app registration. */
export interface EmulatedApp {
  clientId: string;
  tenantId: string;
  displayName: string;
  /** Object id of the app's service principal (the `oid` of app-only tokens). */
  servicePrincipalId: string;
  /** Allows device code / browser sign-in without a secret. */
  publicClient: boolean;
  secrets: AppSecret[];
  certificates: AppCertificate[];
  federated: FederatedCredential[];
  /** App roles granted to the service principal, put in `roles`. */
  roles: string[];
}

/** A user who can sign in. */
export interface EmulatedUser {
  username: string;
  objectId: string;
  tenantId: string;
}

/** A managed identity on the emulated host. */
export interface EmulatedManagedIdentity {
  kind: "system" | "user";
  clientId: string;
  objectId: string;
  resourceId?: string;
  tenantId: string;
}

/** A pending device authorization. */
export interface EntraDeviceGrant {
  deviceCode: string;
  userCode: string;
  clientId: string;
  tenantId: string;
  scope: string;
  expiresAt: number;
  status: "pending" | "approved" | "declined";
  user?: EmulatedUser;
  polls: number;
}

/** An issued authorization code. */
export interface EntraCodeGrant {
  clientId: string;
  tenantId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  user: EmulatedUser;
  expiresAt: number;
  used: boolean;
}

/** An issued refresh token. */
export interface EntraRefreshGrant {
  clientId: string;
  tenantId: string;
  user: EmulatedUser;
  expiresAt: number;
  revoked: boolean;
}

/** Knobs tests turn to provoke behaviour. */
export interface EntraKnobs {
  /** Access-token lifetime in seconds (default 3600). */
  tokenLifetimeSeconds: number;
  /** Device code lifetime in seconds (default 900). */
  deviceCodeExpiresIn: number;
  /** Poll interval the device endpoint announces (default 5). */
  deviceInterval: number;
  /**
   * Approve device codes by themselves after this many pending polls (slow approval); undefined waits
   * for `approveDevice()` or the /devicelogin page.
   */
  deviceAutoApproveAfterPolls?: number;
  /** Decline device codes instead of approving them. */
  deviceDecline: boolean;
  /** Answer `slow_down` to this many polls first. */
  deviceSlowDownPolls: number;
  /** Conditional Access blocks device code sign-in (AADSTS53003). */
  blockDeviceCode: boolean;
  /** Resources that need consent before delegated tokens are issued (AADSTS65001). */
  consentRequired: Set<string>;
  /** Old refresh tokens stop working once rotated (stricter than Entra, to prove single use). */
  strictRefreshRotation: boolean;
  /** Refresh tokens expire after this many seconds (default 90 days). */
  refreshTokenLifetimeSeconds: number;
  /** The user who signs in by default on the pages and auto-approval. */
  defaultUser?: string;
}

/** Default knobs. */
export function defaultKnobs(): EntraKnobs {
  return {
    tokenLifetimeSeconds: 3600,
    deviceCodeExpiresIn: 900,
    deviceInterval: 5,
    deviceDecline: false,
    deviceSlowDownPolls: 0,
    blockDeviceCode: false,
    consentRequired: new Set(),
    strictRefreshRotation: false,
    refreshTokenLifetimeSeconds: 90 * 24 * 3600,
  };
}

/** A queued failure: the next matching token request fails with this AADSTS code. */
export interface EntraQueuedFailure {
  /** Grant type to match (`*` for any). */
  grant: string;
  aadsts: number;
  error: string;
  description: string;
  status: number;
}
