/**
 * One API over every place a secret can live: the OS keyring, environment variables, the config file
 * (encrypted when a key is set) and Azure Key Vault. Sign-in code stores tokens with `storeToken`
 * (policy.ts) and reads them back with `getSecret` / `profileSecret`.
 *
 * @module
 */

import { withRemedy } from "../remedy.ts";
import type { Env } from "../../env.ts";
import { ConfigError, UsageError } from "../../errors.ts";
import type { ConfigStore } from "../../config/store.ts";
import { isEnvelope, isLegacyEncrypted } from "../../config/envelope.ts";
import type { ConfigData, Profile } from "../../config/schema.ts";
import type { Keyring } from "../keyring/keyring.ts";
import {
  checkVaultUrl,
  deleteKeyVaultSecret,
  getKeyVaultSecret,
  keyVaultAudience,
  type KeyVaultHttp,
  setKeyVaultSecret,
} from "./keyvault.ts";
import { formatSecretSpec, keyringRef, keyVaultRef, parseSecretSpec, type SecretSpec } from "./spec.ts";

/** What a SecretStore works with. */
export interface SecretStoreDeps {
  /** Environment variables (the `env` backend). */
  env: Env;
  /** The OS keyring (built lazily by the caller: nothing runs until a keyring secret is used). */
  keyring: () => Keyring;
  /** The config store (the `config` backend). */
  config: ConfigStore;
  /** HTTP clients for Key Vault, with a token for the vault audience. */
  keyVaultHttp?: KeyVaultHttp;
}

/** How a secret is stored, for `ppx profile show` (never the value). */
export type SecretStorage = "keyring" | "encrypted" | "plaintext" | "env" | "keyvault" | "missing";

/** Where one secret lives. */
export interface SecretLocation {
  /** The purpose (`refresh_token`, `client_secret`, ...). */
  purpose: string;
  /** The kind of storage. */
  storage: SecretStorage;
  /** A human-readable place, e.g. `OS keyring ppx:refresh-token:work`. */
  where: string;
  /** The spec, when the secret is referenced rather than inline. */
  spec?: string;
}

/** Reads, writes and deletes secrets by spec. */
export class SecretStore {
  readonly #deps: SecretStoreDeps;

  /** Builds a store; no backend is touched until a secret is used. */
  constructor(deps: SecretStoreDeps) {
    this.#deps = deps;
  }

  /** The config store file secrets live in. */
  get config(): ConfigStore {
    return this.#deps.config;
  }

  /** The OS keyring. */
  keyring(): Keyring {
    return this.#deps.keyring();
  }

