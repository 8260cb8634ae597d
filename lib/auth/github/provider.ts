/**
 * `GitHubTokenProvider`: a TokenSource for GitHub. It hands out the cached token while it is valid,
 * refreshes GitHub App user tokens shortly before they expire (storing the rotated pair through a
 * callback), and — only when allowed to interact — signs in with the device or web flow. A failed
 * refresh means "sign in again"; without interaction that is an AuthError.
 *
 * Permissions: `--allow-net` for the GitHub host (and 127.0.0.1 for the web flow's listener).
 *
 * @module
 */

import type { Clock } from "../../clock.ts";
import { AuthError } from "../../errors.ts";
import type { HttpClient, TokenSource } from "../../http/client.ts";
import { type GitHubDeviceCodePrompt, runGitHubDeviceFlow } from "./device_flow.ts";
import { GitHubAuthError } from "./errors.ts";
import { type GitHubEndpoints, resolveGitHubHost } from "./host.ts";
import { refreshGitHubToken } from "./refresh.ts";
import type { GitHubTokenSet } from "./token_set.ts";

/** How a GitHub sign-in is configured. */
export interface GitHubProviderConfig {
  /** The app's Client ID (OAuth App or GitHub App). */
  clientId: string;
  /** The client secret: required by GitHub for the web flow and for refreshing web-flow tokens. */
  clientSecret?: string;
  /** Scopes to request (OAuth Apps); GitHub Apps ignore them. */
  scopes?: string[];
  /** `device` (default) or `web`. */
  flow?: "device" | "web";
  /** Web flow: a fixed redirect URI instead of a 127.0.0.1 loopback listener on a free port. */
  redirectUri?: string;
  /** `github.com` (default), a GHES host name, or a base URL (http only for loopback). */
  host?: string;
}

/** How the web flow talks to the user. */
export interface GitHubWebFlowInteraction {
  /** Opens the authorize URL (and tells the person where to go if that fails); listener mode only. */
  openBrowser?(url: string): Promise<boolean>;
  /** Shows the authorize URL when no browser is tried (paste mode). */
  onAuthorizeUrl?(url: string): void | Promise<void>;
  /**
   * Asks the user to paste the redirected URL (or the code). Used when `paste` is set, and for a
   * `--redirect-uri` that is not a loopback address (nothing local can receive that redirect).
   */
  readRedirect?(): Promise<string>;
  /** Paste mode (`--no-browser`, no terminal): print the URL and read the redirect instead of listening. */
  paste?: boolean;
}

/** What the provider may do when it needs a new sign-in. */
export interface GitHubInteraction extends GitHubWebFlowInteraction {
  /** Shows the device code to the user. */
  onDeviceCode?(prompt: GitHubDeviceCodePrompt): void | Promise<void>;
}

/** Runs the web flow; supplied by lib/auth/github/web_flow.ts (kept apart so device-only use stays small). */
export type GitHubWebFlowRunner = (
  provider: { config: GitHubProviderConfig; endpoints: GitHubEndpoints; http: HttpClient; clock: Clock },
  interaction: GitHubWebFlowInteraction,
  signal?: AbortSignal,
) => Promise<GitHubTokenSet>;

/** Dependencies and state of a provider. */
export interface GitHubProviderOptions {
  /** Sends the OAuth requests; they go out without the client's own token source. */
  http: HttpClient;
  /** Decides when a token counts as expiring (see `refreshSkewMs`) and drives device-flow polling. */
  clock: Clock;
  /** Tokens from storage, if any. */
  tokens?: GitHubTokenSet;
  /** Called with every new token set (sign-in or refresh) so the caller can store it. */
  onTokens?(tokens: GitHubTokenSet): void | Promise<void>;
  /** Present when a person can take part in a sign-in; absent in scripts and CI. */
  interaction?: GitHubInteraction;
  /** The web flow implementation (required for `flow: "web"`). */
  webFlow?: GitHubWebFlowRunner;
  /** Refresh this long before expiry (default 5 minutes). */
  refreshSkewMs?: number;
}

/** A TokenSource that signs in to GitHub and keeps the token fresh. */
export class GitHubTokenProvider implements TokenSource {
  /** As given; `flow`, `scopes` and `clientSecret` decide how a renewal signs in or refreshes. */
  readonly config: GitHubProviderConfig;
  /** Resolved once from `config.host` when the provider is built. */
  readonly endpoints: GitHubEndpoints;
  readonly #options: GitHubProviderOptions;
  #tokens?: GitHubTokenSet;
  #pending?: Promise<GitHubTokenSet>;
  #lastRenewal?: "refresh" | "sign-in";

