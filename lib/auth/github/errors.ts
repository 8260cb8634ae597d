/**
 * GitHub sign-in errors: one AuthError subtype per OAuth error code GitHub documents, each with a hint
 * that says what to change. Codes are `auth.github.<error>` so scripts can tell them apart.
 *
 * @module
 */

import { AuthError, type PpxErrorOptions } from "../../errors.ts";
import { type FixTopic, withRemedy } from "../remedy.ts";

/**
 * A GitHub OAuth error (device flow, code exchange or refresh). Profile-level callers wrap it in
 * GitHubTokenUnavailableError, whose message ends with the command that signs in again; the hints here
 * only say what to do differently.
 */
export class GitHubAuthError extends AuthError {
  /** GitHub's own error code, e.g. `access_denied`. */
  readonly oauthError: string;
  /** The code becomes `auth.github.<oauthError>`; any `code` in `options` is overridden. */
  constructor(oauthError: string, message: string, options: PpxErrorOptions = {}) {
    super(message, { ...options, code: `auth.github.${oauthError}` });
    this.oauthError = oauthError;
  }
}

/** The device code ran out before the user approved it (`expired_token`). */
export class GitHubDeviceCodeExpiredError extends GitHubAuthError {}
/** The user pressed Cancel, or an organization policy refused the app (`access_denied`). */
export class GitHubAccessDeniedError extends GitHubAuthError {}
/** The app's client id or secret is wrong (`incorrect_client_credentials`). */
export class GitHubClientCredentialsError extends GitHubAuthError {}
/** The app does not allow the device flow (`device_flow_disabled`). */
export class GitHubDeviceFlowDisabledError extends GitHubAuthError {}
/** A refresh token was rejected: expired, used, or revoked (`bad_refresh_token`). */
export class GitHubRefreshRejectedError extends GitHubAuthError {}
/** The web flow's redirect failed a check (state mismatch, redirect URI mismatch, bad code). */
export class GitHubWebFlowError extends GitHubAuthError {}

/** Each known error: a hint in plain words, or a remedy topic the CLI words (it names a flag). */
const KNOWN: Record<
  string,
  & { type: typeof GitHubAuthError; message: string }
  & ({ hint: string; remedy?: undefined } | {
    remedy: FixTopic;
    hint?: undefined;
  })
> = {
  expired_token: {
    type: GitHubDeviceCodeExpiredError,
    message: "The device code expired before it was approved on GitHub.",
    hint: "Enter the new code within its lifetime (15 minutes on github.com).",
  },
  access_denied: {
    type: GitHubAccessDeniedError,
    message: "GitHub sign-in was cancelled (access denied).",
    hint:
      "Choose Authorize on GitHub; if an organization restricts OAuth apps, ask an owner to approve this app.",
  },
  incorrect_client_credentials: {
    type: GitHubClientCredentialsError,
    message: "GitHub rejected the client id or client secret.",
    remedy: "github.check-app",
  },
  incorrect_device_code: {
    type: GitHubAuthError,
    message: "GitHub did not accept the device code.",
    hint: "Each device code can be used once.",
  },
  device_flow_disabled: {
    type: GitHubDeviceFlowDisabledError,
    message: "The device flow is not enabled for this GitHub app.",
    remedy: "github.device-disabled",
  },
  unsupported_grant_type: {
    type: GitHubAuthError,
    message: "GitHub rejected the grant type of the token request.",
    remedy: "github.proxy",
  },
  bad_verification_code: {
    type: GitHubWebFlowError,
    message:
      "GitHub rejected the authorization code (wrong, already used, older than 10 minutes, or PKCE mismatch).",
    hint: "Finish the sign-in within 10 minutes.",
  },
  redirect_uri_mismatch: {
    type: GitHubWebFlowError,
    message: "The redirect URI does not match the app's registered callback URL.",
    remedy: "github.redirect",
  },
  bad_refresh_token: {
    type: GitHubRefreshRejectedError,
    message: "GitHub rejected the refresh token (expired after 6 months, already used, or revoked).",
    hint: "Sign in again to get a new token pair.",
  },
  unverified_user_email: {
    type: GitHubAuthError,
    message: "GitHub refuses to issue a token until the account's primary email address is verified.",
    hint: "Verify the email address in GitHub's settings, then sign in again.",
  },
};

/** Turns a GitHub `error` (+ description) into the matching typed error. */
export function githubOAuthError(error: string, description?: string): GitHubAuthError {
  const known = KNOWN[error === "token_expired" ? "expired_token" : error];
  if (known?.remedy) {
    return withRemedy(new known.type(error, known.message), { action: "fix", topic: known.remedy });
  }
  if (known) return new known.type(error, known.message, { hint: known.hint });
  const detail = description ? `: ${description}` : "";
  return withRemedy(new GitHubAuthError(error, `GitHub sign-in failed (${error})${detail}.`), {
    action: "fix",
    topic: "github.debug",
  });
}

/** The sentence every GitHub token failure ends with, naming the command that fixes it. */
export function reauthSuffix(profile: string): string {
  return `Run \`ppx auth github ${profile}\` to (re)authenticate.`;
}

/**
 * A GitHub profile could not produce a token. The message ends with the re-authentication command;
 * the hint keeps the specific advice of the underlying error.
 */
export class GitHubTokenUnavailableError extends AuthError {
  /** The profile that failed. */
  readonly profile: string;
  /**
   * `reason` says what went wrong; the re-authentication command is appended to it. Code
   * `auth.github.token-unavailable` unless `options.code` keeps the underlying error's.
   */
  constructor(profile: string, reason: string, options: PpxErrorOptions & { code?: string } = {}) {
    super(`${reason.replace(/\s*$/, "")} ${reauthSuffix(profile)}`, {
      ...options,
      code: options.code ?? "auth.github.token-unavailable",
    });
    this.profile = profile;
  }
}
