/** `ppx auth token [PROFILE]`: print a valid access token for scripts (refreshing it if needed). */

import { Command } from "@commander-js/extra-typings";
import { selectProfile } from "../../../lib/config/profiles.ts";
import { UsageError } from "../../../lib/errors.ts";
import { environmentCredential, managedIdentityFromEnv } from "../../../lib/auth/entra/chain.ts";
import { firstEnv } from "../../../lib/env.ts";
import type { ConfigData } from "../../../lib/config/schema.ts";
import type { Context } from "../../context.ts";
import type { App } from "../../app.ts";
import type { Output } from "../../output/render.ts";
import { audienceFor } from "./azure_status.ts";
import { githubDeps } from "./github_deps.ts";
import { githubTokenFor } from "./github_status.ts";

/** With no profile named: Azure when the environment or the default profile says so, else GitHub. */
function azureByDefault(doc: ConfigData, ctx: Context): boolean {
  const deps = { fetch: ctx.fetch, clock: ctx.clock };
  if (firstEnv(ctx.env, "PPX_ACCESS_TOKEN", "PACX_ACCESS_TOKEN")) return true;
  if (environmentCredential(ctx.env, deps) || managedIdentityFromEnv(ctx.env, deps)) return true;
  const name = doc.default;
  if (name && doc.profiles[name]) return doc.profiles[name].provider !== "github";
  return !firstEnv(ctx.env, "PPX_GITHUB_TOKEN", "GH_TOKEN", "GITHUB_TOKEN");
}

/** For people and pipes alike: the bare token on stdout, so `$(ppx auth token)` works. */
function printToken(data: { token: string }, out: Output): void {
  out.io.stdout.write(`${data.token}\n`);
}

/** Builds `ppx auth token`. */
export default function authToken(app: App) {
  return new Command("token")
    .description(
      "Print an access token for scripts: Azure per --audience, GitHub (PPX_GITHUB_TOKEN/GH_TOKEN first)",
    )
    .argument("[profile]", "profile name (default: --profile, else the credential chain)")
    .option(
      "--audience <audience>",
      "Azure: dataverse | powerplatform | bap | keyvault | graph, or a resource URL",
    )
    .addHelpText(
      "after",
      '\nExamples:\n  ppx auth token work --audience dataverse\n  curl -H "Authorization: Bearer $(ppx auth token --audience https://contoso.crm.dynamics.com)" ...\n  GH_TOKEN="$(ppx auth token gh-work)" gh api user\n',
    )
    .action(async (profile, options, command) => {
      const ctx = app.context(command);
      const { doc } = await githubDeps(ctx).config.load();
      const explicit = profile ?? ctx.globals.profile;
      const selected = explicit ? selectProfile(doc, explicit) : undefined;
      if (selected ? selected.provider !== "github" : azureByDefault(doc, ctx)) {
        // Azure: the named profile, or the whole credential chain when none is named.
        const tokens = selected ? ctx.entraFor(selected.name) : ctx.entra();
        const resolved = await tokens.resolved();
        const audience = audienceFor(options.audience, resolved.profile);
        const t = await tokens.tokenDetails(audience);
        ctx.out.result({
          profile: resolved.profile?.name ?? null,
          audience: audience.replace(/\/\.default$/, ""),
          token: t.token,
          expiresAt: new Date(t.expiresAt).toISOString(),
        }, printToken);
        return;
      }
      if (options.audience) {
        throw new UsageError("--audience applies to Azure profiles only.", {
          hint: "Drop --audience for GitHub.",
        });
      }
      const token = await githubTokenFor(ctx, selected?.name);
      ctx.out.result({ profile: selected?.name ?? null, token }, printToken);
    });
}
