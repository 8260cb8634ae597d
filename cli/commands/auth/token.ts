/** `ppx auth token [PROFILE]`: print a valid access token for scripts (refreshing it if needed). */

import { Command } from "@commander-js/extra-typings";
import type { AccessTokenOptions } from "../../../lib/auth/access_token.ts";
import { remedyOf } from "../../../lib/auth/remedy.ts";
import { UsageError } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import type { Output } from "../../output/render.ts";
import { githubDeps } from "./github_deps.ts";

/** Options of `auth token`: the profile as typed (else --profile) and the audience. */
export type AuthTokenOptions = AccessTokenOptions;

/** For people and pipes alike: the bare token on stdout, so `$(ppx auth token)` works. */
function printToken(data: { token: string }, out: Output): void {
  out.io.stdout.write(`${data.token}\n`);
}

/** Builds `ppx auth token`. */
export default function authToken(app: App, runF: RunF<AuthTokenOptions> = runAuthToken) {
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
      await runF({ profile, audience: options.audience }, app.context(command));
    });
}

/** Prints the token (JSON: with its profile, audience and expiry). */
export async function runAuthToken(options: AuthTokenOptions, ctx: Context): Promise<void> {
  // The token use-case reaches the credential chain (oauth4webapi): it loads when the command runs (ADR 0023).
  const { accessToken } = await import("../../../lib/auth/access_token.ts");
  const issued = await accessToken({ ...options, profile: options.profile ?? ctx.globals.profile }, {
    github: githubDeps(ctx),
    tokensFor: (profile) => profile === undefined ? ctx.entra() : ctx.entraFor(profile),
    env: ctx.env,
    fetch: ctx.fetch,
    clock: ctx.clock,
  }).catch((error) => {
    if (remedyOf(error)?.action !== "drop-option") throw error;
    throw new UsageError("--audience applies to Azure profiles only.", {
      hint: "Drop --audience for GitHub.",
    });
  });
  const { provider: _provider, ...data } = issued;
  ctx.out.result(data, printToken);
}
