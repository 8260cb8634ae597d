/**
 * Token resolution for GitHub profiles: PPX_GITHUB_TOKEN, GH_TOKEN, GITHUB_TOKEN -> the stored access
 * token (keyring, then config) while unexpired -> the provider (refresh, or an interactive sign-in when
 * a person is there). Every failure ends with "Run `ppx auth github <profile>` to (re)authenticate.".
 *
 * @module
 */

import { withRemedy } from "../remedy.ts";
import { withProfileLock } from "../../config/lock.ts";
import { defaultProfileName, getProfile } from "../../config/profiles.ts";
import type { Profile } from "../../config/schema.ts";
import { type Env, firstEnv } from "../../env.ts";
import { AuthError, isPpxError, UsageError } from "../../errors.ts";
import type { TokenSource } from "../../http/client.ts";
import { GitHubTokenUnavailableError } from "./errors.ts";
import { GITHUB_TOKEN_VARIABLES } from "./token_variables.ts";
import {
  type GitHubProfileDeps,
  githubSecretNames,
  githubTokenMetadata,
  readGitHubSecret,
  saveGitHubTokens,
} from "./profile_store.ts";
import {
  type GitHubInteraction,
  type GitHubProviderConfig,
  GitHubTokenProvider,
  type GitHubWebFlowRunner,
} from "./provider.ts";
import type { GitHubTokenSet } from "./token_set.ts";

/** Where a resolved token came from. */
export type GitHubTokenOrigin = "env" | "stored" | "refreshed" | "signed-in";

/** A token and its origin (never print `token`). */
export interface ResolvedGitHubToken {
  /** The bearer token. Secret: never print or log it. */
  token: string;
  /** How it was obtained; `refreshed` and `signed-in` mean new tokens were stored. */
  origin: GitHubTokenOrigin;
  /** The variable name for `env`, else the profile name. */
  from: string;
  /** The host the token is for (`github.com` for environment tokens without a profile). */
  host: string;
}

/** Inputs of a resolution. */
export interface ResolveGitHubOptions {
  /** The profile to use; env tokens still win when set. */
  profile?: string;
  /** Where the token variables (PPX_GITHUB_TOKEN, GH_TOKEN, GITHUB_TOKEN) are read from. */
  env: Env;
  /** Present when an interactive sign-in is allowed. */
  interaction?: GitHubInteraction;
  /** Needed only for a sign-in of a profile that uses the web flow. */
  webFlow?: GitHubWebFlowRunner;
  /** Ignore the stored access token (it was just rejected). */
  forceRefresh?: boolean;
  /** Skip the environment variables (`auth status` of a named profile looks at the profile itself). */
  ignoreEnv?: boolean;
}

/** The first GitHub token variable that is set, with its name. */
export function githubEnvToken(env: Env): { name: string; token: string } | undefined {
  for (const name of GITHUB_TOKEN_VARIABLES) {
    const token = firstEnv(env, name);
    if (token) return { name, token: token.trim() };
  }
  return undefined;
}

/** Whether a stored access token may still be sent: it does not expire, or not within five minutes. */
function usable(expiresAt: number | undefined, now: number): boolean {
  return expiresAt === undefined || now < expiresAt - 300_000;
}

