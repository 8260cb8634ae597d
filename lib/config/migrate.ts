/**
 * Turns whatever is on disk into the current schema. Migrations run on load, in memory; the file is
 * rewritten in the new shape on the next write. Version 0 is the Python PACX file (no `version` field).
 *
 * @module
 */

import { ConfigParseError } from "./errors.ts";
import { CONFIG_VERSION, type ConfigData, type Profile, type SecretRefs } from "./schema.ts";

/** The result of bringing a parsed file up to date. */
export interface Migrated {
  /** The document in the current schema. */
  doc: ConfigData;
  /** The version the file had (0 for Python PACX files). */
  fromVersion: number;
}

/** A parsed JSON object. */
export type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/**
 * Validates the top-level shape and migrates to the current version. Throws ConfigParseError for a
 * value that is not a config at all (it is then left untouched on disk).
 */
export function migrate(raw: unknown, path: string): Migrated {
  if (!isObject(raw)) throw new ConfigParseError(path, "the top level must be a JSON object");
  const fromVersion = raw.version === undefined ? 0 : raw.version;
  if (typeof fromVersion !== "number" || !Number.isInteger(fromVersion) || fromVersion < 0) {
    throw new ConfigParseError(path, "`version` must be a whole number");
  }
  if (raw.profiles !== undefined && raw.profiles !== null && !isObject(raw.profiles)) {
    throw new ConfigParseError(path, "`profiles` must be an object of profile name to profile");
  }
  if (raw.secrets !== undefined && !isObject(raw.secrets)) {
    throw new ConfigParseError(path, "`secrets` must be an object of name to value");
  }
  // A newer file is read as it is; the store refuses to write it (see ConfigStore.update).
  if (fromVersion > CONFIG_VERSION) return { doc: raw as ConfigData, fromVersion };

  const doc: ConfigData = {
    ...raw,
    version: CONFIG_VERSION,
    default: stringOrNull(raw.default),
    profiles: {},
  };
  if (raw.environment_id !== undefined) doc.environment_id = stringOrNull(raw.environment_id);
  if (raw.dataverse_host !== undefined) doc.dataverse_host = stringOrNull(raw.dataverse_host);
  for (const [name, value] of Object.entries((raw.profiles ?? {}) as Json)) {
    // PACX skipped non-object entries too; there is nothing in them to keep.
    if (isObject(value)) doc.profiles[name] = migrateProfile(name, value);
  }
  return { doc, fromVersion };
}

/** Brings one profile (from any earlier version) to the current shape. */
export function migrateProfile(name: string, raw: Json): Profile {
  const p: Json = { ...raw, name };
  if (p.provider !== "azure" && p.provider !== "github") p.provider = "azure";

  // PACX kept the first scope in `scope` and all of them in `scopes`.
  const scopes: string[] = [];
  for (const s of [p.scope, ...(Array.isArray(p.scopes) ? p.scopes : [])]) {
    if (typeof s === "string" && s !== "" && !scopes.includes(s)) scopes.push(s);
  }
  delete p.scope;
  if (scopes.length || Array.isArray(p.scopes)) p.scopes = scopes;

  const refs: SecretRefs = isObject(p.secret_refs) ? { ...p.secret_refs } as SecretRefs : {};
  const secretEnv = stringOrNull(p.client_secret_env);
  const backend = stringOrNull(p.secret_backend)?.toLowerCase();
  const ref = stringOrNull(p.secret_ref);
  if (secretEnv && !refs.client_secret) {
    refs.client_secret = `env:${secretEnv}`;
    delete p.client_secret_env;
    if (!backend || !ref) {
      // Empty leftovers; a complete backend pair stays as PACX's fallback after the variable.
      delete p.secret_backend;
      delete p.secret_ref;
    }
  } else if (backend && ref && !refs.client_secret) {
    refs.client_secret = `${backend}:${ref}`;
    delete p.secret_backend;
    delete p.secret_ref;
    if (p.client_secret_env === null) delete p.client_secret_env;
  }
  const hasClientSecret = Boolean(refs.client_secret || p.client_secret);

  const rtBackend = stringOrNull(p.refresh_token_backend);
  const rtRef = stringOrNull(p.refresh_token_ref);
  if (rtBackend && rtRef && !refs.refresh_token) refs.refresh_token = `${rtBackend}:${rtRef}`;
  if (p.refresh_token_backend !== undefined || p.refresh_token_ref !== undefined) {
    if (!rtBackend || !rtRef || refs.refresh_token === `${rtBackend}:${rtRef}`) {
      delete p.refresh_token_backend;
      delete p.refresh_token_ref;
    }
  }
  const tokBackend = stringOrNull(p.token_backend)?.toLowerCase();
  const tokRef = stringOrNull(p.token_ref);
  if (tokBackend && tokRef) {
    const purpose = tokBackend === "keyring" && tokRef.includes(":refresh-token:")
      ? "refresh_token"
      : "access_token";
    if (!refs[purpose]) {
      refs[purpose] = `${tokBackend}:${tokRef}`;
      delete p.token_backend;
      delete p.token_ref;
    }
  } else if (p.token_backend !== undefined || p.token_ref !== undefined) {
    delete p.token_backend;
    delete p.token_ref;
  }
  if (Object.keys(refs).length) p.secret_refs = refs;

  if (p.flow === undefined || p.flow === null) {
    // PACX: `use_device_code` true -> device code; false -> interactive browser; absent (oldest files)
    // -> device code unless the profile has a client secret.
    if (hasClientSecret && p.use_device_code !== true) p.flow = "client-credential";
    else if (p.use_device_code === false) p.flow = "browser";
    else p.flow = "device";
  }
  delete p.use_device_code;
  for (const key of ["tenant_id", "client_id", "dataverse_host", "environment_id"]) {
    if (p[key] !== undefined) p[key] = stringOrNull(p[key]);
  }
  return p as Profile;
}
