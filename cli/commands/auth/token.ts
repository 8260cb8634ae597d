/** `ppx auth token [PROFILE]`: print a valid access token for scripts (refreshing it if needed). */

import { Command } from "@commander-js/extra-typings";
import { selectProfile } from "../../../lib/config/profiles.ts";
import { UsageError } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";
import { githubDeps } from "./github_deps.ts";
import { githubTokenFor } from "./github_status.ts";

/** Builds `ppx auth token`. */
export default function authToken(app: App) {
  return new Command("token")
    .description("Print the access token of a profile (GitHub: PPX_GITHUB_TOKEN/GH_TOKEN/GITHUB_TOKEN first)")
    .argument("[profile]", "profile name (default: --profile, else the default profile)")
    .addHelpText(
      "after",
      '\nExamples:\n  ppx auth token work\n  GH_TOKEN="$(ppx auth token work)" gh api user\n',
    )
    .action(async (profile, _options, command) => {
      const ctx = app.context(command);
      const { doc } = await githubDeps(ctx).config.load();
      const selected = selectProfile(doc, profile ?? ctx.globals.profile);
      if (selected && selected.provider !== "github") {
        throw new UsageError(`Profile '${selected.name}' is not a GitHub profile.`, {
          hint: "Azure tokens come from the Entra sign-in commands of `ppx auth`.",
        });
      }
      const token = await githubTokenFor(ctx, selected?.name);
      if (ctx.out.machine) ctx.out.print({ profile: selected?.name ?? null, token });
      else ctx.io.stdout.write(`${token}\n`);
    });
}
