/**
 * The config file's shape (schema version 1). Keys are snake_case like the Python PACX file, so a PACX
 * user's file loads unchanged. Every object keeps fields ppx does not know: they are carried through
 * every write, so a newer ppx (or another tool) never loses data to an older one.
 *
 * @module
 */

import type { EncryptionHeader } from "./envelope.ts";

/** The schema version this ppx writes. Files without `version` are Python PACX files (version 0). */
export const CONFIG_VERSION = 1;

/** Which identity provider a profile signs in with. */
export type Provider = "azure" | "github";

/**
 * How a profile signs in. Known values: `device` (device code), `browser` (interactive with a local
 * redirect), `client-credential` (app secret), `certificate`, `federated` (workload identity / OIDC),
 * `managed-identity`. Other values are kept as written.
 */
export type AuthFlow =
  | "device"
  | "browser"
  | "client-credential"
  | "certificate"
  | "federated"
  | "managed-identity"
  | (string & Record<never, never>);

/** What ppx knows about the tokens a profile last obtained (never the tokens themselves). */
export interface TokenMetadata {
  /** Access-token expiry, ISO 8601. */
  expires_at?: string;
  /** When the token was obtained, ISO 8601. */
  obtained_at?: string;
  /** Scopes the server actually granted. */
  scopes_granted?: string[];
  /** The signed-in account (UPN, GitHub login...). */
  account?: string;
  /** Fields ppx does not know are kept. */
  [extra: string]: unknown;
}

/**
 * Where a profile's secrets live, by purpose (`refresh_token`, `access_token`, `client_secret`, ...).
 * Each value is a secret spec `BACKEND:REF`: `keyring:SERVICE:USERNAME`, `env:VAR`, `config:NAME` (the
 * file's `secrets` map, encrypted when a key is set) or `keyvault:VAULT_URL:SECRET_NAME`.
 */
export type SecretRefs = Record<string, string>;

/** One profile. */
export interface Profile {
  /** The profile name (the key in `profiles` wins when they differ). */
  name: string;
  /** Identity provider. */
  provider: Provider;
  /** Entra tenant id (azure). */
  tenant_id?: string | null;
  /** App registration / OAuth app client id. */
  client_id?: string | null;
  /** Scopes requested at sign-in. */
  scopes?: string[];
  /** Sovereign cloud: `public` (default), `usgov`, `usgovhigh`, `dod`, `china`. */
  cloud?: string | null;
  /** How the profile signs in. */
  flow?: AuthFlow | null;
  /** Dataverse host for this profile (overrides the file's default). */
  dataverse_host?: string | null;
  /** Environment id for this profile (overrides the file's default). */
  environment_id?: string | null;
  /** Secret references by purpose. */
  secret_refs?: SecretRefs;
  /** Metadata of the last token obtained. */
  token?: TokenMetadata;
  /** Legacy inline tokens (Python PACX); plaintext, `enc:` Fernet or a ppx envelope. */
  access_token?: string | null;
  /** Legacy inline refresh token (Python PACX); prefer `secret_refs.refresh_token`. */
  refresh_token?: string | null;
  /** Inline client secret (encrypted when a key is set). */
  client_secret?: string | null;
  /** Fields ppx does not know are kept. */
  [extra: string]: unknown;
}

/** The whole file. */
export interface ConfigData {
  /** Schema version (CONFIG_VERSION when written by this ppx). */
  version: number;
  /** Name of the default profile: the Azure one (Dataverse, solutions, Power Platform). */
  default?: string | null;
  /** Name of the default GitHub profile (one default per provider; see `defaultProfileName`). */
  default_github?: string | null;
  /** Default Power Platform environment id (`ppx profile set-env`). */
  environment_id?: string | null;
  /** Default Dataverse host (`ppx profile set-host`). */
  dataverse_host?: string | null;
  /** Encryption header, present while the file holds envelope values. */
  encryption?: EncryptionHeader;
  /** Named secrets stored in the file (`config:NAME` specs); encrypted when a key is set. */
  secrets?: Record<string, string>;
  /** Profiles by name. */
  profiles: Record<string, Profile>;
  /** Fields ppx does not know are kept. */
  [extra: string]: unknown;
}

/** Profile fields that hold secrets and are encrypted at rest when a key is set. */
export const SENSITIVE_PROFILE_FIELDS: readonly string[] = ["access_token", "refresh_token", "client_secret"];

/** One place in the document that holds a secret value. */
export interface SecretSlot {
  /** Human-readable location, e.g. `profiles.work.refresh_token`. */
  where: string;
  /** The stored value (plaintext or encrypted). */
  value: string;
  /** Replaces the stored value. */
  set(value: string): void;
}

/** Every non-empty secret value in the document. */
export function secretSlots(doc: ConfigData): SecretSlot[] {
  const slots: SecretSlot[] = [];
  for (const [name, value] of Object.entries(doc.secrets ?? {})) {
    if (typeof value === "string" && value !== "") {
      slots.push({ where: `secrets.${name}`, value, set: (v) => (doc.secrets![name] = v) });
    }
  }
  for (const [profileName, profile] of Object.entries(doc.profiles)) {
    for (const field of SENSITIVE_PROFILE_FIELDS) {
      const value = profile[field];
      if (typeof value === "string" && value !== "") {
        slots.push({
          where: `profiles.${profileName}.${field}`,
          value,
          set: (v) => (profile[field] = v),
        });
      }
    }
  }
  return slots;
}

/** An empty config. */
export function emptyConfig(): ConfigData {
  return { version: CONFIG_VERSION, default: null, profiles: {} };
}
