/**
 * Linux: the freedesktop Secret Service (GNOME Keyring, KWallet) through `secret-tool` from libsecret.
 * Items carry the attributes `service` and `username`, like Python's keyring and gh, so either tool
 * finds the other's entries. The secret goes to `secret-tool store` on stdin.
 *
 * @module
 */

import { KeyringError } from "./errors.ts";
import { checkKeyringName, type Keyring } from "./keyring.ts";
import { type CommandResult, type CommandRunner, KEYRING_TIMEOUT_MS } from "./runner.ts";

const NO_SERVICE =
  /Cannot autolaunch D-Bus|Could not connect|ServiceUnknown|not provided by any \.service|NoReply|dbus-launch/i;
const LOCKED = /locked|IsLocked|Object does not exist at path|prompt|dismiss/i;

/** Turns a failed `secret-tool` run into a specific KeyringError. */
export function secretToolError(result: CommandResult): KeyringError {
  if (result.notFound) {
    return new KeyringError(
      "helper-missing",
      "secret-tool not found: install libsecret-tools",
      "On Debian/Ubuntu: `sudo apt-get install libsecret-tools`; on Fedora: `sudo dnf install libsecret`.",
    );
  }
  if (result.timedOut) {
    return new KeyringError(
      "timeout",
      `The keyring did not answer within ${
        KEYRING_TIMEOUT_MS / 1000
      } s (it may be waiting for an unlock prompt).`,
      "",
      { action: "fix", topic: "keyring.timeout" },
    );
  }
  const detail = result.stderr.trim().split("\n").at(-1) ?? "";
  if (NO_SERVICE.test(result.stderr)) {
    return new KeyringError(
      "no-service",
      `no Secret Service on the session bus (${detail})`,
      "Run ppx inside a desktop session with GNOME Keyring or KWallet, or start one: " +
        "`dbus-run-session -- sh -c 'echo pw | gnome-keyring-daemon --unlock --components=secrets; ...'`.",
    );
  }
  if (LOCKED.test(result.stderr)) {
    return new KeyringError(
      "locked",
      `The keyring is locked or has no default collection (${detail}).`,
      "Unlock it (log in to the desktop session, or `echo PASSWORD | gnome-keyring-daemon --unlock`).",
    );
  }
  return new KeyringError(
    "failed",
    `secret-tool failed: ${detail || `exit code ${result.code}`}`,
    "Check the keyring.",
  );
}

/** The Secret Service keyring. */
export function secretServiceKeyring(run: CommandRunner, timeoutMs = KEYRING_TIMEOUT_MS): Keyring {
  const attrs = (service: string, account: string) => {
    checkKeyringName("service", service);
    checkKeyringName("account", account);
    return ["service", service, "username", account];
  };
  return {
    backend: "secret-service",
    async get(service, account) {
      const result = await run({
        command: "secret-tool",
        args: ["lookup", ...attrs(service, account)],
        timeoutMs,
      });
      if (result.code === 0) return result.stdout;
      // No match: exit 1 and nothing on stderr.
      if (result.code === 1 && !result.stderr.trim() && !result.timedOut) return undefined;
      throw secretToolError(result);
    },
    async set(service, account, secret) {
      const result = await run({
        command: "secret-tool",
        args: ["store", `--label=${service}:${account}`, ...attrs(service, account)],
        stdin: secret,
        timeoutMs,
      });
      if (result.code !== 0) throw secretToolError(result);
    },
    async delete(service, account) {
      const result = await run({
        command: "secret-tool",
        args: ["clear", ...attrs(service, account)],
        timeoutMs,
      });
      if (result.code === 0) return true;
      if (result.code === 1 && !result.stderr.trim() && !result.timedOut) return false;
      throw secretToolError(result);
    },
  };
}
