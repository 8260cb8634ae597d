/**
 * GitHub's web flow: authorize URL with `state` and PKCE S256, the redirect received by a 127.0.0.1
 * loopback listener on a free port (or the given redirect URI) — or pasted by the user when no browser
 * can be opened — the state checked, and the code exchanged with the client secret GitHub requires.
 *
 * Permissions: `--allow-net` (GitHub, 127.0.0.1).
 *
 * @module
 */

import { UsageError } from "../../errors.ts";
import { isLoopbackRedirect, type LoopbackListener, startLoopbackListener } from "../oauth/loopback.ts";
import { createPkce, randomState } from "../oauth/pkce.ts";
import type { GitHubWebFlowRunner } from "./provider.ts";
import type { GitHubTokenSet } from "./token_set.ts";
import { buildGitHubAuthorizeUrl, exchangeGitHubCode, githubCodeFromRedirect } from "./web_code.ts";

/** The redirect URI used in paste mode when none is configured (GitHub accepts any loopback port). */
export const GITHUB_PASTE_REDIRECT = "http://127.0.0.1/callback";

/** Runs the web flow (see the module doc). */
export const runGitHubWebFlow: GitHubWebFlowRunner = async (provider, interaction, signal) => {
  const { config, endpoints, http, clock } = provider;
  if (!config.clientSecret) {
    throw new UsageError("GitHub's web flow needs the app's client secret.", {
      hint: "Pass --client-secret-env <VAR> (or answer the prompt), or use the device flow (--device).",
    });
  }
  const listen = !interaction.paste &&
    (config.redirectUri === undefined || isLoopbackRedirect(config.redirectUri));
  if (!listen && !interaction.readRedirect) {
    throw new UsageError("This sign-in needs the redirected URL pasted, and nobody can paste it here.", {
      hint: "Run in a terminal, or use the device flow (--device).",
    });
  }
  const pkce = await createPkce();
  const state = randomState();
  let listener: LoopbackListener | undefined;
  try {
    if (listen) listener = startLoopbackListener({ redirectUri: config.redirectUri, signal });
    const redirectUri = listener?.redirectUri ?? config.redirectUri ?? GITHUB_PASTE_REDIRECT;
    const url = buildGitHubAuthorizeUrl(endpoints, {
      clientId: config.clientId,
      redirectUri,
      scopes: config.scopes ?? [],
      state,
      codeChallenge: pkce.challenge,
    });
    const opened = listener && interaction.openBrowser ? await interaction.openBrowser(url) : false;
    await interaction.onAuthorizeUrl?.(url, opened);
    const answer = listener ? (await listener.redirect).toString() : await interaction.readRedirect!();
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
