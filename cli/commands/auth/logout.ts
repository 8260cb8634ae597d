/** `ppx auth logout [NAME]`: forget a profile's stored tokens (the profile itself stays). */

import { Command } from "@commander-js/extra-typings";
import { forget } from "../../../lib/auth/github/profile_store.ts";
import { selectProfile } from "../../../lib/config/profiles.ts";
import { UsageError } from "../../../lib/errors.ts";
import type { Profile } from "../../../lib/config/schema.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";

/** Builds `ppx auth logout`. */
export default function authLogout(app: App, verb: "logout" | "clear" = "logout") {
  return new Command(verb)
    .description(
      verb === "clear"
        ? "pac's `auth clear`: remove every profile's stored tokens (the profiles stay)"
        : "Remove a profile's stored tokens; the profile and its settings stay (sign in with auth login)",
    )
    .argument("[name]", "profile name (default: --profile, else the default profile)")
    .option("--all", "sign out every profile")
    .action(async (name, options, command) => {
      const ctx = app.context(command);
      const doc = await ctx.config();
      if (options.all || verb === "clear") {
        const names = Object.keys(doc.profiles).sort();
        for (const n of names) await signOut(ctx, doc.profiles[n]);
        if (ctx.out.machine) ctx.out.print(names.map((profile) => ({ profile, signedOut: true })));
        else ctx.out.success(`Signed out ${names.length} profile(s); their stored tokens are removed.`);
        return;
      }
      const profile = selectProfile(doc, name ?? ctx.globals.profile);
      if (!profile) throw new UsageError("No profile to sign out.", { hint: "Pass a profile name." });
      await signOut(ctx, profile);
      ctx.out.result(
        { profile: profile.name, signedOut: true },
        `Signed out ${profile.name}; its stored tokens are removed.`,
      );
    });
}

async function signOut(ctx: Context, profile: Profile): Promise<void> {
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
}
