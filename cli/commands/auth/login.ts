/** `ppx auth login [NAME]`: sign an existing Microsoft Entra profile in again (or the default one). */

import { Command } from "@commander-js/extra-typings";
import type { SignInAgainOptions } from "../../../lib/auth/entra/sign_in_again.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import { entraInteraction } from "./entra_deps.ts";

/** Options of `auth login`. */
export interface AuthLoginOptions extends SignInAgainOptions {
  /** False with --no-browser (which also means a device code). */
  browser?: boolean;
}

/** Builds `ppx auth login`. */
export default function authLogin(app: App, runF: RunF<AuthLoginOptions> = runAuthLogin) {
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
      await runF({
        name,
        flow: options.browser === false ? "device" : options.flow,
        browser: options.browser,
        secureStorage: options.secureStorage,
        insecureStorage: options.insecureStorage,
      }, app.context(command));
    });
}

/** Signs in and prints who, until when. */
export async function runAuthLogin(options: AuthLoginOptions, ctx: Context): Promise<void> {
  const { browser, ...rest } = options;
  // The sign-in flows (oauth4webapi, node:async_hooks) load when the command runs, not for `--help` (ADR 0023).
  const { signInAgain } = await import("../../../lib/auth/entra/sign_in_again.ts");
  const result = await signInAgain({ ...rest, name: rest.name ?? ctx.globals.profile }, {
    entra: ctx.entraDeps(),
    interaction: entraInteraction(ctx, { browser }),
  });
  for (const w of result.warnings) ctx.out.warn(w);
  for (const n of result.notices) ctx.out.notice(n);
  ctx.out.result({
    profile: result.profile,
    flow: result.usedFlow,
    account: result.account ?? null,
    tenant: result.tenant ?? null,
    expiresAt: new Date(result.expiresAt).toISOString(),
  }, `Signed in ${result.profile}${result.account ? ` as ${result.account}` : ""}.`);
}