/** Resolves a GitHub token; see the module doc for the order. */
export async function resolveGitHubToken(
  deps: GitHubProfileDeps,
  options: ResolveGitHubOptions,
): Promise<ResolvedGitHubToken> {
  const envToken = options.ignoreEnv ? undefined : githubEnvToken(options.env);
  if (envToken) return { token: envToken.token, origin: "env", from: envToken.name, host: "github.com" };
  const doc = await deps.config.load().then((r) => r.doc, (error) => {
    // No config directory at all (no home): only a named profile makes that an error.
    if (!options.profile && isPpxError(error) && error.code === "config.no-home") return undefined;
    throw error;
  });
  // No profile named: the GitHub default (never the Azure one; each provider keeps its own).
  const name = options.profile ?? (doc ? defaultProfileName(doc, "github") : undefined);
  if (!name || !doc) {
    throw withRemedy(
      new AuthError("No GitHub token: there is no GitHub profile and no token variable is set."),
      {
        action: "fix",
        topic: "github.no-token",
      },
    );
  }
  const profile = getProfile(doc, name);
  if (profile.provider !== "github") {
    throw withRemedy(
      new UsageError(`Profile '${name}' signs in with ${profile.provider ?? "azure"}, not GitHub.`),
      { action: "fix", topic: "github.pick-profile", profile: name },
    );
  }
  const host = typeof profile.host === "string" && profile.host ? profile.host : "github.com";
  const names = githubSecretNames(name);
  const now = deps.clock.now();
  const expiresAt = parseTime(profile.token?.expires_at);
  const access = await readGitHubSecret(deps.secrets, profile, "access_token", names.access);
  if (access && !options.forceRefresh && usable(expiresAt, now)) {
    return { token: access, origin: "stored", from: name, host };
  }

  const clientId = typeof profile.client_id === "string" ? profile.client_id : "";
  if (!clientId) {
    throw withRemedy(
      new GitHubTokenUnavailableError(
        name,
        `GitHub profile '${name}' has no client_id, so ppx cannot refresh or sign in again.`,
        { code: "auth.github.missing-client-id" },
      ),
      { action: "github-sign-in", profile: name, option: "clientId" },
    );
  }
  const refresh = await readGitHubSecret(deps.secrets, profile, "refresh_token", names.refresh);
  const tokens: GitHubTokenSet | undefined = access || refresh
    ? {
      accessToken: access ?? "",
      scopes: profile.token?.scopes_granted ?? [],
      expiresAt: access ? expiresAt : 0,
      refreshToken: refresh,
      refreshTokenExpiresAt: parseTime(profile.token?.refresh_expires_at),
    }
    : undefined;
  const provider = new GitHubTokenProvider(await providerConfig(deps, profile, host, clientId, options.env), {
    http: deps.http,
    clock: deps.clock,
    tokens,
    interaction: options.interaction,
    webFlow: options.webFlow,
    onTokens: (fresh) => persist(deps, name, fresh),
  });
  try {
    const renew = async (): Promise<ResolvedGitHubToken> => {
      const token = await provider.getToken({ forceRefresh: options.forceRefresh || !access });
      const origin: GitHubTokenOrigin = provider.lastRenewal === "sign-in" ? "signed-in" : "refreshed";
      return { token, origin, from: name, host };
    };
    if (!refresh) return await renew();
    // A refresh token works once: refresh under the profile's lock, and take the pair a parallel ppx
    // stored while this one waited instead of spending the dead refresh token.
    return await withProfileLock(deps.config.paths.file, name, async () => {
      const { doc: latest } = await deps.config.load();
      const current = latest.profiles[name];
      const stored = current && await readGitHubSecret(deps.secrets, current, "access_token", names.access);
      const until = parseTime(current?.token?.expires_at);
      if (stored && stored !== access && usable(until, deps.clock.now())) {
        return { token: stored, origin: "stored", from: name, host };
      }
      return await renew();
    });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    throw new GitHubTokenUnavailableError(name, error.message, {
      code: error.code,
      hint: error.hint,
      cause: error,
    });
  }
}

/** A TokenSource for HTTP clients that call GitHub with a profile's token (401 -> one forced refresh). */
export function githubTokenSource(deps: GitHubProfileDeps, options: ResolveGitHubOptions): TokenSource {
  return {
    getToken: async (o = {}) =>
      (await resolveGitHubToken(deps, { ...options, forceRefresh: options.forceRefresh || o.forceRefresh }))
        .token,
  };
}

async function providerConfig(
  deps: GitHubProfileDeps,
  profile: Profile,
  host: string,
  clientId: string,
  env: Env,
): Promise<GitHubProviderConfig> {
  const secretSpec = profile.secret_refs?.client_secret;
  let clientSecret: string | undefined;
  if (secretSpec?.startsWith("env:")) clientSecret = firstEnv(env, secretSpec.slice(4));
  else {clientSecret = await readGitHubSecret(
      deps.secrets,
      profile,
      "client_secret",
      githubSecretNames(profile.name).clientSecret,
    );}
  return {
    clientId,
    clientSecret,
    scopes: profile.scopes ?? [],
    flow: profile.flow === "browser" || profile.flow === "web" ? "web" : "device",
    redirectUri: typeof profile.redirect_uri === "string" ? profile.redirect_uri : undefined,
    host,
  };
}

async function persist(deps: GitHubProfileDeps, name: string, tokens: GitHubTokenSet): Promise<void> {
  const { doc } = await deps.config.load();
  const previous = doc.profiles[name];
  const saved = await saveGitHubTokens(deps, name, tokens, previous);
  await deps.config.update((d) => {
    const p = d.profiles[name];
    if (!p) return;
    p.secret_refs = { ...p.secret_refs, ...saved.refs };
    if (!tokens.refreshToken) delete p.secret_refs.refresh_token;
    p.token = githubTokenMetadata(
      tokens,
      p.token?.account,
      p.token?.scopes_granted ?? tokens.scopes,
      deps.clock.now(),
    );
  });
}

function parseTime(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}
