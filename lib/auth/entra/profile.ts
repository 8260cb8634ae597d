/**
 * Entra profiles: which credential a saved profile signs in with, and where its tokens live. The
 * refresh token follows the storage policy (keyring, else encrypted config, else plaintext with a
 * warning, or refused with --secure-storage). Access tokens are kept per audience only where storage is
 * secure (keyring or encrypted config); otherwise they live in memory for one invocation and are
 * renewed from the refresh token or the app credential. Only references and expiry metadata are written
 * to the profile, never a token.
 *
 * @module
 */

import type { Clock } from "../../clock.ts";
import type { Profile } from "../../config/schema.ts";
import type { ConfigStore } from "../../config/store.ts";
import type { Env } from "../../env.ts";
import { AuthError, ConfigError } from "../../errors.ts";
import { readGitHubSecret as readProfileSecret } from "../github/profile_store.ts";
import { KeyringError } from "../keyring/errors.ts";
import { type FixTopic, withRemedy } from "../remedy.ts";
import { KEYRING_SERVICE, type StoragePolicy, storeToken } from "../secrets/policy.ts";
import type { SecretStore } from "../secrets/store.ts";
import { keyVaultRef } from "../secrets/spec.ts";
import { parseCertificate } from "./certificate.ts";
import {
  type AppIdentity,
  certificateCredential,
  clientSecretCredential,
  type Credential,
  federatedCredential,
  managedIdentityCredential,
  userCredential,
} from "./credential.ts";
import { azureDevOpsAssertion, githubActionsAssertion, tokenFileAssertion } from "./federated.ts";

/** The flows an Entra profile can use (`web` is accepted as another name for `browser`). */
export const ENTRA_FLOWS = [
  "device",
  "browser",
  "client-credential",
  "certificate",
  "federated",
  "managed-identity",
] as const;

/** One of ENTRA_FLOWS. */
export type EntraFlow = typeof ENTRA_FLOWS[number];

/** The Azure CLI's public client id, used when a user profile names no app of its own. */
export const DEFAULT_CLIENT_ID = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

/** Normalises a `--flow` value. */
export function normalizeFlow(value: string | null | undefined): EntraFlow | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase();
  if (v === "web" || v === "interactive") return "browser";
  if (v === "device-code" || v === "devicecode") return "device";
  if (v === "client-secret" || v === "secret" || v === "spn") return "client-credential";
  if (v === "cert") return "certificate";
  if (v === "mi" || v === "msi") return "managed-identity";
  return (ENTRA_FLOWS as readonly string[]).includes(v) ? v as EntraFlow : undefined;
}

/** True for flows that sign in a person (and keep a refresh token). */
export function isUserFlow(flow: string | null | undefined): boolean {
  const f = normalizeFlow(flow);
  return f === "device" || f === "browser";
}

/** Keyring / config names of a profile's Entra secrets. */
export function entraSecretNames(profile: string): {
  refresh: string;
  clientSecret: string;
  access: (scope: string) => string;
} {
  return {
    refresh: `entra-refresh-token:${profile}`,
    clientSecret: `entra-client-secret:${profile}`,
    access: (scope) =>
      `entra-access-token:${scope.replace(/^https?:\/\//, "").replace(/[^A-Za-z0-9.-]+/g, "_")}:${profile}`,
  };
}

/** What Entra profile operations need. */
export interface EntraProfileDeps {
  config: ConfigStore;
  secrets: SecretStore;
  env: Env;
  fetch: typeof fetch;
  clock: Clock;
  /** Where tokens go (default `auto`). */
  storage?: StoragePolicy;
}

