/**
 * Keyring failures, specific enough to act on: which helper is missing and how to install it, no
 * Secret Service on the bus, a locked keyring, a helper that did not answer in time.
 *
 * @module
 */

import { ConfigError } from "../../errors.ts";
import { type Remedy, withRemedy } from "../remedy.ts";

/** Why the OS keyring could not be used. */
export type KeyringFailure =
  | "helper-missing"
  | "no-service"
  | "locked"
  | "timeout"
  | "failed"
  | "too-long"
  | "unsupported";

/** The OS keyring could not store, read or delete a secret. */
export class KeyringError extends ConfigError {
  /** The kind of failure (storage policy falls back on any of them). */
  readonly reason: KeyringFailure;
  /**
   * A failure of kind `reason`, with a message and a hint naming the fix (or, when the fix names a ppx
   * command, a remedy the CLI words and an empty hint).
   */
  constructor(reason: KeyringFailure, message: string, hint: string, remedy?: Remedy) {
    super(message, { code: `keyring.${reason}`, hint: hint || undefined });
    this.reason = reason;
    if (remedy) withRemedy(this, remedy);
  }
}
