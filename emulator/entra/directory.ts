/**
 * Registration from code: tenants, apps with secrets / certificates / federated credentials, users and
 * managed identities. The emulator's HTTP handlers read this directory.
 *
 * @module
 */

import { importX509 } from "jose";
import { EMULATOR_TENANT_ID } from "../tokens.ts";
import type {
  AppCertificate,
  EmulatedApp,
  EmulatedManagedIdentity,
  EmulatedUser,
  FederatedCredential,
} from "./state.ts";

/** The domain the default tenant answers to besides its id. */
export const EMULATOR_TENANT_DOMAIN = "contoso.onmicrosoft.com";

/** The Azure CLI's public client id, registered by default so `--client-id` can be omitted. */
export const DEFAULT_PUBLIC_CLIENT_ID = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

/** The user who signs in unless a test says otherwise. */
export const DEFAULT_USERNAME = "admin@contoso.onmicrosoft.com";

function b64u(bytes: Uint8Array): string {
  return bytes.toBase64({ alphabet: "base64url", omitPadding: true });
}

function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  const body = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
  return Uint8Array.fromBase64(body) as Uint8Array<ArrayBuffer>;
}

/** Options of `registerApp`. */
export interface AppRegistration {
  clientId?: string;
  tenantId?: string;
  displayName?: string;
  publicClient?: boolean;
  secrets?: (string | { value: string; expiresAt?: number })[];
  roles?: string[];
}

/** The emulated directory. */
export class Directory {
  /** tenant id -> verified domains. */
  readonly tenants: Map<string, string[]> = new Map([[EMULATOR_TENANT_ID, [EMULATOR_TENANT_DOMAIN]]]);
  readonly apps: Map<string, EmulatedApp> = new Map();
  readonly users: Map<string, EmulatedUser> = new Map();
  readonly identities: EmulatedManagedIdentity[] = [];

  constructor() {
    this.registerApp({
      clientId: DEFAULT_PUBLIC_CLIENT_ID,
      displayName: "Microsoft Azure CLI",
      publicClient: true,
    });
    this.addUser(DEFAULT_USERNAME);
  }

  /** Adds a tenant (with optional domains); returns its id. */
  addTenant(id: string = crypto.randomUUID(), domains: string[] = []): string {
    this.tenants.set(id, domains.map((d) => d.toLowerCase()));
    return id;
  }

  /** The tenant id for a path segment (id or domain); `multi` for organizations/common; undefined if unknown. */
  resolveTenant(segment: string): string | "multi" | undefined {
    const s = segment.toLowerCase();
    if (s === "organizations" || s === "common") return "multi";
    if (this.tenants.has(s)) return s;
    for (const [id, domains] of this.tenants) if (domains.includes(s)) return id;
    return undefined;
  }

  /** Registers an app; returns it. */
  registerApp(options: AppRegistration = {}): EmulatedApp {
    const app: EmulatedApp = {
      clientId: options.clientId ?? crypto.randomUUID(),
      tenantId: options.tenantId ?? EMULATOR_TENANT_ID,
      displayName: options.displayName ?? "ppx test app",
      servicePrincipalId: crypto.randomUUID(),
      publicClient: options.publicClient ?? false,
      secrets: (options.secrets ?? []).map((s) => typeof s === "string" ? { value: s } : s),
      certificates: [],
      federated: [],
      roles: options.roles ?? [],
    };
    this.apps.set(app.clientId.toLowerCase(), app);
    return app;
  }

  /** The app with this client id. */
  app(clientId: string | null | undefined): EmulatedApp | undefined {
    return clientId ? this.apps.get(clientId.toLowerCase()) : undefined;
  }

  /** Adds a client secret to an app. */
  addSecret(clientId: string, value: string, expiresAt?: number): void {
    this.#require(clientId).secrets.push({ value, expiresAt });
  }

  /** Registers a certificate's public part (PEM or DER) on an app. */
  async addCertificate(
    clientId: string,
    certificate: string | Uint8Array<ArrayBuffer>,
  ): Promise<AppCertificate> {
    const der = typeof certificate === "string" ? pemToDer(certificate) : certificate;
    const pem = `-----BEGIN CERTIFICATE-----\n${
      der.toBase64().replace(/.{64}/g, "$&\n")
    }\n-----END CERTIFICATE-----`;
    const cert: AppCertificate = {
      thumbprintSha256: b64u(new Uint8Array(await crypto.subtle.digest("SHA-256", der))),
      thumbprintSha1: b64u(new Uint8Array(await crypto.subtle.digest("SHA-1", der))),
      keys: {
        PS256: await importX509(pem, "PS256") as unknown as CryptoKey,
        RS256: await importX509(pem, "RS256") as unknown as CryptoKey,
      },
    };
    this.#require(clientId).certificates.push(cert);
    return cert;
  }

  /** Trusts tokens from an external issuer for a subject. */
  addFederatedCredential(
    clientId: string,
    credential: Omit<FederatedCredential, "audience"> & { audience?: string },
  ): void {
    this.#require(clientId).federated.push({ audience: "api://AzureADTokenExchange", ...credential });
  }

  /** Adds a user who can sign in. */
  addUser(username: string, options: { tenantId?: string; objectId?: string } = {}): EmulatedUser {
    const user = {
      username,
      objectId: options.objectId ?? crypto.randomUUID(),
      tenantId: options.tenantId ?? EMULATOR_TENANT_ID,
    };
    this.users.set(username.toLowerCase(), user);
    return user;
  }

  /** The user with this name. */
  user(username: string | null | undefined): EmulatedUser | undefined {
    return username ? this.users.get(username.toLowerCase()) : undefined;
  }

  /** Assigns a managed identity to the emulated host. */
  addManagedIdentity(
    options: { kind?: "system" | "user"; clientId?: string; objectId?: string; resourceId?: string } = {},
  ): EmulatedManagedIdentity {
    const identity: EmulatedManagedIdentity = {
      kind: options.kind ?? "system",
      clientId: options.clientId ?? crypto.randomUUID(),
      objectId: options.objectId ?? crypto.randomUUID(),
      resourceId: options.resourceId,
      tenantId: EMULATOR_TENANT_ID,
    };
    this.identities.push(identity);
    return identity;
  }

  /** Finds a managed identity by selector; the system-assigned one when no selector is given. */
  managedIdentity(
    selector: { clientId?: string | null; objectId?: string | null; resourceId?: string | null },
  ): EmulatedManagedIdentity | undefined {
    if (selector.clientId) return this.identities.find((i) => i.clientId === selector.clientId);
    if (selector.objectId) return this.identities.find((i) => i.objectId === selector.objectId);
    if (selector.resourceId) {
      return this.identities.find((i) => i.resourceId?.toLowerCase() === selector.resourceId?.toLowerCase());
    }
    return this.identities.find((i) => i.kind === "system");
  }

  #require(clientId: string): EmulatedApp {
    const app = this.app(clientId);
    if (!app) throw new Error(`emulator: no app ${clientId}`);
    return app;
  }
}
