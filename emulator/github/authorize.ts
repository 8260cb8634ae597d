/**
 * `/login/oauth/authorize`: the web flow's first leg. GET shows the authorization page (or, like GitHub
 * for an app the user already authorized, redirects at once); POST is the page's answer and redirects to
 * the client's redirect URI with `code` and `state`, or with `error=access_denied`.
 *
 * Redirect URI rules follow GitHub's: host and port must match the registered callback URL and the path
 * must lie under the callback's path, except that loopback callbacks accept any port.
 *
 * @module
 */

import { authorizePage, errorPage } from "./pages.ts";
import { type GitHubStore, randomChars, type StoredApp } from "./store.ts";
import { readParams } from "./wire.ts";

/** The knobs the authorize endpoint reads. */
export interface AuthorizeKnobs {
  /** Skip the page and approve at once (GitHub does this when the app already holds the scopes). */
  autoApproveWeb: boolean;
  /** Deny at once instead (as if the user pressed Cancel). */
  autoDenyWeb: boolean;
  /** Authorization-code lifetime in seconds (GitHub: 10 minutes). */
  codeExpiresIn: number;
  login: string;
}

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** Checks a redirect URI against the registered callback URL by GitHub's rules. */
export function redirectAllowed(callbackUrl: string, redirectUri: string): boolean {
  let cb: URL, r: URL;
  try {
    cb = new URL(callbackUrl);
    r = new URL(redirectUri);
  } catch {
    return false;
  }
  if (cb.protocol !== r.protocol || cb.hostname !== r.hostname) return false;
  if (!LOOPBACK.has(cb.hostname) && cb.port !== r.port) return false;
  const base = cb.pathname.replace(/\/+$/, "");
  return r.pathname === cb.pathname || r.pathname === base || r.pathname.startsWith(`${base}/`);
}

function redirect(to: string, params: Record<string, string | undefined>): Response {
  const url = new URL(to);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return new Response(null, { status: 302, headers: { location: url.toString() } });
}

function scopesOf(params: Record<string, string>): string[] {
  return (params.scope ?? "").split(/[\s,]+/).filter(Boolean);
}

type Checked = { app: StoredApp; target: string } | { response: Response };

function check(params: Record<string, string>, store: GitHubStore): Checked {
  const app = store.apps.get(params.client_id ?? "");
  if (!app) return { response: errorPage(404, "The client_id is not known to this server.") };
  const target = params.redirect_uri ?? app.callbackUrl;
  if (!redirectAllowed(app.callbackUrl, target)) {
    return {
      response: redirect(app.callbackUrl, {
        error: "redirect_uri_mismatch",
        error_description: "The redirect_uri MUST match the registered callback URL for this application.",
        error_uri:
          "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors",
        state: params.state,
      }),
    };
  }
  const method = params.code_challenge_method;
  const challenge = params.code_challenge;
  if ((method !== undefined || challenge !== undefined) && (method !== "S256" || !challenge)) {
    // PKCE on GitHub is S256 only, and both parameters go together.
    return {
      response: redirect(target, {
        error: "invalid_request",
        error_description: "code_challenge and code_challenge_method=S256 must be sent together.",
        state: params.state,
      }),
    };
  }
  return { app, target };
}

function approve(
  params: Record<string, string>,
  app: StoredApp,
  target: string,
  store: GitHubStore,
  knobs: AuthorizeKnobs,
  now: number,
  login: string,
): Response {
  const code = randomChars(20, "0123456789abcdef");
  store.codes.set(code, {
    code,
    clientId: app.clientId,
    scopes: scopesOf(params),
    redirectUri: params.redirect_uri,
    codeChallenge: params.code_challenge,
    expiresAt: now + knobs.codeExpiresIn * 1000,
    login,
  });
  store.user(login);
  return redirect(target, { code, state: params.state });
}

function deny(params: Record<string, string>, target: string): Response {
  return redirect(target, {
    error: "access_denied",
    error_description: "The user has denied your application access.",
    error_uri:
      "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors",
    state: params.state,
  });
}

/** Handles GET and POST on /login/oauth/authorize. */
export async function authorizeEndpoint(
  request: Request,
  store: GitHubStore,
  knobs: AuthorizeKnobs,
  now: number,
): Promise<Response> {
  const params = await readParams(request);
  const checked = check(params, store);
  if ("response" in checked) return checked.response;
  const { app, target } = checked;
  if (request.method === "GET") {
    if (knobs.autoDenyWeb) return deny(params, target);
    if (knobs.autoApproveWeb) {
      return approve(params, app, target, store, knobs, now, params.login || knobs.login);
    }
    return authorizePage(params, scopesOf(params));
  }
  if (params.decision !== "authorize") return deny(params, target);
  return approve(params, app, target, store, knobs, now, params.login || knobs.login);
}
