/**
 * Whose token reads Key Vault secrets (`keyvault:` secret specs). A profile whose own secret is in the vault
 * cannot use itself to read it, so the vault is read, in order, by: the profile PPX_KEYVAULT_PROFILE names;
 * else the ambient credential (AZURE_* variables, CI OIDC, PPX_MANAGED_IDENTITY), as
 * DefaultAzureCredential would; else the invocation's own credential chain.
 *
 * @module
 */

import type { Env } from "../env.ts";
import { environmentCredential, managedIdentityFromEnv } from "./entra/chain.ts";
import type { EntraProfileDeps } from "./entra/profile.ts";

/** The identity that reads Key Vault: a named profile, the ambient credential, or this invocation's. */
export type KeyVaultIdentity =
  | { kind: "profile"; profile: string }
  | { kind: "ambient" }
  | { kind: "invocation" };

/** Decides the Key Vault identity from the environment (see the module comment). */
export function keyVaultIdentity(
  env: Env,
  deps: Pick<EntraProfileDeps, "fetch" | "clock">,
): KeyVaultIdentity {
  const named = env.get("PPX_KEYVAULT_PROFILE")?.trim();
  if (named) return { kind: "profile", profile: named };
  if (environmentCredential(env, deps) ?? managedIdentityFromEnv(env, deps)) return { kind: "ambient" };
  return { kind: "invocation" };
}
