/**
 * Browser sign-in: authorization code + PKCE (S256) + state, with the redirect caught by a loopback
 * listener on 127.0.0.1. When no browser can be opened, `BrowserUnavailable` is thrown so the caller
 * can fall back to the device code flow and say so.
 *
 * @module
 */

import { withRemedy } from "../../remedy.ts";
import {
  authorizationCodeGrantRequest,
  None,
  processAuthorizationCodeResponse,
  validateAuthResponse,
} from "oauth4webapi";
import { AuthError } from "../../../errors.ts";
import type { BrowserOpener } from "../../../os/browser.ts";
import type { Notify } from "../../oauth/browser.ts";
import { startLoopbackListener } from "../../oauth/loopback.ts";
import { createPkce, createState } from "../../oauth/pkce.ts";
import { requestOptions } from "../discovery.ts";
import { toEntraError } from "../errors.ts";
import { type AccessToken, fromTokenResponse } from "../token.ts";
import { clientOf, type FlowBase, userScopes } from "./common.ts";

/** Thrown when no browser could be opened (SSH, CI, WSL without an opener). */
export class BrowserUnavailable extends AuthError {
  constructor() {
    super("No browser could be opened for the sign-in.", { code: "auth.no-browser" });
    withRemedy(this, { action: "fix", topic: "entra.no-browser" });
  }
}

/** Browser flow options. */
export interface BrowserSignInOptions extends FlowBase {
  /** Scope(s) to request. */
  scope: string;
  /** Opens the authorize URL. */
  browser: BrowserOpener;
  /** Tells the person what is happening (stderr). */
  notify: Notify;
  /** Pre-fills the account on the sign-in page. */
  loginHint?: string;
  /** Gives up after this long (default 5 minutes). */
  timeoutMs?: number;
  /** Redirect host name (default `localhost`, which Entra matches on any port). */
  redirectHost?: "127.0.0.1" | "localhost";
}

/** Runs the browser flow to completion. */
export async function browserSignIn(options: BrowserSignInOptions): Promise<AccessToken> {
  const { endpoint, clock } = options;
  const client = clientOf(options.clientId);
  const context = { ...options.context, flow: "web" };
  const authorize = endpoint.server.authorization_endpoint;
  if (!authorize) {
    throw new AuthError("The authority publishes no authorization endpoint.", { code: "auth.discovery" });
  }
  const pkce = await createPkce();
  const state = createState();
  const timeout = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
  const listener = startLoopbackListener({
    expectedState: state,
    redirectHost: options.redirectHost ?? "localhost",
    successMessage: "Signed in to ppx",
    signal,
  });
  try {
    const url = new URL(authorize);
    url.searchParams.set("client_id", options.clientId);
    url.searchParams.set("response_type", "code");
    url.searchParams.set("redirect_uri", listener.redirectUri);
    url.searchParams.set("scope", userScopes(options.scope));
    url.searchParams.set("code_challenge", pkce.challenge);
    url.searchParams.set("code_challenge_method", pkce.method);
    url.searchParams.set("state", state);
    url.searchParams.set("prompt", "select_account");
    if (options.loginHint) url.searchParams.set("login_hint", options.loginHint);
    // No URL when no browser opens: the caller falls back to a device code and this listener closes, so
    // the URL would lead to a dead redirect.
    if (!(await options.browser.open(url.href).catch(() => false))) throw new BrowserUnavailable();
    options.notify(`Opened your browser to sign in. If it did not appear, visit:\n  ${url.href}`);
    const timer = clock.sleep(options.timeoutMs ?? 300_000, signal).then(
      () =>
        timeout.abort(new AuthError("The browser sign-in did not finish in time.", { code: "auth.timeout" })),
      () => {},
    );
    let callback: URLSearchParams;
    try {
      callback = await listener.result;
    } finally {
      timeout.abort();
      await timer;
    }
    const params = validateAuthResponse(endpoint.server, client, callback, state);
    const response = await authorizationCodeGrantRequest(
      endpoint.server,
      client,
      None(),
      params,
      listener.redirectUri,
      pkce.verifier,
      requestOptions(endpoint, options.signal),
    );
    const result = await processAuthorizationCodeResponse(endpoint.server, client, response);
    return fromTokenResponse(result, clock.now());
  } catch (error) {
    throw toEntraError(error, context);
  } finally {
    await listener.close();
  }
}
