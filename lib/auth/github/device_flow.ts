/**
 * GitHub's OAuth device flow: ask for a device and user code, show the user code through a callback,
 * then poll the token endpoint at the interval GitHub sets, growing it on `slow_down`, until the user
 * approves, denies, or the code expires. The waiting is the shared device poller's (lib/auth/oauth),
 * so every wait goes through the injected clock.
 *
 * Permissions: `--allow-net` for the GitHub host.
 *
 * @module
 */

import { withRemedy } from "../remedy.ts";
import type { Clock } from "../../clock.ts";
import type { HttpClient, RequestOptions } from "../../http/client.ts";
import { ApiError, AuthError } from "../../errors.ts";
import { pollDeviceAuthorization } from "../oauth/device_poll.ts";
import { GitHubAuthError, githubOAuthError } from "./errors.ts";
import type { GitHubEndpoints } from "./host.ts";
import { type GitHubTokenSet, githubTokenSetFrom, readGitHubOAuthAnswer } from "./token_set.ts";

/** What the user must do: open `verificationUri` and type `userCode`. */
export interface GitHubDeviceCodePrompt {
  /** The short code the person types on GitHub (e.g. `WDJB-MJHT`); good for this sign-in only. */
  userCode: string;
  /** Where to type it, e.g. `https://github.com/login/device`. */
  verificationUri: string;
  /** Seconds the code stays valid. */
  expiresIn: number;
  /** Seconds between polls, as GitHub asked. */
  interval: number;
}

/** Inputs of one device-flow sign-in. */
export interface GitHubDeviceFlowOptions {
  /** An HTTP client; requests are sent without a bearer token. */
  http: HttpClient;
  /** The host's OAuth endpoints (from resolveGitHubHost). */
  endpoints: GitHubEndpoints;
  /** The app's Client ID (not its numeric App ID); the device flow needs no client secret. */
  clientId: string;
  /** Scopes to request; empty sends no `scope`. GitHub Apps ignore scopes. */
  scopes: string[];
  /** Drives the polling waits and stamps the send time that token expiry is counted from. */
  clock: Clock;
  /** Shows the code to the user; called once, before polling starts. */
  onPrompt(prompt: GitHubDeviceCodePrompt): void | Promise<void>;
  /** Aborts the requests and the polling wait. */
  signal?: AbortSignal;
}

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
/** GitHub's documented defaults, used when an answer leaves them out. */
const DEFAULT_INTERVAL = 5;
const DEFAULT_EXPIRES_IN = 900;
/** Statuses whose body may still carry an OAuth `error` (GitHub, GHES, proxies). */
const ERROR_STATUSES = [400, 401, 403, 404, 422];

/** The options every OAuth form request uses. */
export function githubOAuthRequest(form: Record<string, string>, signal?: AbortSignal): RequestOptions {
  return {
    headers: { accept: "application/json" },
    body: new URLSearchParams(form),
    anonymous: true,
    allowStatus: ERROR_STATUSES,
    signal,
  };
}

/** Runs the device flow to the end and returns the token set. */
export async function runGitHubDeviceFlow(options: GitHubDeviceFlowOptions): Promise<GitHubTokenSet> {
  const { http, endpoints, clientId, clock, signal } = options;
  const form: Record<string, string> = { client_id: clientId };
  if (options.scopes.length) form.scope = options.scopes.join(" ");
  const response = await http.send("POST", endpoints.deviceCodeUrl, githubOAuthRequest(form, signal));
  const start = await readGitHubOAuthAnswer(response, "device code");
  if (start.error) throw githubOAuthError(start.error, start.error_description);
  if (!response.ok || !start.device_code || !start.user_code || !start.verification_uri) {
    if (
      response.status === 404 || response.status === 401 || response.status === 403 || response.status === 422
    ) {
      throw withRemedy(
        new GitHubAuthError(
          "device_flow_unavailable",
          `${endpoints.host} does not offer the device flow for this client id (HTTP ${response.status}).`,
        ),
        { action: "fix", topic: "github.other-host" },
      );
    }
    throw withRemedy(
      new ApiError("GitHub's device-code answer is incomplete.", { status: response.status }, {
        code: "auth.github.bad-response",
      }),
      { action: "fix", topic: "github.not-github" },
    );
  }
  const interval = positive(start.interval) ?? DEFAULT_INTERVAL;
  const expiresIn = positive(start.expires_in) ?? DEFAULT_EXPIRES_IN;
  await options.onPrompt({
    userCode: start.user_code,
    verificationUri: start.verification_uri,
    expiresIn,
    interval,
  });

  const poll = { client_id: clientId, device_code: start.device_code, grant_type: DEVICE_GRANT };
  try {
    return await pollDeviceAuthorization<GitHubTokenSet>({
      intervalSeconds: interval,
      expiresInSeconds: expiresIn,
      clock,
      signal,
      provider: endpoints.host,
      poll: async () => {
        const sentAt = clock.now();
        const answer = await readGitHubOAuthAnswer(
          await http.send("POST", endpoints.tokenUrl, {
            ...githubOAuthRequest(poll, signal),
            retrySafe: true,
            secretResponse: true,
          }),
          "token",
        );
        if (answer.error === "authorization_pending") return { status: "pending" };
        // GitHub sends the new interval with slow_down (the old one + 5 s).
        if (answer.error === "slow_down") {
          return { status: "slow_down", intervalSeconds: positive(answer.interval) };
        }
        return { status: "done", value: githubTokenSetFrom(answer, sentAt) };
      },
    });
  } catch (error) {
    // The shared poller gives up locally when the code's lifetime is over; say it as GitHub would.
    if (error instanceof AuthError && error.code === "auth.device-code-expired") {
      throw githubOAuthError("expired_token");
    }
    throw error;
  }
}

function positive(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}
