/**
 * The profile use-cases that change the config: choose the default, delete (with the keyring entries ppx
 * made for it), rename (moving those entries), and set a profile's (or the global) default environment
 * or Dataverse host. Each change is one locked, atomic config update.
 *
 * @module
 */

import {
  deleteProfile,
  getProfile,
  normalizeHost,
  renameProfile,
  useProfile,
} from "../../config/profiles.ts";
import type { ConfigStore } from "../../config/store.ts";
import { InvalidValueError } from "../../errors.ts";
import {
  forgetOwnedSecrets,
  moveOwnedKeyringSecrets,
  type SecretCleanupFailure,
} from "../secrets/profile_secrets.ts";
import type { SecretStore } from "../secrets/store.ts";

/** What changing profiles needs. */
export interface ProfileChangeDeps {
  /** The config store. */
  config: ConfigStore;
}

/** What changing profiles and their keyring entries needs. */
export interface ProfileSecretsDeps extends ProfileChangeDeps {
  /** The secrets API (keyring entries owned by a profile move or go with it). */
  secrets: SecretStore;
}

/** Options of {@link useDefaultProfile}. */
export interface UseProfileOptions {
  /** The profile to make the default of its provider. */
  name: string;
}

/** Makes a profile the default of its provider. */
export async function useDefaultProfile(
  options: UseProfileOptions,
  deps: ProfileChangeDeps,
): Promise<{ default: string }> {
  await deps.config.update((doc) => useProfile(doc, options.name));
  return { default: options.name };
}

/** Options of {@link removeProfile}. */
export interface RemoveProfileOptions {
  /** The profile to delete. */
  name: string;
}

/** What {@link removeProfile} needs: the stores, and a confirmation asked once the profile is known to exist. */
export interface RemoveProfileDeps extends ProfileSecretsDeps {
  /** Resolves to go ahead; throws (CancelledError) to stop with nothing deleted. */
  confirm: (name: string) => Promise<void>;
}

/** Deletes a profile and the keyring entries ppx stored for it; `failures` lists entries left behind. */
export async function removeProfile(
  options: RemoveProfileOptions,
  deps: RemoveProfileDeps,
): Promise<{ deleted: string; failures: SecretCleanupFailure[] }> {
  getProfile((await deps.config.load()).doc, options.name);
  await deps.confirm(options.name);
  const removed = await deps.config.update((doc) => deleteProfile(doc, options.name));
  const failures = await forgetOwnedSecrets(deps.secrets, removed);
  return { deleted: options.name, failures };
}

/** Options of {@link renameProfileAndSecrets}. */
export interface RenameProfileOptions {
  /** The current name. */
  from: string;
  /** The new name. */
  to: string;
}

/** Renames a profile (it stays the default if it was); `failures` lists keyring entries kept under the old name. */
export async function renameProfileAndSecrets(
  options: RenameProfileOptions,
  deps: ProfileSecretsDeps,
): Promise<{ renamed: string; to: string; failures: SecretCleanupFailure[] }> {
  const { from, to } = options;
  await deps.config.update((doc) => renameProfile(doc, from, to));
  const failures = await moveOwnedKeyringSecrets(deps.secrets, from, to);
  return { renamed: from, to, failures };
}

const ENVIRONMENT_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/;

/** Options of {@link setDefaultEnvironment}. */
export interface SetEnvironmentOptions {
  /** The Power Platform environment id, as typed. */
  environmentId: string;
  /** Set it on this profile only; globally when undefined. */
  profile?: string;
}

/**
 * Sets the default environment id, globally or on one profile. A malformed id is an InvalidValueError
 * carrying the id as typed.
 */
export async function setDefaultEnvironment(
  options: SetEnvironmentOptions,
  deps: ProfileChangeDeps,
): Promise<{ environment_id: string; profile: string | null }> {
  const value = options.environmentId.trim();
  if (!ENVIRONMENT_ID.test(value)) {
    throw new InvalidValueError(options.environmentId, "an environment id");
  }
  await deps.config.update((doc) => {
    if (options.profile) getProfile(doc, options.profile).environment_id = value;
    else doc.environment_id = value;
  });
  return { environment_id: value, profile: options.profile ?? null };
}

/** Options of {@link setDefaultHost}. */
export interface SetHostOptions {
  /** The Dataverse host or URL, as typed. */
  host: string;
  /** Set it on this profile only; globally when undefined. */
  profile?: string;
}

/** Sets the default Dataverse host (normalised), globally or on one profile. */
export async function setDefaultHost(
  options: SetHostOptions,
  deps: ProfileChangeDeps,
): Promise<{ dataverse_host: string; profile: string | null }> {
  const value = normalizeHost(options.host);
  await deps.config.update((doc) => {
    if (options.profile) getProfile(doc, options.profile).dataverse_host = value;
    else doc.dataverse_host = value;
  });
  return { dataverse_host: value, profile: options.profile ?? null };
}