function str(profile: Profile, key: string): string | undefined {
  const v = profile[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** The app identity (tenant, client, cloud, authority) of a profile. */
export function profileIdentity(deps: EntraProfileDeps, profile: Profile): AppIdentity {
  return {
    tenant: profile.tenant_id ?? "organizations",
    clientId: profile.client_id ?? DEFAULT_CLIENT_ID,
    cloud: profile.cloud,
    authority: str(profile, "authority"),
    env: deps.env,
    fetch: deps.fetch,
    clock: deps.clock,
    context: { profile: profile.name },
  };
}

/** A profile that cannot sign in for want of a part: an auth failure (exit 4), as every other one. */
/** The fix is a hint in plain words, or a topic the CLI words (it names a flag or command). */
function missing(profile: Profile, what: string, fix: { hint: string } | FixTopic): AuthError {
  const message = `Profile '${profile.name}' has no ${what}.`;
  const code = "auth.profile-incomplete";
  if (typeof fix === "object") return new AuthError(message, { code, hint: fix.hint });
  return withRemedy(new AuthError(message, { code }), { action: "fix", topic: fix, profile: profile.name });
}

/** The credential a profile signs in with. */
export function profileCredential(deps: EntraProfileDeps, profile: Profile): Credential {
  const identity = profileIdentity(deps, profile);
  const flow = normalizeFlow(profile.flow) ?? "device";
  const names = entraSecretNames(profile.name);
  const needApp = () => {
    if (!profile.tenant_id || !profile.client_id) {
      throw missing(
        profile,
        "tenant or client id",
        "entra.recreate-app",
      );
    }
  };
  switch (flow) {
    case "client-credential":
      needApp();
      return clientSecretCredential(identity, async () => {
        const secret = await readProfileSecret(deps.secrets, profile, "client_secret", names.clientSecret);
        if (!secret) {
          const spec = profile.secret_refs?.client_secret;
          throw missing(
            profile,
            spec?.startsWith("env:") ? `client secret: ${spec.slice(4)} is not set` : "client secret",
            spec?.startsWith("env:")
              ? { hint: `Set ${spec.slice(4)} to the app's secret value.` }
              : "entra.store-secret",
          );
        }
        return secret;
      });
    case "certificate": {
      needApp();
      const path = str(profile, "certificate_path");
      if (!path) {
        throw missing(
          profile,
          "certificate path",
          "entra.certificate-path",
        );
      }
      return certificateCredential(identity, async () => {
        const passwordSpec = profile.secret_refs?.certificate_password;
        const password = passwordSpec ? await deps.secrets.getSecret(passwordSpec) : undefined;
        if (password === undefined && passwordSpec?.startsWith("keyvault:")) {
          // Without this the key fails to decrypt and the user is sent looking for a wrong password.
          const { vaultUrl, name } = keyVaultRef(passwordSpec.slice("keyvault:".length));
          throw missing(
            profile,
            `certificate password: Key Vault ${vaultUrl} has no secret ${name}`,
            {
              hint:
                `Store it in the vault under that name, or point secret_refs.certificate_password of '${profile.name}' at the secret that holds it.`,
            },
          );
        }
        let bytes: Uint8Array;
        try {
          bytes = await Deno.readFile(path);
        } catch {
          throw withRemedy(
            new ConfigError(`Cannot read the certificate file ${path}.`, { code: "auth.certificate" }),
            {
              action: "fix",
              topic: "entra.certificate-file",
            },
          );
        }
        return await parseCertificate(bytes, { password, path });
      });
    }
    case "federated": {
      needApp();
      const source = str(profile, "federated_source") ?? "github";
      if (source === "file") {
        const file = str(profile, "federated_token_file") ?? deps.env.get("AZURE_FEDERATED_TOKEN_FILE");
        if (!file) {
          throw missing(
            profile,
            "federated token file",
            "entra.federated-file",
          );
        }
        return federatedCredential(identity, tokenFileAssertion(file));
      }
      if (source === "azure-devops") {
        return federatedCredential(
          identity,
          azureDevOpsAssertion(deps.env, deps.fetch, str(profile, "service_connection_id")),
        );
      }
      return federatedCredential(identity, githubActionsAssertion(deps.env, deps.fetch));
    }
    case "managed-identity":
      return managedIdentityCredential({
        clientId: str(profile, "managed_identity_client_id"),
        objectId: str(profile, "managed_identity_object_id"),
        resourceId: str(profile, "managed_identity_resource_id"),
      }, deps);
    default:
      return userCredential(identity, {
        read: () => readProfileSecret(deps.secrets, profile, "refresh_token", names.refresh),
        write: (token) => saveRefreshToken(deps, profile.name, token).then(() => {}),
      });
  }
}

/** Stores a (new or rotated) refresh token and records where it went; returns the user-facing warning. */
export async function saveRefreshToken(
  deps: EntraProfileDeps,
  profile: string,
  token: string,
): Promise<{ warning?: string; notice?: string }> {
  const stored = await storeToken(
    deps.secrets,
    entraSecretNames(profile).refresh,
    token,
    deps.storage ?? "auto",
  );
  await deps.config.update((doc) => {
    const p = doc.profiles[profile];
    if (!p) return;
    p.secret_refs = { ...p.secret_refs, refresh_token: stored.spec };
    // A legacy inline copy (Python PACX) must not outlive the stored one.
    delete p.refresh_token;
  });
  return { warning: stored.warning, notice: stored.notice };
}

/**
 * Keeps an access token for later invocations, only where it is protected: the keyring, or the config
 * file when it is encrypted. Returns the spec, or undefined when it stays in memory only.
 */
export async function saveAccessToken(
  deps: EntraProfileDeps,
  profile: string,
  scope: string,
  token: string,
): Promise<string | undefined> {
  if ((deps.storage ?? "auto") === "insecure" && !deps.secrets.config.encrypting) return undefined;
  const name = entraSecretNames(profile).access(scope);
  if ((deps.storage ?? "auto") !== "insecure") {
    try {
      await deps.secrets.keyring().set(KEYRING_SERVICE, name, token);
      return `keyring:${KEYRING_SERVICE}:${name}`;
    } catch (error) {
      if (!(error instanceof KeyringError)) throw error;
    }
  }
  if (!deps.secrets.config.encrypting) return undefined;
  await deps.secrets.setSecret(`config:${name}`, token);
  return `config:${name}`;
}
