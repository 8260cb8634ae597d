/** `ppx auth status [PROFILE]`: which profiles can get a token, as whom, with which scopes. */

import { Command } from "@commander-js/extra-typings";
import { getProfile, profileNames } from "../../../lib/config/profiles.ts";
import type { App } from "../../app.ts";
import { githubDeps } from "./github_deps.ts";
import { githubStatusRows, githubStatusView } from "./github_status.ts";
import { azureStatusRows, azureStatusView } from "./azure_status.ts";
import { environmentCredential, managedIdentityFromEnv } from "../../../lib/auth/entra/chain.ts";
import { firstEnv } from "../../../lib/env.ts";

/** Builds `ppx auth status`. */
export default function authStatus(app: App) {
  return new Command("status")
    .description("Show each profile's account, scopes and whether its token works (exit 4 if one does not)")
    .argument("[profile]", "only this profile")
    .addHelpText("after", "\nExamples:\n  ppx auth status\n  ppx auth status work --json\n")
    .action(async (profile, _options, command) => {
      const ctx = app.context(command);
      const { doc } = await githubDeps(ctx).config.load();
      const names = profile ? [getProfile(doc, profile).name] : profileNames(doc);
      const github = names.filter((n) => doc.profiles[n].provider === "github");
      const rows: Record<string, unknown>[] = [];
      const views: Record<string, unknown>[] = [];
      let failed = false;
      for (const row of await githubStatusRows(ctx, github)) {
        failed ||= !row.ok;
        rows.push({ ...row });
        views.push(githubStatusView(row));
      }
      const azure = names.filter((n) => doc.profiles[n].provider !== "github").map((n) => doc.profiles[n]);
      const deps = { fetch: ctx.fetch, clock: ctx.clock };
      const fromEnv = !profile && !!(firstEnv(ctx.env, "PPX_ACCESS_TOKEN", "PACX_ACCESS_TOKEN") ||
        environmentCredential(ctx.env, deps) || managedIdentityFromEnv(ctx.env, deps));
      for (const row of await azureStatusRows(ctx, azure, fromEnv)) {
        failed ||= !row.ok;
        rows.push({ ...row });
        views.push(azureStatusView(row));
      }
      if (!rows.length) {
        ctx.out.notice(
          "No profiles yet: create one with `ppx auth create NAME` (Azure) or `ppx auth github NAME`.",
        );
        return;
      }
      ctx.out.result(
        rows,
        (_rows, out) =>
          out.print(views, {
            columns: ["profile", "provider", "host", "account", "scopes", "token", "status"],
          }),
      );
      if (failed) ctx.conclude("auth-required");
    });
}
