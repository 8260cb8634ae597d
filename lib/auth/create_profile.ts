/**
 * Creating a sign-in profile: keep the secrets it was given, save it, and sign it in with the provider's
 * own step (injected), giving the default back when that sign-in fails (`signInOrRollBack`). The profile
 * itself is built from the command's options by the caller; this is the part every provider shares.
 *
 * @module
 */

import type { Profile } from "../config/schema.ts";
import type { ConfigStore } from "../config/store.ts";
import { saveNewProfile, signInOrRollBack } from "./new_profile.ts";
import { type StoragePolicy, storeToken } from "./secrets/policy.ts";
import type { SecretStore } from "./secrets/store.ts";

/** A secret the new profile keeps, recorded under `purpose` in its `secret_refs`. */
export type NewProfileSecret =
  /** A value stored by the storage policy (keyring, else encrypted/plain config) under `name`. */
  | { purpose: string; value: string; name: string; quiet?: boolean }
  /** A value stored at an exact spec the user chose (e.g. `keyring:service:account`). */
  | { purpose: string; value: string; spec: string }
  /** A reference only: the secret lives elsewhere (`env:VAR`, `keyvault:...`). */
  | { purpose: string; ref: string };

/** Options of {@link createProfile}. */
export interface CreateProfileOptions {
  /** The profile to save (replaces one of the same name). */
  profile: Profile;
  /** Secrets to keep for it; their specs land in `secret_refs`. */
  secrets?: NewProfileSecret[];
  /** Take the default from another profile (default true; the first profile always becomes the default). */
  setDefault?: boolean;
  /** Sign in after saving (default true). */
  login?: boolean;
}

/** What {@link createProfile} needs; `signIn` is the provider's own step. */
export interface CreateProfileDeps<R> {
  /** The config store. */
  config: ConfigStore;
  /** Where secrets go. */
  secrets: SecretStore;
  /** The token storage policy (auto, secure, insecure). */
  storage: StoragePolicy;
  /** Signs the saved profile in (device code, app credential...); its result is handed back. */
  signIn: (profile: Profile) => Promise<R>;
}

/** What became of a new profile. */
export interface CreatedProfile<R> {
  /** The profile's name. */
  profile: string;
  /** Whether it is (still) the default of its provider after saving. */
  default: boolean;
  /** What storing its secrets has to say: a plaintext fallback (warnings), a keyring fallback (notices). */
  warnings: string[];
  notices: string[];
  /** The sign-in: not tried (`login: false`), done, or failed (the profile stays saved for a retry). */
  signIn:
    | { status: "skipped" }
    | { status: "ok"; result: R }
    | { status: "failed"; error: unknown; restoredDefault?: string };
}

/**
 * Stores the profile's secrets, saves it (the default rule of `saveNewProfile`) and signs it in unless
 * `login` is false. A failed sign-in is returned, not thrown, with the default given back.
 */
export async function createProfile<R>(
  options: CreateProfileOptions,
  deps: CreateProfileDeps<R>,
): Promise<CreatedProfile<R>> {
  const warnings: string[] = [];
  const notices: string[] = [];
  const refs: Record<string, string> = {};
  for (const secret of options.secrets ?? []) {
    if ("ref" in secret) {
      refs[secret.purpose] = secret.ref;
    } else if ("spec" in secret) {
      await deps.secrets.setSecret(secret.spec, secret.value);
      refs[secret.purpose] = secret.spec;
    } else {
      const stored = await storeToken(deps.secrets, secret.name, secret.value, deps.storage);
      refs[secret.purpose] = stored.spec;
      if (secret.quiet) continue;
      if (stored.warning) warnings.push(stored.warning);
      if (stored.notice) notices.push(stored.notice);
    }
  }
  const profile: Profile = Object.keys(refs).length
    ? { ...options.profile, secret_refs: { ...options.profile.secret_refs, ...refs } }
    : options.profile;
  const saved = await saveNewProfile(deps.config, profile, { setDefault: options.setDefault });
  const base = { profile: profile.name, default: saved.outcome !== "kept", warnings, notices };
  if (options.login === false) return { ...base, signIn: { status: "skipped" } };
  const outcome = await signInOrRollBack(deps.config, saved, deps.signIn);
  if (outcome.ok) return { ...base, signIn: { status: "ok", result: outcome.result } };
  return {
    ...base,
    signIn: {
      status: "failed",
      error: outcome.error,
      ...(outcome.restoredDefault ? { restoredDefault: outcome.restoredDefault } : {}),
    },
  };
}
