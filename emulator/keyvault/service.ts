/**
 * The emulated Azure Key Vault secrets API (data plane). Every vault lives under the emulator's URL:
 * `{emulator}/keyvault/{vault}` plays `https://{vault}.vault.azure.net`, so a secret spec for it reads
 * `keyvault:http://127.0.0.1:PORT/keyvault/ppx:NAME`. Any valid vault name is served (a vault springs
 * into being on first use).
 *
 * Like Key Vault it wants a bearer token for `https://vault.azure.net` from the vault's tenant and answers
 * 401 with a `WWW-Authenticate` challenge otherwise; requires `api-version`; keeps every version of a
 * secret; soft-deletes (the name stays taken until the secret is purged or recovered).
 *
 * @example
 * ```ts
 * import { keyVaultService, startEmulator } from "@pacx/emulator";
 * const kv = keyVaultService();
 * const emu = await startEmulator({ services: [kv] });
 * const token = await emu.tokens.issue({ aud: "https://vault.azure.net" });
 * await fetch(`${kv.vaultUrl("ppx")}/secrets/db-password?api-version=7.4`, {
 *   method: "PUT",
 *   headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
 *   body: JSON.stringify({ value: "s3cret" }),
 * });
 * await emu.close();
 * ```
 *
 * @module
 */

import { decodeJwt } from "jose";
import type { Router } from "../router.ts";
import type { EmulatorCore, EmulatorService } from "../server.ts";
import { EMULATOR_TENANT_ID } from "../tokens.ts";
import { EmulatedVault, SECRET_NAME, type StoredSecret, VAULT_NAME } from "./store.ts";
import { deletedBundle, kvError, kvJson, secretBundle, secretNotFound, unauthorized } from "./wire.ts";

/** The API versions the emulated vault answers to (Key Vault's data-plane versions). */
export const KEY_VAULT_API_VERSIONS: readonly string[] = [
  "2016-10-01",
  "7.0",
  "7.1",
  "7.2",
  "7.3",
  "7.4",
  "7.5",
  "7.6",
  "2025-07-01",
];

/** How to build the Key Vault service. */
export interface KeyVaultServiceOptions {
  /** The token audience the vaults accept (default `https://vault.azure.net`, the public cloud's). */
  audience?: string;
  /** The vaults' tenant: tokens from another tenant are refused (default the emulator's tenant). */
  tenantId?: string;
  /** The authority host named in the 401 challenge (default the emulator's own URL, its Entra). */
  authority?: string;
  /** Days a deleted secret can be recovered before it is purged (Key Vault: 7-90, default 90). */
  retentionDays?: number;
}

/** The service plus a control API for tests and the CLI. */
export interface KeyVaultEmulator extends EmulatorService {
  /** The audience tokens must carry. */
  readonly audience: string;
  /** The vaults' tenant. */
  readonly tenantId: string;
  /** A vault's base URL, e.g. `http://127.0.0.1:8750/keyvault/ppx` (once the emulator listens). */
  vaultUrl(vault: string): string;
  /** A vault's contents (created empty when new). */
  vault(name: string): EmulatedVault;
  /** Seeds a secret: adds a version, as `PUT` would. */
  setSecret(vault: string, name: string, value: string): void;
  /** The current value of a secret; undefined when absent or deleted. */
  secretValue(vault: string, name: string): string | undefined;
}

