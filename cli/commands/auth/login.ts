/** `ppx auth login [NAME]`: sign an existing Microsoft Entra profile in again (or the default one). */

import { Command } from "@commander-js/extra-typings";
import { loginProfile } from "../../../lib/auth/entra/login.ts";
import { resolveStoragePolicy } from "../../../lib/auth/secrets/policy.ts";
import { selectProfile } from "../../../lib/config/profiles.ts";
import { UsageError } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";
import { entraInteraction } from "./entra_deps.ts";

/** Builds `ppx auth login`. */
export default function authLogin(app: App) {
  return new Command("login")
    .description("Sign a Microsoft Entra profile in again (default: --profile, else the default profile)")
    .argument("[name]", "profile name")
    .option("--flow <flow>", "web | device for this sign-in (people only)")
    .option("--no-browser", "never open a browser (use a device code)")
    .option("--secure-storage", "refuse to store tokens in plaintext")
    .option("--insecure-storage", "store tokens in the config file instead of the OS keyring")
    .addHelpText(
      "after",
      "\nExamples:\n  ppx auth login\n  ppx auth login work --flow device\n\nTo create a profile: ppx auth create NAME --help\n",
    )
    .action(async (name, options, command) => {
      const ctx = app.context(command);
      const doc = await ctx.config();
      const profile = selectProfile(doc, name ?? ctx.globals.profile);
      if (!profile) {
        throw new UsageError("No profile to sign in.", {
          hint: "Create one: ppx auth create NAME --tenant-id TENANT (see `ppx auth create --help`).",
        });
      }
      if (profile.provider === "github") {
        throw new UsageError(`Profile '${profile.name}' is a GitHub profile.`, {
          hint: `Sign it in with \`ppx auth github ${profile.name}\`.`,
        });
      }
      const flow = options.browser === false ? "device" : options.flow;
      const storage = resolveStoragePolicy(options, doc.token_storage as string | undefined);
      const result = await loginProfile(
        { ...ctx.entraDeps(), storage },
        profile,
        entraInteraction(ctx, { browser: options.browser }),
        { flow },
      );
      for (const w of result.warnings) ctx.out.warn(w);
      for (const n of result.notices) ctx.out.notice(n);
      ctx.out.result({
        profile: profile.name,
        flow: result.usedFlow,
        account: result.account ?? null,
        tenant: result.tenant ?? null,
        expiresAt: new Date(result.expiresAt).toISOString(),
      }, `Signed in ${profile.name}${result.account ? ` as ${result.account}` : ""}.`);
    });
}
