/** `ppx auth logout [NAME]`: forget a profile's stored tokens (the profile itself stays). */

import { Command } from "@commander-js/extra-typings";
import { forget } from "../../../lib/auth/github/profile_store.ts";
import { selectProfile } from "../../../lib/config/profiles.ts";
import { UsageError } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";

/** Builds `ppx auth logout`. */
export default function authLogout(app: App) {
  return new Command("logout")
    .description(
      "Remove a profile's stored tokens; the profile and its settings stay (sign in with auth login)",
    )
    .argument("[name]", "profile name (default: --profile, else the default profile)")
    .action(async (name, _options, command) => {
      const ctx = app.context(command);
      const profile = selectProfile(await ctx.config(), name ?? ctx.globals.profile);
      if (!profile) throw new UsageError("No profile to sign out.", { hint: "Pass a profile name." });
      const tokenRefs = Object.entries(profile.secret_refs ?? {}).filter(([purpose]) =>
        purpose === "refresh_token" || purpose.startsWith("access_token")
      );
      for (const [, spec] of tokenRefs) await forget(ctx.secrets, spec);
      await ctx.configStore.update((doc) => {
        const p = doc.profiles[profile.name];
        if (!p) return;
        const refs = { ...p.secret_refs };
        for (const [purpose] of tokenRefs) delete refs[purpose];
        p.secret_refs = refs;
        delete p.access_token;
        delete p.refresh_token;
        delete p.token;
      });
      ctx.out.result(
        { profile: profile.name, signedOut: true },
        `Signed out ${profile.name}; its stored tokens are removed.`,
      );
    });
}
