/**
 * GitHub's web flow: authorize URL with `state` and PKCE S256, the redirect received by a 127.0.0.1
 * loopback listener on a free port (or the given redirect URI) — or pasted by the user when no browser
 * can be opened — the state checked, and the code exchanged with the client secret GitHub requires.
 *
 * Permissions: `--allow-net` (GitHub, 127.0.0.1).
 *
 * @module
 */

import { withRemedy } from "../remedy.ts";
import { UsageError } from "../../errors.ts";
import { type LoopbackListener, startLoopbackListener } from "../oauth/loopback.ts";
import { createPkce, createState } from "../oauth/pkce.ts";
import type { GitHubWebFlowRunner } from "./provider.ts";
import type { GitHubTokenSet } from "./token_set.ts";
import { buildGitHubAuthorizeUrl, exchangeGitHubCode, githubCodeFromRedirect } from "./web_code.ts";

/** The redirect URI used in paste mode when none is configured (GitHub accepts any loopback port). */
export const GITHUB_PASTE_REDIRECT = "http://127.0.0.1/callback";

/** The callback path of the loopback listener (register `http://127.0.0.1/callback` on the app). */
export const GITHUB_CALLBACK_PATH = "/callback";

/**
 * Where a local listener can receive a redirect URI: http on 127.0.0.1 or localhost (the listener binds
 * 127.0.0.1). Undefined for anything else, which then has to be pasted.
 */
export function loopbackTarget(
  uri: string,
): { port: number; path: string; redirectHost: "127.0.0.1" | "localhost" } | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" || (url.hostname !== "127.0.0.1" && url.hostname !== "localhost")) {
    return undefined;
  }
  return { port: url.port ? Number(url.port) : 0, path: url.pathname || "/", redirectHost: url.hostname };
}

/** Runs the web flow (see the module doc). */
export const runGitHubWebFlow: GitHubWebFlowRunner = async (
  provider,
  interaction,
  signal,
): Promise<GitHubTokenSet> => {
  const { config, endpoints, http, clock } = provider;
  if (!config.clientSecret) {
    throw withRemedy(new UsageError("GitHub's web flow needs the app's client secret."), {
      action: "fix",
      topic: "github.web-secret",
    });
  }
  const target = config.redirectUri === undefined
    ? { port: 0, path: GITHUB_CALLBACK_PATH, redirectHost: "127.0.0.1" as const }
    : loopbackTarget(config.redirectUri);
  const listen = !interaction.paste && target !== undefined;
  if (!listen && !interaction.readRedirect) {
    throw withRemedy(
      new UsageError("This sign-in needs the redirected URL pasted, and nobody can paste it here."),
      { action: "fix", topic: "github.web-paste" },
    );
  }
  const pkce = await createPkce();
  const state = createState();
  let listener: LoopbackListener | undefined;
  try {
    if (listen) listener = startLoopbackListener({ expectedState: state, ...target, signal });
    const redirectUri = listener?.redirectUri ?? config.redirectUri ?? GITHUB_PASTE_REDIRECT;
    const url = buildGitHubAuthorizeUrl(endpoints, {
      clientId: config.clientId,
      redirectUri,
      scopes: config.scopes ?? [],
      state,
      codeChallenge: pkce.challenge,
    });
    if (listener && interaction.openBrowser) await interaction.openBrowser(url);
    else await interaction.onAuthorizeUrl?.(url);
    // The listener only settles for a redirect carrying our state; the pasted answer is checked below.
    const answer = listener ? `?${await listener.result}` : await interaction.readRedirect!();
    const code = githubCodeFromRedirect(answer, state);
    const tokens: GitHubTokenSet = await exchangeGitHubCode({
      http,
      clock,
      endpoints,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      code,
      redirectUri,
      codeVerifier: pkce.verifier,
      signal,
    });
    return tokens;
  } finally {
    await listener?.close();
  }
};
