/**
 * Tokens GitHub hands out, and reading its OAuth answers: JSON when asked for, form-encoded otherwise
 * (some proxies and old GHES versions ignore `Accept`), errors as HTTP 200 with an `error` field.
 *
 * @module
 */

import { withRemedy } from "../remedy.ts";
import { ApiError } from "../../errors.ts";
import { githubOAuthError } from "./errors.ts";

/** A user access token with what GitHub said about it. Never log it. */
export interface GitHubTokenSet {
  /** The bearer token for the API (`gho_`/`ghu_`…). Secret: never log or print it. */
  accessToken: string;
  /** Scopes granted (OAuth Apps); empty for GitHub App user tokens, which use permissions. */
  scopes: string[];
  /** Access-token expiry (epoch ms); undefined when it does not expire (OAuth Apps, non-expiring apps). */
  expiresAt?: number;
  /** The refresh token (GitHub Apps with expiring tokens). */
  refreshToken?: string;
  /** Refresh-token expiry (epoch ms). */
  refreshTokenExpiresAt?: number;
}

/** Reads an OAuth answer body as flat string fields, JSON or form-encoded. */
export async function readGitHubOAuthAnswer(
  response: Response,
  what: string,
): Promise<Record<string, string>> {
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  const out: Record<string, string> = {};
  if (type.includes("json") || /^\s*\{/.test(text)) {
    try {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
        for (const [k, v] of Object.entries(parsed)) {
          if (v !== null && v !== undefined && typeof v !== "object") out[k] = String(v);
        }
        return out;
      }
    } catch {
      // not JSON after all; try the form encoding below
    }
  }
  if (/^[\w.~%+-]+=/.test(text.trim())) {
    new URLSearchParams(text.trim()).forEach((v, k) => out[k] = v);
    return out;
  }
  throw withRemedy(
    new ApiError(
      `GitHub answered the ${what} request with something ppx cannot read (HTTP ${response.status}).`,
      {
        status: response.status,
        url: response.url || undefined,
      },
      {
        code: "auth.github.bad-response",
      },
    ),
    { action: "fix", topic: "github.login-page" },
  );
}

/** Splits GitHub's scope lists (`repo,gist` in token answers, `repo, gist` in X-OAuth-Scopes). */
export function splitGitHubScopes(value: string | null | undefined): string[] {
  return (value ?? "").split(/[\s,]+/).filter(Boolean);
}

/**
 * Turns a token-endpoint answer into a token set, or throws the typed error GitHub's `error` names.
 * `now` is the clock reading when the request was sent, so expiry is never later than GitHub's.
 */
export function githubTokenSetFrom(answer: Record<string, string>, now: number): GitHubTokenSet {
  if (answer.error) throw githubOAuthError(answer.error, answer.error_description);
  if (!answer.access_token) {
    throw withRemedy(
      new ApiError("GitHub's token answer has no access_token.", { status: 200 }, {
        code: "auth.github.bad-response",
      }),
      { action: "fix", topic: "github.not-github" },
    );
  }
  const seconds = (name: string) => {
    const n = Number(answer[name]);
    return Number.isFinite(n) && n > 0 ? n : undefined;
  };
  const expiresIn = seconds("expires_in");
  const refreshExpiresIn = seconds("refresh_token_expires_in");
  return {
    accessToken: answer.access_token,
    scopes: splitGitHubScopes(answer.scope),
    ...(expiresIn ? { expiresAt: now + expiresIn * 1000 } : {}),
    ...(answer.refresh_token ? { refreshToken: answer.refresh_token } : {}),
    ...(refreshExpiresIn ? { refreshTokenExpiresAt: now + refreshExpiresIn * 1000 } : {}),
  };
}