  /**
   * Throws UsageError for a bad `config.host` (e.g. plain http to a non-loopback host). Sends nothing:
   * the first `getToken` decides whether the stored tokens still serve, need a refresh, or a sign-in.
   */
  constructor(config: GitHubProviderConfig, options: GitHubProviderOptions) {
    this.config = config;
    this.endpoints = resolveGitHubHost(config.host);
    this.#options = options;
    this.#tokens = options.tokens;
  }

  /** The tokens held now (after the last sign-in or refresh). */
  get tokens(): GitHubTokenSet | undefined {
    return this.#tokens;
  }

  /** How the tokens were last renewed in this process, if they were. */
  get lastRenewal(): "refresh" | "sign-in" | undefined {
    return this.#lastRenewal;
  }

  /** A valid access token: cached, refreshed, or (when interactive) from a new sign-in. */
  async getToken(options: { forceRefresh?: boolean; signal?: AbortSignal } = {}): Promise<string> {
    const tokens = this.#tokens;
    if (tokens && !options.forceRefresh && !this.#expiringSoon(tokens)) return tokens.accessToken;
    this.#pending ??= this.#renew(options.signal).finally(() => this.#pending = undefined);
    return (await this.#pending).accessToken;
  }

  /** Runs the configured sign-in flow now, whatever is cached. */
  async signIn(signal?: AbortSignal): Promise<GitHubTokenSet> {
    const { http, clock } = this.#options;
    const interaction = this.#options.interaction ?? {};
    let tokens: GitHubTokenSet;
    if ((this.config.flow ?? "device") === "web") {
      if (!this.#options.webFlow) throw new Error("GitHubTokenProvider: flow 'web' needs a webFlow runner");
      tokens = await this.#options.webFlow(
        { config: this.config, endpoints: this.endpoints, http, clock },
        interaction,
        signal,
      );
    } else {
      tokens = await runGitHubDeviceFlow({
        http,
        clock,
        endpoints: this.endpoints,
        clientId: this.config.clientId,
        scopes: this.config.scopes ?? [],
        onPrompt: (prompt) => interaction.onDeviceCode?.(prompt),
        signal,
      });
    }
    this.#lastRenewal = "sign-in";
    await this.#store(tokens);
    return tokens;
  }

  /** Exchanges the refresh token for a new pair and stores it. */
  async refresh(signal?: AbortSignal): Promise<GitHubTokenSet> {
    const refreshToken = this.#tokens?.refreshToken;
    if (!refreshToken) {
      throw new AuthError("There is no GitHub refresh token to use.", { hint: "Sign in again." });
    }
    const tokens = await refreshGitHubToken({
      http: this.#options.http,
      clock: this.#options.clock,
      endpoints: this.endpoints,
      clientId: this.config.clientId,
      clientSecret: this.config.clientSecret,
      refreshToken,
      signal,
    });
    this.#lastRenewal = "refresh";
    await this.#store(tokens);
    return tokens;
  }

  #expiringSoon(tokens: GitHubTokenSet): boolean {
    if (tokens.expiresAt === undefined) return false;
    return this.#options.clock.now() >= tokens.expiresAt - (this.#options.refreshSkewMs ?? 300_000);
  }

  async #renew(signal?: AbortSignal): Promise<GitHubTokenSet> {
    const now = this.#options.clock.now();
    const tokens = this.#tokens;
    let failure: AuthError | undefined;
    if (
      tokens?.refreshToken &&
      (tokens.refreshTokenExpiresAt === undefined || now < tokens.refreshTokenExpiresAt)
    ) {
      try {
        return await this.refresh(signal);
      } catch (error) {
        if (!(error instanceof GitHubAuthError)) throw error;
        failure = error;
      }
    }
    if (this.#options.interaction) return await this.signIn(signal);
    if (failure) {
      throw new AuthError(`The GitHub token could not be refreshed: ${failure.message}`, {
        code: failure.code,
        hint: "Sign in again.",
        cause: failure,
      });
    }
    if (!tokens) throw new AuthError("There is no GitHub token yet.", { hint: "Sign in first." });
    throw new AuthError(
      tokens.refreshToken
        ? "The GitHub refresh token has expired (they last 6 months)."
        : tokens.expiresAt !== undefined && now >= tokens.expiresAt
        ? "The GitHub token has expired and there is no refresh token."
        : "GitHub rejected the stored token (revoked, or the app's authorization was removed).",
      { code: "auth.github.expired", hint: "Sign in again." },
    );
  }

  async #store(tokens: GitHubTokenSet): Promise<void> {
    this.#tokens = tokens;
    await this.#options.onTokens?.(tokens);
  }
}
