/**
 * Whose token reads Key Vault secrets (`keyvault:` secret specs). A profile whose own secret is in the vault
 * cannot use itself to read it, so the vault is read, in order, by: the profile PPX_KEYVAULT_PROFILE names;
 * else the ambient credential (AZURE_* variables, CI OIDC, PPX_MANAGED_IDENTITY), as
 * DefaultAzureCredential would; else the invocation's own credential chain.
 *
 * @module
 */

import type { Env } from "../env.ts";
import { EntraTokens, environmentCredential, managedIdentityFromEnv } from "./entra/chain.ts";
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

/** What {@link keyVaultTokens} builds tokens from. */
export interface KeyVaultTokenOptions {
  /** The environment (PPX_KEYVAULT_PROFILE, AZURE_*, CI OIDC, PPX_MANAGED_IDENTITY). */
  env: Env;
  /** Config, secrets, fetch and clock of the sign-in. */
  deps: EntraProfileDeps;
  /** Receives the line naming the chosen credential (--debug). */
  trace?: (line: string) => void;
}

/**
 * The tokens that read Key Vault: the named profile's, the ambient credential's, or `invocation()` (this
 * invocation's own chain, built by the caller so it is shared rather than resolved twice).
 */
export function keyVaultTokens(options: KeyVaultTokenOptions, invocation: () => EntraTokens): EntraTokens {
  const identity = keyVaultIdentity(options.env, options.deps);
  const base = { env: options.env, deps: options.deps, trace: options.trace };
  if (identity.kind === "profile") return new EntraTokens({ ...base, profile: identity.profile });
  if (identity.kind === "ambient") return new EntraTokens({ ...base, ambientOnly: true });
  return invocation();
}
