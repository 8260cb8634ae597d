/** `ppx auth status [PROFILE]`: which profiles can get a token, as whom, with which scopes. */

import { Command } from "@commander-js/extra-typings";
import { getProfile, profileNames } from "../../../lib/config/profiles.ts";
import { ExitCode } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";
import { githubDeps } from "./github_deps.ts";
import { githubStatusRows, githubStatusView } from "./github_status.ts";

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
      let failed = false;
      for (const row of await githubStatusRows(ctx, github)) {
        failed ||= !row.ok;
        rows.push(ctx.out.machine ? { ...row } : githubStatusView(row));
      }
      for (const name of names.filter((n) => doc.profiles[n].provider !== "github")) {
        const p = doc.profiles[name];
        rows.push({
          profile: name,
          provider: p.provider,
          host: "",
          account: p.token?.account ?? "",
          scopes: "",
          token: "",
          status: "",
        });
      }
      if (!rows.length) {
        ctx.out.notice("No profiles yet: sign in with `ppx auth github <profile>`.");
        return;
      }
      ctx.out.print(rows, {
        columns: ["profile", "provider", "host", "account", "scopes", "token", "status"],
      });
      if (failed) app.exitCode = ExitCode.AuthRequired;
    });
}
