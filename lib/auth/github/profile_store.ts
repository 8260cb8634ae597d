/**
 * How a GitHub profile keeps its tokens: the access token, refresh token and (optionally) the client
 * secret go through the secrets API's storage policy (OS keyring, else the config file encrypted when a
 * key is set, else plaintext with a warning); the profile records only references and metadata
 * (host, scopes granted, account login, expiry).
 *
 * @module
 */

import type { Clock } from "../../clock.ts";
import type { ConfigStore } from "../../config/store.ts";
import type { Profile, TokenMetadata } from "../../config/schema.ts";
import type { HttpClient } from "../../http/client.ts";
import { KeyringError } from "../keyring/errors.ts";
import { KEYRING_SERVICE, type StoragePolicy, type StoredSecret, storeToken } from "../secrets/policy.ts";
import type { SecretStore } from "../secrets/store.ts";
import type { GitHubTokenSet } from "./token_set.ts";

/** What profile-level GitHub operations work with. */
export interface GitHubProfileDeps {
  /** The config file holding the profiles (references and metadata, never token values). */
  config: ConfigStore;
  /** Where token and client-secret values are stored, per `storage`. */
  secrets: SecretStore;
  /** For refreshes and `GET /user`. */
  http: HttpClient;
  /** Decides whether a stored token has expired; stamps token metadata. */
  clock: Clock;
  /** Where tokens go (default `auto`). */
  storage?: StoragePolicy;
}

/** Secret names of a profile's GitHub credentials. */
export function githubSecretNames(
  profile: string,
): { access: string; refresh: string; clientSecret: string } {
  return {
    access: `github-access-token:${profile}`,
    refresh: `github-refresh-token:${profile}`,
    clientSecret: `github-client-secret:${profile}`,
  };
}

/** Where each stored token went, and what the user should be told about it. */
export interface SavedTokens {
  /** New `secret_refs` entries (`access_token`, and `refresh_token` when there is one): specs, not values. */
  refs: Record<string, string>;
  /** Where the access token went. */
  storage: StoredSecret["storage"];
  /** Informational messages, e.g. the keyring was unavailable; deduplicated. */
  notices: string[];
  /** Messages the user must see, e.g. a plaintext fallback; deduplicated. */
  warnings: string[];
}

/** Stores a token set under the profile's names; removes a refresh token left from an earlier sign-in. */
export async function saveGitHubTokens(
  deps: GitHubProfileDeps,
  profile: string,
  tokens: GitHubTokenSet,
  previous?: Profile,
): Promise<SavedTokens> {
  const names = githubSecretNames(profile);
  const policy = deps.storage ?? "auto";
  const refs: Record<string, string> = {};
  const notices = new Set<string>();
  const warnings = new Set<string>();
  const access = await storeToken(deps.secrets, names.access, tokens.accessToken, policy);
  refs.access_token = access.spec;
  collect(access, notices, warnings);
  if (tokens.refreshToken) {
    const refresh = await storeToken(deps.secrets, names.refresh, tokens.refreshToken, policy);
    refs.refresh_token = refresh.spec;
    collect(refresh, notices, warnings);
  } else if (previous?.secret_refs?.refresh_token) {
    await forget(deps.secrets, previous.secret_refs.refresh_token);
  }
  return { refs, storage: access.storage, notices: [...notices], warnings: [...warnings] };
}

/** Stores a client secret for later refreshes; returns the spec. */
export async function saveGitHubClientSecret(
  deps: GitHubProfileDeps,
  profile: string,
  secret: string,
): Promise<StoredSecret> {
  return await storeToken(
    deps.secrets,
    githubSecretNames(profile).clientSecret,
    secret,
    deps.storage ?? "auto",
  );
}

/** Token metadata for the profile (never the token itself). */
export function githubTokenMetadata(
  tokens: GitHubTokenSet,
  account: string | undefined,
  scopes: string[],
  now: number,
): TokenMetadata {
  const meta: TokenMetadata = { obtained_at: new Date(now).toISOString(), scopes_granted: scopes };
  if (account) meta.account = account;
  if (tokens.expiresAt !== undefined) meta.expires_at = new Date(tokens.expiresAt).toISOString();
  if (tokens.refreshTokenExpiresAt !== undefined) {
    meta.refresh_expires_at = new Date(tokens.refreshTokenExpiresAt).toISOString();
  }
  return meta;
}

/** Deletes a stored secret, ignoring a keyring that is gone (the entry is then unreachable anyway). */
export async function forget(secrets: SecretStore, spec: string): Promise<void> {
  if (spec.startsWith("env:")) return;
  try {
    await secrets.deleteSecret(spec);
  } catch (error) {
    if (!(error instanceof KeyringError)) throw error;
  }
}

/**
 * Reads a profile secret: its recorded spec first, then the keyring entry, then the config entry of the
 * same name, then the legacy inline field. A keyring that fails to answer moves on to the next place.
 */
export async function readGitHubSecret(
  secrets: SecretStore,
  profile: Profile,
  purpose: "access_token" | "refresh_token" | "client_secret",
  name: string,
): Promise<string | undefined> {
  const specs = [profile.secret_refs?.[purpose], `keyring:${KEYRING_SERVICE}:${name}`, `config:${name}`];
  for (const spec of [...new Set(specs)]) {
    if (!spec) continue;
    try {
      const value = await secrets.getSecret(spec);
      if (value) return value;
    } catch (error) {
      if (!(error instanceof KeyringError)) throw error;
    }
  }
  const inline = profile[purpose];
  if (typeof inline === "string" && inline !== "") {
    const { doc } = await secrets.config.load();
    return await secrets.config.reveal(doc, inline, `profiles.${profile.name}.${purpose}`);
  }
  return undefined;
}

function collect(stored: StoredSecret, notices: Set<string>, warnings: Set<string>): void {
  if (stored.notice) notices.add(stored.notice);
  if (stored.warning) warnings.add(stored.warning);
}
