/**
 * macOS: generic passwords in the login Keychain through `security`. Reads and deletes take only the
 * service and account as arguments; a write runs `security -i` and sends the command on stdin with the
 * secret hex-encoded (`-X`), so it never appears in any process's argument list.
 *
 * @module
 */

import { KeyringError } from "./errors.ts";
import { checkKeyringName, type Keyring } from "./keyring.ts";
import { type CommandResult, type CommandRunner, KEYRING_TIMEOUT_MS } from "./runner.ts";

const NOT_FOUND = 44; // errSecItemNotFound, as `security` reports it

function securityError(result: CommandResult): KeyringError {
  if (result.notFound) {
    return new KeyringError(
      "helper-missing",
      "security not found: /usr/bin/security is part of macOS",
      "Check PATH.",
    );
  }
  if (result.timedOut) {
    return new KeyringError(
      "timeout",
      `The Keychain did not answer within ${KEYRING_TIMEOUT_MS / 1000} s (it may be waiting for a prompt).`,
      "Unlock the login Keychain and try again.",
    );
  }
  const detail = result.stderr.trim().split("\n").at(-1) ?? "";
  if (result.code === 36 || /User interaction is not allowed|locked/i.test(result.stderr)) {
    return new KeyringError(
      "locked",
      `The login Keychain is locked (${detail}).`,
      "Unlock it: `security unlock-keychain login.keychain-db`.",
    );
  }
  return new KeyringError(
    "failed",
    `security failed: ${detail || `exit code ${result.code}`}`,
    "Check the Keychain.",
  );
}

function hex(text: string): string {
  return [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The stdin line `security -i` gets to store a secret. */
export function addPasswordCommand(service: string, account: string, secret: string): string {
  return `add-generic-password -U -s "${service}" -a "${account}" -l "${service}:${account}" -X ${
    hex(secret)
  }\n`;
}

/**
 * `security -i` reads its commands through a 4,096-byte line buffer: a longer line is cut, the password
 * stored short and the rest run as another command. Longer secrets are refused (the storage policy then
 * keeps them in the encrypted config file).
 */
export const MAX_COMMAND_LINE = 4000;

/** The macOS Keychain. */
export function macosKeyring(run: CommandRunner, timeoutMs = KEYRING_TIMEOUT_MS): Keyring {
  const check = (service: string, account: string) => {
    checkKeyringName("service", service);
    checkKeyringName("account", account);
  };
  return {
    backend: "macos-keychain",
    async get(service, account) {
      check(service, account);
      const result = await run({
        command: "security",
        args: ["find-generic-password", "-s", service, "-a", account, "-w"],
        timeoutMs,
      });
      if (result.code === 0) return result.stdout.replace(/\n$/, "");
      if (result.code === NOT_FOUND) return undefined;
      throw securityError(result);
    },
    async set(service, account, secret) {
      check(service, account);
      const line = addPasswordCommand(service, account, secret);
      if (new TextEncoder().encode(line).length > MAX_COMMAND_LINE) {
        throw new KeyringError(
          "too-long",
          `The secret is too long for the macOS Keychain through \`security -i\` (${secret.length} characters).`,
          "ppx keeps it in the config file instead (encrypted when PACX_CONFIG_ENCRYPTION_KEY is set).",
        );
      }
      const result = await run({
        command: "security",
        args: ["-i"],
        stdin: line,
        timeoutMs,
      });
      if (result.code !== 0 || /error|fail/i.test(result.stderr)) throw securityError(result);
    },
    async delete(service, account) {
      check(service, account);
      const result = await run({
        command: "security",
        args: ["delete-generic-password", "-s", service, "-a", account],
        timeoutMs,
      });
      if (result.code === 0) return true;
      if (result.code === NOT_FOUND) return false;
      throw securityError(result);
    },
  };
}