/** Builds the Key Vault service. */
export function keyVaultService(options: KeyVaultServiceOptions = {}): KeyVaultEmulator {
  const audience = (options.audience ?? "https://vault.azure.net").replace(/\/+$/, "");
  const tenantId = options.tenantId ?? EMULATOR_TENANT_ID;
  const retentionDays = options.retentionDays ?? 90;
  const vaults = new Map<string, EmulatedVault>();
  let core: EmulatorCore | undefined;
  const nowSeconds = () => Math.floor((core?.now() ?? Date.now()) / 1000);

  const vault = (name: string): EmulatedVault => {
    const key = name.toLowerCase();
    let v = vaults.get(key);
    if (!v) vaults.set(key, v = new EmulatedVault(key));
    return v;
  };
  const vaultUrl = (name: string): string => {
    if (!core) throw new Error("The Key Vault service is not registered with a running emulator.");
    return `${core.url}/keyvault/${name.toLowerCase()}`;
  };

  /** A 401 answer when the request has no acceptable token; undefined when it has one. */
  const authenticate = async (request: Request): Promise<Response | undefined> => {
    const deny = (message: string) =>
      unauthorized(message, `${(options.authority ?? core!.url).replace(/\/+$/, "")}/${tenantId}`, audience);
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    if (!token) return deny("AKV10000: Request is missing a Bearer or PoP token.");
    const payload = await core!.tokens.verify(token);
    if (!payload) {
      // Only to say why: the signature check above is what decides.
      let exp: number | undefined;
      try {
        exp = decodeJwt(token).exp;
      } catch {
        exp = undefined;
      }
      return deny(
        exp !== undefined && exp < nowSeconds()
          ? `The access token expired at ${new Date(exp * 1000).toISOString()}.`
          : "The access token is not valid: it is malformed or its signature does not verify.",
      );
    }
    if (!(await core!.tokens.verify(token, audience))) {
      return deny(`AKV10022: Invalid audience. Expected ${audience}, found: ${payload.aud ?? "(none)"}.`);
    }
    if (payload.tid !== tenantId) {
      return deny(
        `AKV10032: Invalid issuer. Expected one of ${core!.tokens.issuer(tenantId)}, found: ${payload.iss}.`,
      );
    }
    return undefined;
  };

  const handle = async (request: Request, url: URL): Promise<Response> => {
    const m = /^\/keyvault\/([^/]+)(?:\/(.*))?$/.exec(url.pathname);
    const segments = (m?.[2] ?? "").split("/");
    let names: string[];
    try {
      names = [m?.[1] ?? "", ...segments].map(decodeURIComponent);
    } catch {
      return kvError(400, "BadParameter", "The request URI is not correctly percent-encoded.");
    }
    const [vaultName, collection, name, tail] = names;
    if (!VAULT_NAME.test(vaultName)) {
      return kvError(
        400,
        "BadParameter",
        `'${vaultName}' is not a vault name: 3-24 letters, digits and dashes, starting with a letter.`,
      );
    }
    const denied = await authenticate(request);
    if (denied) return denied;
    const apiVersion = url.searchParams.get("api-version");
    if (!apiVersion) {
      return kvError(400, "BadParameter", "The api-version query parameter is missing; use for example 7.4.");
    }
    if (!KEY_VAULT_API_VERSIONS.includes(apiVersion)) {
      return kvError(
        400,
        "BadParameter",
        `The specified version (${apiVersion}) is not recognized. Consider using the latest supported version (7.6).`,
      );
    }
    const v = vault(vaultName);
    const base = vaultUrl(vaultName);
    if (collection === "secrets" && name === undefined && request.method === "GET") {
      return kvJson({
        value: v.list(nowSeconds()).map((s) => {
          const { value: _value, ...item } = secretBundle(base, s, latest(s), retentionDays, false);
          return { ...item, id: `${base}/secrets/${s.name}` };
        }),
        nextLink: null,
      });
    }
    if ((collection !== "secrets" && collection !== "deletedsecrets") || name === undefined) {
      return kvError(404, "NotFound", `The emulated vault has no ${url.pathname}.`);
    }
    if (!SECRET_NAME.test(name)) {
      return kvError(
        400,
        "BadParameter",
        `The secret name '${name}' is invalid: use 1-127 letters, digits and dashes.`,
      );
    }
    if (collection === "secrets") return await secrets(request, v, base, name, tail, segments.length);
    return deleted(request, v, base, name, tail);
  };

  const secrets = async (
    request: Request,
    v: EmulatedVault,
    base: string,
    name: string,
    version: string | undefined,
    depth: number,
  ): Promise<Response> => {
    const now = nowSeconds();
    if (request.method === "PUT" && version === undefined) {
      let body: {
        value?: unknown;
        contentType?: unknown;
        tags?: unknown;
        attributes?: { enabled?: unknown };
      };
      try {
        body = await request.json();
      } catch {
        return kvError(400, "BadParameter", "The request body is not valid JSON.");
      }
      if (typeof body?.value !== "string") {
        return kvError(400, "BadParameter", "Property 'value' is required and must be a string.");
      }
      if (v.find(name, now)?.deletedAt !== undefined) {
        return kvError(
          409,
          "Conflict",
          `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; ` +
            "in this state, the secret can only be recovered or purged.",
          { inner: "ObjectIsDeletedButRecoverable" },
        );
      }
      const { secret, version: added } = v.add(name, body.value, now, {
        contentType: typeof body.contentType === "string" ? body.contentType : undefined,
        tags: body.tags && typeof body.tags === "object" ? body.tags as Record<string, string> : undefined,
        enabled: body.attributes?.enabled === false ? false : undefined,
      });
      return kvJson(secretBundle(base, secret, added, retentionDays));
    }
    if (request.method === "DELETE" && version === undefined) {
      const secret = v.live(name, now);
      if (!secret) return secretNotFound(name);
      secret.deletedAt = now;
      secret.purgeAt = now + retentionDays * 86_400;
      return kvJson(deletedBundle(base, secret, retentionDays));
    }
    if (request.method === "GET" && depth <= 3) {
      const secret = v.live(name, now);
      // `secrets/NAME` and `secrets/NAME/` both mean the latest version.
      const found = secret &&
        (version ? secret.versions.find((x) => x.version === version.toLowerCase()) : latest(secret));
      if (!secret || !found) return secretNotFound(version ? `${name}/${version}` : name);
      if (!found.enabled) {
        return kvError(403, "Forbidden", "Operation get is not allowed on a disabled secret.", {
          inner: "SecretDisabled",
        });
      }
      return kvJson(secretBundle(base, secret, found, retentionDays));
    }
    return kvError(405, "MethodNotAllowed", `${request.method} is not supported on this secret path.`);
  };

  const deleted = (
    request: Request,
    v: EmulatedVault,
    base: string,
    name: string,
    action: string | undefined,
  ): Response => {
    const secret = v.find(name, nowSeconds());
    if (!secret || secret.deletedAt === undefined) {
      return kvError(404, "SecretNotFound", `Deleted Secret ${name} not found.`);
    }
    if (request.method === "GET" && action === undefined) {
      return kvJson(deletedBundle(base, secret, retentionDays));
    }
    if (request.method === "DELETE" && action === undefined) {
      v.purge(name);
      return new Response(null, { status: 204, headers: { "x-ms-request-id": crypto.randomUUID() } });
    }
    if (request.method === "POST" && action === "recover") {
      secret.deletedAt = undefined;
      secret.purgeAt = undefined;
      return kvJson(secretBundle(base, secret, latest(secret), retentionDays, false));
    }
    return kvError(
      405,
      "MethodNotAllowed",
      `${request.method} is not supported on this deleted-secret path.`,
    );
  };

  return {
    name: "keyvault",
    audience,
    tenantId,
    vaultUrl,
    vault,
    setSecret: (vaultName, name, value) => void vault(vaultName).add(name, value, nowSeconds()),
    secretValue: (vaultName, name) => {
      const secret = vault(vaultName).live(name, nowSeconds());
      return secret ? latest(secret).value : undefined;
    },
    register(router: Router, emulator: EmulatorCore) {
      core = emulator;
      router.add("*", "/keyvault/*", (request, match) => handle(request, match.url));
    },
  };
}

function latest(secret: StoredSecret) {
  return secret.versions[secret.versions.length - 1];
}
