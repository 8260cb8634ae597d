/**
 * The OS keyring as one small interface, with a backend per platform (Secret Service via `secret-tool`,
 * macOS Keychain via `security`, Windows Credential Manager via PowerShell). Secrets are addressed by
 * service and account, the same pair Python's `keyring` and gh use, so entries written by PACX are found.
 *
 * @module
 */

import { UsageError } from "../../errors.ts";

/** A place to keep secrets, addressed by (service, account). */
export interface Keyring {
  /** Which backend this is (shown by `ppx profile show`). */
  readonly backend: "secret-service" | "macos-keychain" | "windows-credential-manager";
  /** The secret, or undefined when there is none. */
  get(service: string, account: string): Promise<string | undefined>;
  /** Stores (or replaces) a secret. */
  set(service: string, account: string, secret: string): Promise<void>;
  /** Deletes a secret; false when there was none. */
  delete(service: string, account: string): Promise<boolean>;
}

/** Throws a UsageError unless a service or account name is safe to hand to every helper. */
export function checkKeyringName(kind: "service" | "account", value: string): void {
  if (!/^[A-Za-z0-9 ._:@/+=-]{1,200}$/.test(value)) {
    throw new UsageError(
      `The keyring ${kind} '${value}' contains characters ppx does not pass to the keyring.`,
      {
        hint: "Use letters, digits, spaces and . _ : @ / + = -",
      },
    );
  }
}