  /** The secret, or undefined when the backend has none. */
  async getSecret(spec: string | SecretSpec): Promise<string | undefined> {
    const s = parseSecretSpec(spec);
    switch (s.backend) {
      case "env":
        return this.#deps.env.get(s.ref) || undefined;
      case "keyring": {
        const { service, account } = keyringRef(s.ref);
        return await this.keyring().get(service, account);
      }
      case "config": {
        const { doc } = await this.config.load();
        const value = doc.secrets?.[s.ref];
        return value === undefined || value === ""
          ? undefined
          : await this.config.reveal(doc, value, `secrets.${s.ref}`);
      }
      case "keyvault": {
        const { vaultUrl, name } = keyVaultRef(s.ref);
        return await getKeyVaultSecret(this.#vault(vaultUrl), name);
      }
    }
  }

  /** Stores a secret (env cannot be written). Config values are encrypted when a key is set. */
  async setSecret(spec: string | SecretSpec, value: string): Promise<void> {
    const s = parseSecretSpec(spec);
    switch (s.backend) {
      case "env":
        throw new UsageError(`ppx cannot set the environment variable ${s.ref}.`, {
          hint: `Export ${s.ref} in your shell or CI secrets instead.`,
        });
      case "keyring": {
        const { service, account } = keyringRef(s.ref);
        return await this.keyring().set(service, account, value);
      }
      case "config":
        return await this.config.update((doc) => {
          doc.secrets = { ...doc.secrets, [s.ref]: value };
        });
      case "keyvault": {
        const { vaultUrl, name } = keyVaultRef(s.ref);
        return await setKeyVaultSecret(this.#vault(vaultUrl), name, value);
      }
    }
  }

  /** Deletes a secret; false when there was none (env secrets are never deleted). */
  async deleteSecret(spec: string | SecretSpec): Promise<boolean> {
    const s = parseSecretSpec(spec);
    switch (s.backend) {
      case "env":
        return false;
      case "keyring": {
        const { service, account } = keyringRef(s.ref);
        return await this.keyring().delete(service, account);
      }
      case "config":
        return await this.config.update((doc) => {
          if (doc.secrets?.[s.ref] === undefined) return false;
          delete doc.secrets[s.ref];
          return true;
        });
      case "keyvault": {
        const { vaultUrl, name } = keyVaultRef(s.ref);
        return await deleteKeyVaultSecret(this.#vault(vaultUrl), name);
      }
    }
  }

  /**
   * A profile's secret by purpose: its reference in `secret_refs` first, then the inline field of the
   * same name (Python PACX kept `access_token` / `refresh_token` inline).
   */
  async profileSecret(doc: ConfigData, profile: Profile, purpose: string): Promise<string | undefined> {
    const spec = profile.secret_refs?.[purpose];
    if (spec) return await this.getSecret(spec);
    const inline = profile[purpose];
    if (typeof inline === "string" && inline !== "") {
      return await this.config.reveal(doc, inline, `profiles.${profile.name}.${purpose}`);
    }
    return undefined;
  }

  /** Where each of a profile's secrets lives, without reading any of them. */
  describeProfile(doc: ConfigData, profile: Profile): SecretLocation[] {
    const out: SecretLocation[] = [];
    for (const [purpose, spec] of Object.entries(profile.secret_refs ?? {})) {
      out.push({ purpose, spec, ...this.#describeSpec(doc, spec) });
    }
    for (const purpose of ["access_token", "refresh_token", "client_secret"]) {
      const value = profile[purpose];
      if (typeof value !== "string" || value === "" || profile.secret_refs?.[purpose]) continue;
      out.push({ purpose, ...describeStored(value, `config file (profiles.${profile.name}.${purpose})`) });
    }
    return out;
  }

  #describeSpec(doc: ConfigData, spec: string): { storage: SecretStorage; where: string } {
    let s: SecretSpec;
    try {
      s = parseSecretSpec(spec);
    } catch {
      return { storage: "missing", where: `unrecognised spec ${spec}` };
    }
    switch (s.backend) {
      case "env":
        return {
          storage: "env",
          where: `environment variable ${s.ref} (${this.#deps.env.get(s.ref) ? "set" : "not set"})`,
        };
      case "keyring":
        return {
          storage: "keyring",
          where: `OS keyring, service ${keyringRef(s.ref).service}, account ${keyringRef(s.ref).account}`,
        };
      case "keyvault":
        return {
          storage: "keyvault",
          where: `Azure Key Vault ${keyVaultRef(s.ref).vaultUrl}, secret ${keyVaultRef(s.ref).name}`,
        };
      case "config": {
        const value = doc.secrets?.[s.ref];
        if (typeof value !== "string" || value === "") {
          return { storage: "missing", where: `config file secret ${s.ref} (absent)` };
        }
        return describeStored(value, `config file (secrets.${s.ref})`);
      }
    }
  }

  #vault(vaultUrl: string) {
    checkVaultUrl(vaultUrl);
    if (!this.#deps.keyVaultHttp) {
      throw withRemedy(new ConfigError("Key Vault secrets need an HTTP client with credentials."), {
        action: "fix",
        topic: "keyvault.no-credentials",
      });
    }
    return this.#deps.keyVaultHttp(vaultUrl, keyVaultAudience(vaultUrl));
  }
}

function describeStored(value: string, place: string): { storage: SecretStorage; where: string } {
  if (isEnvelope(value)) return { storage: "encrypted", where: `${place}, encrypted (AES-256-GCM)` };
  if (isLegacyEncrypted(value)) return { storage: "encrypted", where: `${place}, encrypted (legacy Fernet)` };
  return { storage: "plaintext", where: `${place}, plaintext` };
}

export { formatSecretSpec };
