/**
 * Where tokens are stored, like gh: the OS keyring when it works; else the config file encrypted when a
 * key is set; else the config file in plaintext (mode 0600) with a warning that says so, or a refusal
 * when the user asked for secure storage. `insecure` skips the keyring on purpose.
 *
 * @module
 */

import { withRemedy } from "../remedy.ts";
import { ConfigError, UsageError } from "../../errors.ts";
import { KeyringError } from "../keyring/errors.ts";
import type { SecretStore } from "./store.ts";

/** The storage policy: `auto` (default), `secure` (--secure-storage), `insecure` (--insecure-storage). */
export type StoragePolicy = "auto" | "secure" | "insecure";

/** Where a token went. */
export interface StoredSecret {
  /** The spec to keep in the profile's `secret_refs`. */
  spec: string;
  /** Where it went. */
  storage: "keyring" | "encrypted" | "plaintext";
  /** A warning the CLI must show (plaintext fallback). */
  warning?: string;
  /** A notice worth showing (keyring unavailable, fell back to encrypted file). */
  notice?: string;
}

/** The keyring service ppx uses for its own entries. */
export const KEYRING_SERVICE = "ppx";

/**
 * Stores a token under `name` (e.g. `refresh-token:work`) following the policy. Returns the spec to
 * record in the profile. A keyring entry replaces any earlier file copy, so no stale copy lingers.
 */
export async function storeToken(
  secrets: SecretStore,
  name: string,
  value: string,
  policy: StoragePolicy = "auto",
): Promise<StoredSecret> {
  const file = secrets.config.path;
  let reason = "";
  if (policy !== "insecure") {
    try {
      await secrets.keyring().set(KEYRING_SERVICE, name, value);
      await secrets.deleteSecret(`config:${name}`);
      return { spec: `keyring:${KEYRING_SERVICE}:${name}`, storage: "keyring" };
    } catch (error) {
      if (!(error instanceof KeyringError)) throw error;
      reason = error.message;
    }
  }
  const encrypted = secrets.config.encrypting;
  if (!encrypted && policy === "secure") {
    throw withRemedy(
      new ConfigError(`No secure place to store the token: ${reason}; and no encryption key is set.`, {
        code: "storage.insecure-refused",
      }),
      { action: "fix", topic: "storage.insecure-refused" },
    );
  }
  await secrets.setSecret(`config:${name}`, value);
  const spec = `config:${name}`;
  if (encrypted) {
    return {
      spec,
      storage: "encrypted",
      notice: policy === "insecure"
        ? undefined
        : `OS keyring unavailable (${reason}); the token is stored encrypted in ${file}.`,
    };
  }
  return {
    spec,
    storage: "plaintext",
    warning: policy === "insecure"
      ? undefined
      : `Credentials saved in plain text in ${file} (readable only by you, mode 0600): ` +
        `the OS keyring is unavailable (${reason}). Set PACX_CONFIG_ENCRYPTION_KEY to encrypt them, or pass ` +
        "--secure-storage to refuse plaintext.",
  };
}

/**
 * The policy for one sign-in: `--secure-storage` / `--insecure-storage` flags first, then the
 * `token_storage` setting, else `auto`.
 */
export function resolveStoragePolicy(
  flags: { secureStorage?: boolean; insecureStorage?: boolean },
  setting: string | null | undefined,
): StoragePolicy {
  if (flags.secureStorage && flags.insecureStorage) {
    throw new UsageError("--secure-storage and --insecure-storage cannot be used together.", {
      hint: "Pick one.",
    });
  }
  if (flags.secureStorage) return "secure";
  if (flags.insecureStorage) return "insecure";
  return setting === "secure" || setting === "insecure" ? setting : "auto";
}
