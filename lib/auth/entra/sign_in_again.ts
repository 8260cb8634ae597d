/**
 * The `ppx auth login` use-case: sign an existing Microsoft Entra profile in again (the named one, else
 * the default), with the flow it was created with or one chosen for this sign-in.
 *
 * @module
 */

import { selectProfile } from "../../config/profiles.ts";
import { UsageError } from "../../errors.ts";
import { withRemedy } from "../remedy.ts";
import { resolveStoragePolicy } from "../secrets/policy.ts";
import { type EntraInteraction, loginProfile, type LoginResult } from "./login.ts";
import type { EntraProfileDeps } from "./profile.ts";

/** Options of {@link signInAgain}. */
export interface SignInAgainOptions {
  /** The profile; the default Entra profile when undefined. */
  name?: string;
  /** `web` or `device` for this sign-in only (people's flows). */
  flow?: string;
  /** Refuse plaintext token storage. */
  secureStorage?: boolean;
  /** Keep tokens in the config file. */
  insecureStorage?: boolean;
}

/** What {@link signInAgain} needs: the Entra sign-in deps and how it reaches the person. */
export interface SignInAgainDeps {
  /** Config, secrets, env, fetch, clock. */
  entra: EntraProfileDeps;
  /** Device code, browser, notices. */
  interaction: EntraInteraction;
}

/**
 * Signs the profile in again. No profile at all, or a GitHub profile, is a UsageError whose remedy says
 * how to create or sign in the right one.
 */
export async function signInAgain(options: SignInAgainOptions, deps: SignInAgainDeps): Promise<LoginResult> {
  const { doc } = await deps.entra.config.load();
  const profile = selectProfile(doc, options.name);
  if (!profile) throw withRemedy(new UsageError("No profile to sign in."), { action: "entra-create" });
  if (profile.provider === "github") {
    throw withRemedy(new UsageError(`Profile '${profile.name}' is a GitHub profile.`), {
      action: "github-profile",
      profile: profile.name,
    });
  }
  const storage = resolveStoragePolicy(options, doc.token_storage as string | undefined);
  return await loginProfile({ ...deps.entra, storage }, profile, deps.interaction, { flow: options.flow });
}
