/**
 * The OS keyring for the platform ppx runs on.
 *
 * @example
 * ```ts
 * import { createKeyring, denoRunner, processEnv } from "@pacx/cli";
 * const keyring = createKeyring({ os: Deno.build.os, runner: denoRunner(processEnv()) });
 * await keyring.set("ppx", "demo", "s3cret");
 * ```
 *
 * @module
 */

import { KeyringError } from "./errors.ts";
import type { Keyring } from "./keyring.ts";
import { secretServiceKeyring } from "./linux.ts";
import { macosKeyring } from "./macos.ts";
import type { CommandRunner } from "./runner.ts";
import { windowsKeyring } from "./windows.ts";

export * from "./errors.ts";
export * from "./keyring.ts";
export * from "./runner.ts";
export { secretServiceKeyring } from "./linux.ts";
export { addPasswordCommand, macosKeyring } from "./macos.ts";
export { credentialScript, encodeCommand, windowsKeyring } from "./windows.ts";

/** Picks the backend for an OS (`Deno.build.os`). */
export function createKeyring(options: { os: string; runner: CommandRunner; timeoutMs?: number }): Keyring {
  switch (options.os) {
    case "darwin":
      return macosKeyring(options.runner, options.timeoutMs);
    case "windows":
      return windowsKeyring(options.runner, options.timeoutMs);
    case "linux":
    case "freebsd":
    case "netbsd":
    case "openbsd":
    case "illumos":
    case "solaris":
    case "android":
      return secretServiceKeyring(options.runner, options.timeoutMs);
    default:
      return unsupportedKeyring(options.os);
  }
}

function unsupportedKeyring(os: string): Keyring {
  const fail = (): never => {
    throw new KeyringError(
      "unsupported",
      `No OS keyring support on ${os}.`,
      "Use an encryption key instead.",
    );
  };
  return { backend: "secret-service", get: fail, set: fail, delete: fail };
}
