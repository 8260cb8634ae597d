/**
 * Signing a GitHub profile in: run the device or web flow, ask `GET /user` who signed in and which
 * scopes were granted, store the tokens by the storage policy and write the profile (provider `github`,
 * host, client id, scopes requested and granted, account login).
 *
 * Permissions: `--allow-net` (GitHub, 127.0.0.1), `--allow-read`/`--allow-write` (config),
 * `--allow-run` (keyring helper).
 *
 * @module
 */

import { defaultProfileName, upsertProfile } from "../../config/profiles.ts";
import type { Env } from "../../env.ts";
import { firstEnv } from "../../env.ts";
import { AuthError } from "../../errors.ts";
import { GitHubTokenUnavailableError } from "./errors.ts";
import type { GitHubProfileDeps } from "./profile_store.ts";
import { githubTokenMetadata, saveGitHubClientSecret, saveGitHubTokens } from "./profile_store.ts";
import { type GitHubInteraction, GitHubTokenProvider, type GitHubWebFlowRunner } from "./provider.ts";
import { GITHUB_TOKEN_VARIABLES } from "./token_variables.ts";
import { fetchGitHubAccount } from "./user.ts";

export { GITHUB_TOKEN_VARIABLES };

/** What `ppx auth github` asks for. */
export interface GitHubLoginRequest {
  /** The profile to create, or to update when it exists. */
  profile: string;
  /** The app's Client ID (OAuth App or GitHub App), recorded in the profile for refreshes. */
  clientId: string;
  /** A client secret given directly (flag or prompt). */
  clientSecret?: string;
  /** The name of an environment variable holding the client secret (recorded, never its value). */
  clientSecretEnv?: string;
  /** Store a directly given client secret for later refreshes (default true). */
  saveSecret?: boolean;
  /** Scopes to request (OAuth Apps); GitHub Apps ignore them. */
  scopes: string[];
  /** `web` needs a client secret (direct or via `clientSecretEnv`). */
  flow: "device" | "web";
  /** Web flow: a fixed redirect URI instead of a 127.0.0.1 loopback listener on a free port. */
  redirectUri?: string;
  /** `github.com` when undefined; a GHES host name, or a base URL (http only for loopback). */
  host?: string;
  /** Make it the default profile (default true); the first profile always becomes the default. */
  setDefault?: boolean;
}

/** What the sign-in did (no secrets). */
export interface GitHubLoginResult {
  /** The profile that was written. */
  profile: string;
  /** Always `github`, so `--json` consumers can tell it from Azure sign-ins. */
  provider: "github";
  /** The host as stored in the profile (`github.com`, a GHES host, or a base URL). */
  host: string;
  /** The login GitHub reported for the new token (`GET /user`). */
  account: string;
  /** The scopes asked for; `scopesGranted` says what GitHub actually gave. */
  scopesRequested: string[];
  /** Scopes GitHub granted (X-OAuth-Scopes); empty for GitHub App tokens. */
  scopesGranted: string[];
  /** ISO time the access token expires; absent for tokens that do not expire. */
  expiresAt?: string;
  /** True when GitHub issued a refresh token (GitHub Apps with expiring user tokens). */
  refreshable: boolean;
  /** Where the access token went; `plaintext` comes with a warning. */
  tokenStorage: "keyring" | "encrypted" | "plaintext";
  /**
   * Where the client secret went (`keyring`, `encrypted`, `plaintext`, or `environment variable NAME`);
   * undefined when none was given or it was not saved.
   */
  clientSecretStorage?: string;
  /** Whether the profile is the default one after this sign-in. */
  isDefault: boolean;
  /** Informational messages, e.g. the keyring was unavailable and the encrypted file was used. */
  notices: string[];
  /** Must be shown: plaintext storage, a token variable overriding this profile, an unsaved secret. */
  warnings: string[];
}

/** Runs the sign-in and saves the profile. */
export async function loginGitHubProfile(
  request: GitHubLoginRequest,
  deps: GitHubProfileDeps & { env: Env },
  interaction: GitHubInteraction,
  webFlow?: GitHubWebFlowRunner,
): Promise<GitHubLoginResult> {
  const clientSecret = request.clientSecret ??
    (request.clientSecretEnv ? firstEnv(deps.env, request.clientSecretEnv) : undefined);
  const provider = new GitHubTokenProvider({
    clientId: request.clientId,
    clientSecret,
    scopes: request.scopes,
    flow: request.flow,
    redirectUri: request.redirectUri,
    host: request.host,
  }, { http: deps.http, clock: deps.clock, interaction, webFlow });
  let tokens;
  try {
    tokens = await provider.signIn();
  } catch (error) {
    // A denied or expired sign-in ends like every other GitHub token failure: with the command to retry.
    if (!(error instanceof AuthError)) throw error;
    throw new GitHubTokenUnavailableError(request.profile, error.message, {
      code: error.code,
      hint: error.hint,
      cause: error,
    });
  }
  const account = await fetchGitHubAccount(deps.http, provider.endpoints, tokens.accessToken);
  const granted = account.scopes ?? tokens.scopes;

  const { doc: before } = await deps.config.load();
  const previous = before.profiles[request.profile];
  const saved = await saveGitHubTokens(deps, request.profile, tokens, previous);
  const notices = [...saved.notices];
  const warnings = [...saved.warnings];
  const refs: Record<string, string> = { ...previous?.secret_refs, ...saved.refs };
  if (!tokens.refreshToken) delete refs.refresh_token;
  let clientSecretStorage: string | undefined;
  if (request.clientSecretEnv) {
    refs.client_secret = `env:${request.clientSecretEnv}`;
    clientSecretStorage = `environment variable ${request.clientSecretEnv}`;
  } else if (request.clientSecret && request.saveSecret !== false) {
    const stored = await saveGitHubClientSecret(deps, request.profile, request.clientSecret);
    refs.client_secret = stored.spec;
    clientSecretStorage = stored.storage;
  } else if (request.clientSecret && tokens.refreshToken && request.flow === "web") {
    warnings.push(
      "The client secret was not saved (--no-save-secret): refreshing this token in 8 hours will need it; " +
        "use --client-secret-env so ppx can read it from the environment.",
    );
  }
  const envToken = GITHUB_TOKEN_VARIABLES.find((name) => firstEnv(deps.env, name));
  if (envToken) {
    warnings.push(`${envToken} is set: it takes precedence over the token just stored until you unset it.`);
  }

  const now = deps.clock.now();
  const isDefault = await deps.config.update((doc) => {
    upsertProfile(doc, {
      name: request.profile,
      provider: "github",
      client_id: request.clientId,
      scopes: request.scopes,
      flow: request.flow === "web" ? "browser" : "device",
      host: provider.endpoints.host,
      ...(request.redirectUri ? { redirect_uri: request.redirectUri } : {}),
      secret_refs: refs,
      token: githubTokenMetadata(tokens, account.login, granted, now),
    }, { setDefault: request.setDefault !== false });
    return defaultProfileName(doc, "github") === request.profile;
  });
  return {
    profile: request.profile,
    provider: "github",
    host: provider.endpoints.host,
    account: account.login,
    scopesRequested: request.scopes,
    scopesGranted: granted,
    ...(tokens.expiresAt !== undefined ? { expiresAt: new Date(tokens.expiresAt).toISOString() } : {}),
    refreshable: tokens.refreshToken !== undefined,
    tokenStorage: saved.storage,
    ...(clientSecretStorage ? { clientSecretStorage } : {}),
    isDefault,
    notices,
    warnings,
  };
}
