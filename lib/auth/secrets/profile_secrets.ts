/**
 * Keeping a profile's keyring entries in step with the profile: removed with it, renamed with it. Only
 * entries ppx (or the Python PACX) created are touched: `ppx:<purpose>:<profile>` and
 * `pacx:refresh-token:<profile>`; secrets a user pointed a profile at (env, Key Vault, their own keyring
 * entries) are never deleted.
 *
 * @module
 */

import type { Profile } from "../../config/schema.ts";
import { KEYRING_SERVICE } from "./policy.ts";
import { keyringRef, parseSecretSpec } from "./spec.ts";
import type { SecretStore } from "./store.ts";

/** A keyring entry that could not be cleaned up, and why. */
export interface SecretCleanupFailure {
  /** The spec of the entry. */
  spec: string;
  /** Why it could not be cleaned up. */
  reason: string;
}

/** True for keyring specs ppx or PACX created for `profile`. */
export function ownedKeyringSpec(spec: string, profile: string): boolean {
  let parsed;
  try {
    parsed = parseSecretSpec(spec);
  } catch {
    return false;
  }
  if (parsed.backend !== "keyring") return false;
  const { service, account } = keyringRef(parsed.ref);
  if (service === "pacx") return account === `refresh-token:${profile}`;
  return service === KEYRING_SERVICE && account.endsWith(`:${profile}`);
}

/** Deletes the keyring entries a removed profile owned. Returns what could not be deleted. */
export async function forgetOwnedSecrets(
  secrets: SecretStore,
  profile: Profile,
): Promise<SecretCleanupFailure[]> {
  const failures: SecretCleanupFailure[] = [];
  for (const spec of Object.values(profile.secret_refs ?? {})) {
    if (!ownedKeyringSpec(spec, profile.name)) continue;
    try {
      await secrets.deleteSecret(spec);
    } catch (error) {
      failures.push({ spec, reason: (error as Error).message });
    }
  }
  return failures;
}

/**
 * After a rename, moves `ppx:<purpose>:<old>` keyring entries to `ppx:<purpose>:<new>` and updates the
 * profile's references. An entry that cannot be moved keeps working under its old name.
 */
export async function moveOwnedKeyringSecrets(
  secrets: SecretStore,
  from: string,
  to: string,
): Promise<SecretCleanupFailure[]> {
  const { doc } = await secrets.config.load();
  const refs = doc.profiles[to]?.secret_refs ?? {};
  const moved: Record<string, string> = {};
  const failures: SecretCleanupFailure[] = [];
  for (const [purpose, spec] of Object.entries(refs)) {
    if (!ownedKeyringSpec(spec, from) || !spec.startsWith(`keyring:${KEYRING_SERVICE}:`)) continue;
    const next = spec.slice(0, -from.length) + to;
    try {
      const value = await secrets.getSecret(spec);
      if (value === undefined) continue;
      await secrets.setSecret(next, value);
      await secrets.deleteSecret(spec);
      moved[purpose] = next;
    } catch (error) {
      failures.push({ spec, reason: (error as Error).message });
    }
  }
  if (Object.keys(moved).length) {
    await secrets.config.update((d) => {
      const p = d.profiles[to];
      if (p) p.secret_refs = { ...p.secret_refs, ...moved };
    });
  }
  return failures;
}
