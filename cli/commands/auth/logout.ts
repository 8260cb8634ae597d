/** `ppx auth logout [NAME]`: forget a profile's stored tokens (the profile itself stays). */

import { Command } from "@commander-js/extra-typings";
import type { SignOutOptions } from "../../../lib/auth/sign_out.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";

/** Options of `auth logout` (and pac's `auth clear`, which is `--all`). */
export type AuthLogoutOptions = SignOutOptions;

/** Builds `ppx auth logout`. */
export default function authLogout(app: App, runF: RunF<AuthLogoutOptions> = runAuthLogout) {
  return build(app, "logout", runF);
}

/** Builds pac's `ppx auth clear` (every profile). */
export function authClear(app: App, runF: RunF<AuthLogoutOptions> = runAuthLogout) {
  return build(app, "clear", runF);
}

function build(app: App, verb: "logout" | "clear", runF: RunF<AuthLogoutOptions>) {
  return new Command(verb)
    .description(
      verb === "clear"
        ? "pac's `auth clear`: remove every profile's stored tokens (the profiles stay)"
        : "Remove a profile's stored tokens; the profile and its settings stay (sign in with auth login)",
    )
    .argument("[name]", "profile name (default: --profile, else the default profile)")
    .option("--all", "sign out every profile")
    .action(async (name, options, command) => {
      await runF({ name, all: options.all || verb === "clear" }, app.context(command));
    });
}

/** Signs out and confirms which profiles. */
export async function runAuthLogout(options: AuthLogoutOptions, ctx: Context): Promise<void> {
  // Loaded when the command runs, so `ppx auth --help` parses less (ADR 0023).
  const { signOut } = await import("../../../lib/auth/sign_out.ts");
  const names = await signOut({ ...options, name: options.name ?? ctx.globals.profile }, {
    config: ctx.configStore,
    secrets: ctx.secrets,
  });
  if (options.all) {
    if (ctx.out.machine) ctx.out.print(names.map((profile) => ({ profile, signedOut: true })));
    else ctx.out.success(`Signed out ${names.length} profile(s); their stored tokens are removed.`);
    return;
  }
  ctx.out.result(
    { profile: names[0], signedOut: true },
    `Signed out ${names[0]}; its stored tokens are removed.`,
  );
}
