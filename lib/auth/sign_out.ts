/**
 * The `ppx auth logout` use-case: forget a profile's stored tokens (keyring entries and file copies);
 * the profile and its settings stay, so `auth login` can sign it in again.
 *
 * @module
 */

import { selectProfile } from "../config/profiles.ts";
import type { Profile } from "../config/schema.ts";
import type { ConfigStore } from "../config/store.ts";
import { UsageError } from "../errors.ts";
import { forget } from "./github/profile_store.ts";
import type { SecretStore } from "./secrets/store.ts";

/** Options of {@link signOut}. */
export interface SignOutOptions {
  /** The profile; the default profile when undefined. */
  name?: string;
  /** Every profile. */
  all?: boolean;
}

/** What {@link signOut} needs. */
export interface SignOutDeps {
  /** The config store. */
  config: ConfigStore;
  /** Where the tokens are kept. */
  secrets: SecretStore;
}

/** Signs out the profile (or every profile); returns the names signed out, sorted. */
export async function signOut(options: SignOutOptions, deps: SignOutDeps): Promise<string[]> {
  const { doc } = await deps.config.load();
  if (options.all) {
    const names = Object.keys(doc.profiles).sort();
    for (const n of names) await forgetTokens(deps, doc.profiles[n]);
    return names;
  }
  const profile = selectProfile(doc, options.name);
  if (!profile) throw new UsageError("No profile to sign out.", { hint: "Pass a profile name." });
  await forgetTokens(deps, profile);
  return [profile.name];
}

async function forgetTokens(deps: SignOutDeps, profile: Profile): Promise<void> {
  const tokenRefs = Object.entries(profile.secret_refs ?? {}).filter(([purpose]) =>
    purpose === "refresh_token" || purpose.startsWith("access_token")
  );
  for (const [, spec] of tokenRefs) await forget(deps.secrets, spec);
  await deps.config.update((doc) => {
    const p = doc.profiles[profile.name];
    if (!p) return;
    const refs = { ...p.secret_refs };
    for (const [purpose] of tokenRefs) delete refs[purpose];
    p.secret_refs = refs;
    delete p.access_token;
    delete p.refresh_token;
    delete p.token;
  });
}
