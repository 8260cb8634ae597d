/**
 * The `ppx auth token` use-case: a valid access token for scripts, from the named profile of either
 * provider or, with none named, from whichever provider the environment and the defaults point at.
 * Renews a token when it must; never starts an interactive sign-in.
 *
 * @module
 */

import type { Clock } from "../clock.ts";
import { defaultProfileName, selectProfile } from "../config/profiles.ts";
import type { ConfigData } from "../config/schema.ts";
import { type Env, firstEnv } from "../env.ts";
import { UsageError } from "../errors.ts";
import { type EntraTokens, environmentSignIn } from "./entra/chain.ts";
import { audienceFor } from "./entra/status.ts";
import type { GitHubProfileDeps } from "./github/profile_store.ts";
import { resolveGitHubToken } from "./github/resolve.ts";
import { withRemedy } from "./remedy.ts";

/** Options of {@link accessToken}. */
export interface AccessTokenOptions {
  /** The profile (--profile or the argument); undefined lets the environment and defaults choose. */
  profile?: string;
  /** Entra only: a resource URL or a name (dataverse, powerplatform, bap, keyvault, graph). */
  audience?: string;
}

/** What {@link accessToken} needs. */
export interface AccessTokenDeps {
  /** GitHub profile access (and the config both providers read). */
  github: GitHubProfileDeps;
  /** Tokens of the named profile, or of the invocation's credential chain for undefined. */
  tokensFor: (profile: string | undefined) => EntraTokens | Promise<EntraTokens>;
  /** The environment (token variables, AZURE_* credentials). */
  env: Env;
  /** For recognising an environment credential. */
  fetch: typeof fetch;
  /** Its clock. */
  clock: Clock;
}

/** A token and what it is for; `expiresAt` is null for an opaque PPX_ACCESS_TOKEN. */
export type IssuedToken =
  | { provider: "azure"; profile: string | null; audience: string; token: string; expiresAt: string | null }
  | { provider: "github"; profile: string | null; token: string };

/**
 * With no profile named: Azure when the environment or an Azure default says so, else GitHub when a
 * GitHub default or token variable exists, else Azure (whose error explains how to sign in).
 */
function azureByDefault(doc: ConfigData, deps: AccessTokenDeps): boolean {
  if (environmentSignIn(deps.env, deps)) return true;
  if (defaultProfileName(doc, "azure")) return true;
  if (defaultProfileName(doc, "github")) return false;
  return !firstEnv(deps.env, "PPX_GITHUB_TOKEN", "GH_TOKEN", "GITHUB_TOKEN");
}

/** The token of the selected profile or credential, renewed if needed. */
export async function accessToken(options: AccessTokenOptions, deps: AccessTokenDeps): Promise<IssuedToken> {
  const { doc } = await deps.github.config.load();
  const selected = options.profile ? selectProfile(doc, options.profile) : undefined;
  if (selected ? selected.provider !== "github" : azureByDefault(doc, deps)) {
    // Azure: the named profile, or the whole credential chain when none is named.
    const tokens = await deps.tokensFor(selected?.name);
    const resolved = await tokens.resolved();
    const audience = audienceFor(options.audience, resolved.profile);
    const t = await tokens.tokenDetails(audience);
    return {
      provider: "azure",
      profile: resolved.profile?.name ?? null,
      audience: audience.replace(/\/\.default$/, ""),
      token: t.token,
      expiresAt: Number.isFinite(t.expiresAt) ? new Date(t.expiresAt).toISOString() : null,
    };
  }
  if (options.audience) {
    throw withRemedy(new UsageError("An audience applies to Azure profiles only."), {
      action: "drop-option",
      option: "audience",
      provider: "github",
    });
  }
  const token = (await resolveGitHubToken(deps.github, { profile: selected?.name, env: deps.env })).token;
  return { provider: "github", profile: selected?.name ?? null, token };
}
