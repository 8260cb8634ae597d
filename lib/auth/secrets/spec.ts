/**
 * Secret specs: where a secret lives, written `BACKEND:REF`.
 *
 * | backend    | ref                      | example                                         |
 * |------------|--------------------------|-------------------------------------------------|
 * | `keyring`  | `SERVICE:USERNAME`       | `keyring:ppx:refresh-token:work`                |
 * | `env`      | `VAR`                    | `env:PPX_CLIENT_SECRET`                          |
 * | `config`   | `NAME` (file `secrets`)  | `config:refresh-token:work`                     |
 * | `keyvault` | `VAULT_URL:SECRET_NAME`  | `keyvault:https://kv1.vault.azure.net:sp-secret`|
 *
 * `keyring` refs split on the first `:` (PACX's rule, so `pacx:refresh-token:NAME` is service `pacx`),
 * `keyvault` refs on the last one (the URL has its own colons). A vault URL may carry a path only for the
 * emulator (`keyvault:http://127.0.0.1:8750/keyvault/ppx:NAME`); plain http or a path anywhere else is refused
 * as soon as the spec is parsed (keyvault.ts `checkVaultUrl`).
 *
 * @module
 */

import { UsageError } from "../../errors.ts";
import { checkVaultUrl } from "./keyvault.ts";

/** The secret backends. */
export const SECRET_BACKENDS = ["keyring", "env", "config", "keyvault"] as const;
/** One secret backend. */
export type SecretBackend = typeof SECRET_BACKENDS[number];

/** A parsed secret spec. */
export interface SecretSpec {
  /** Which backend holds the secret. */
  backend: SecretBackend;
  /** The backend-specific reference. */
  ref: string;
}

/** Parses `BACKEND:REF` (or passes a parsed spec through). Throws UsageError with the accepted forms. */
export function parseSecretSpec(spec: string | SecretSpec): SecretSpec {
  if (typeof spec !== "string") return checkRef(spec);
  const colon = spec.indexOf(":");
  const backend = (colon < 0 ? spec : spec.slice(0, colon)).toLowerCase();
  if (colon < 0 || !(SECRET_BACKENDS as readonly string[]).includes(backend)) {
    throw new UsageError(`'${spec}' is not a secret spec.`, {
      hint: "Use keyring:SERVICE:USERNAME, env:VAR, config:NAME or keyvault:VAULT_URL:SECRET_NAME.",
    });
  }
  return checkRef({ backend: backend as SecretBackend, ref: spec.slice(colon + 1) });
}

/** The spec as text. */
export function formatSecretSpec(spec: SecretSpec): string {
  return `${spec.backend}:${spec.ref}`;
}

/** Splits a keyring ref on its first colon. */
export function keyringRef(ref: string): { service: string; account: string } {
  const colon = ref.indexOf(":");
  return { service: ref.slice(0, colon), account: ref.slice(colon + 1) };
}

/** Splits a Key Vault ref on its last colon. */
export function keyVaultRef(ref: string): { vaultUrl: string; name: string } {
  const colon = ref.lastIndexOf(":");
  return { vaultUrl: ref.slice(0, colon).replace(/\/+$/, ""), name: ref.slice(colon + 1) };
}

function checkRef(spec: SecretSpec): SecretSpec {
  const bad = (form: string) =>
    new UsageError(`'${spec.backend}:${spec.ref}' is not a valid ${spec.backend} secret spec.`, {
      hint: `Use ${form}.`,
    });
  switch (spec.backend) {
    case "keyring": {
      const { service, account } = keyringRef(spec.ref);
      if (!spec.ref.includes(":") || !service || !account) throw bad("keyring:SERVICE:USERNAME");
      break;
    }
    case "env":
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(spec.ref)) throw bad("env:VARIABLE_NAME");
      break;
    case "config":
      if (!spec.ref || spec.ref.length > 200) throw bad("config:NAME");
      break;
    case "keyvault": {
      const { vaultUrl, name } = keyVaultRef(spec.ref);
      if (
        !/^(https:\/\/[^/?#]+|http:\/\/[^/?#]+(\/[^?#]*)?)$/.test(vaultUrl) ||
        !/^[0-9A-Za-z-]{1,127}$/.test(name)
      ) {
        throw bad("keyvault:https://VAULT.vault.azure.net:SECRET_NAME");
      }
      // Refused when it is set (a flag, a profile), like every other URL, not only when it is first used.
      checkVaultUrl(vaultUrl);
      break;
    }
  }
  return spec;
}
