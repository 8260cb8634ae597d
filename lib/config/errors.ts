/**
 * The specific ways a config file can fail. Each names the fix, because a config problem is always
 * something the user has to act on (set a key, repair a file, wait for another ppx).
 *
 * @module
 */

import { ConfigError, type PpxErrorOptions } from "../errors.ts";

/** The names of the encryption key variables, in the order ppx reads them. */
export const KEY_VARIABLES: readonly string[] = ["PPX_CONFIG_ENCRYPTION_KEY", "PACX_CONFIG_ENCRYPTION_KEY"];

/** The file holds encrypted values but no key is set. */
export class EncryptionKeyMissingError extends ConfigError {
  /** `path` is the config file. */
  constructor(path: string, options: PpxErrorOptions = {}) {
    super(`${path} holds encrypted values but no encryption key is set.`, {
      code: "config.key-missing",
      hint: "Set PACX_CONFIG_ENCRYPTION_KEY (or PPX_CONFIG_ENCRYPTION_KEY) to the key or passphrase " +
        "the file was encrypted with. If the key is lost, see `Recovering from a lost key` in the user manual.",
      ...options,
    });
  }
}

/** A key is set but it is not the one the values were encrypted with. */
export class EncryptionKeyWrongError extends ConfigError {
  /** `path` is the config file. */
  constructor(path: string, options: PpxErrorOptions = {}) {
    super(`The encryption key does not decrypt ${path}: it is not the key the file was encrypted with.`, {
      code: "config.key-wrong",
      hint: "Check PACX_CONFIG_ENCRYPTION_KEY (a 32-byte urlsafe-base64 key or the passphrase, " +
        "without extra spaces). Nothing was changed.",
      ...options,
    });
  }
}

/** An encrypted value is malformed or was altered, while the key itself is right. */
export class EncryptedDataDamagedError extends ConfigError {
  /** `where` names the damaged value, e.g. `profiles.work.refresh_token`. */
  constructor(path: string, where: string, options: PpxErrorOptions = {}) {
    super(`An encrypted value in ${path} is damaged (${where}).`, {
      code: "config.damaged",
      hint: "Remove the damaged value (or sign in again to replace it); the file was left unchanged.",
      ...options,
    });
  }
}

/** The file is not valid JSON, or not the shape of a ppx config. It is never overwritten. */
export class ConfigParseError extends ConfigError {
  /** 1-based line of the problem, when known. */
  readonly line?: number;
  /** 1-based column of the problem, when known. */
  readonly column?: number;
  /** `at` is the 1-based position of a JSON syntax error. */
  constructor(path: string, detail: string, at?: { line: number; column: number }) {
    super(
      at
        ? `${path} is not valid JSON at line ${at.line}, column ${at.column}: ${detail}`
        : `${path} is not a valid ppx config: ${detail}`,
      {
        code: "config.invalid",
        hint: "Fix the file by hand or move it away; ppx does not overwrite a file it cannot read.",
      },
    );
    this.line = at?.line;
    this.column = at?.column;
  }
}

/** Another process held the config lock for longer than ppx waits. */
export class ConfigLockedError extends ConfigError {
  /** `holder` describes the process holding the lock. */
  constructor(lockPath: string, holder: string) {
    super(`The config file is locked by ${holder} (${lockPath}).`, {
      code: "config.locked",
      hint: "Wait for the other ppx command to finish. If none is running, delete the lock file.",
    });
  }
}
