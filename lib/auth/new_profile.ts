/**
 * Saving a new sign-in profile and signing it in, with one rule for every provider: the new profile becomes
 * the default unless `setDefault` is false, and always when there is no default yet (`upsertProfile`). A
 * profile saved before its sign-in (Entra) gives the default back when the sign-in fails, so a profile that
 * cannot sign in never takes over; it stays saved for a retry.
 *
 * @module
 */

import { upsertProfile } from "../config/profiles.ts";
import type { Profile } from "../config/schema.ts";
import type { ConfigStore } from "../config/store.ts";

/** How saving changed the default: it was taken over, it was set where none was, or it stayed. */
export type DefaultOutcome = "default" | "promoted" | "kept";

/** A profile as saved, and what happened to the default. */
export interface SavedProfile {
  /** The profile as stored (after migration and merging). */
  profile: Profile;
  /** How the default changed. */
  outcome: DefaultOutcome;
  /** The default before, when this profile took it over. */
  previousDefault?: string;
}

/** Saves (or replaces) `profile`; see the module comment for the default. */
export async function saveNewProfile(
  config: ConfigStore,
  profile: Profile,
  options: { setDefault?: boolean } = {},
): Promise<SavedProfile> {
  let previousDefault: string | undefined;
  const outcome = await config.update((doc): DefaultOutcome => {
    const hadDefault = !!doc.default && !!doc.profiles[doc.default];
    previousDefault = hadDefault ? doc.default ?? undefined : undefined;
    upsertProfile(doc, profile, { setDefault: options.setDefault !== false });
    return doc.default === profile.name ? (hadDefault ? "default" : "promoted") : "kept";
  });
  const saved = (await config.load()).doc.profiles[profile.name];
  return { profile: saved, outcome, ...(outcome === "default" ? { previousDefault } : {}) };
}

/** The end of a sign-in: its result, or its error and the default that was given back. */
export type SignInOutcome<R> =
  | { ok: true; result: R }
  | { ok: false; error: unknown; restoredDefault?: string };

/** Runs `signIn` for a saved profile; on failure gives the default back to the profile that had it. */
export async function signInOrRollBack<R>(
  config: ConfigStore,
  saved: SavedProfile,
  signIn: (profile: Profile) => Promise<R>,
): Promise<SignInOutcome<R>> {
  try {
    return { ok: true, result: await signIn(saved.profile) };
  } catch (error) {
    const restore = saved.previousDefault;
    if (restore) {
      await config.update((doc) => {
        if (doc.default === saved.profile.name && doc.profiles[restore]) doc.default = restore;
      });
    }
    return { ok: false, error, ...(restore ? { restoredDefault: restore } : {}) };
  }
}
