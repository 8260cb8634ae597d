/**
 * Managed identity tokens from the Azure host itself: the App Service / Functions / Container Apps
 * endpoint (IDENTITY_ENDPOINT + IDENTITY_HEADER, api-version 2019-08-01) when present, otherwise the
 * instance metadata service (IMDS, api-version 2018-02-01, `Metadata: true`). The IMDS host can be
 * overridden with AZURE_POD_IDENTITY_AUTHORITY_HOST, as azure-identity allows; tests point both at a
 * loopback emulator.
 *
 * Answers that mean "not yet" are retried as Azure's IMDS guidance asks: 429 and 5xx from either
 * endpoint, and from IMDS also 404 (the identity is still being set up) and 410 (IMDS is being upgraded;
 * retried for at least 70 s in all). Five retries with exponential backoff from 800 ms (3 s for 410),
 * or the Retry-After (seconds or an HTTP-date, at most 60 s) when it is longer. An endpoint that does not
 * answer at all is not retried: off Azure that is the normal case and should fail fast.
 *
 * @module
 */

import { withRemedy } from "../remedy.ts";
import type { Clock } from "../../clock.ts";
import type { Env } from "../../env.ts";
import { AuthError } from "../../errors.ts";
import { DEFAULT_RETRY_POLICY, parseRetryAfter } from "../../http/retry.ts";
import { type AccessToken, accountFromToken, resourceFor } from "./token.ts";

/** The default IMDS host. */
export const IMDS_HOST = "http://169.254.169.254";

/** Retries after the first attempt. */
const MAX_RETRIES = 5;
const FIRST_DELAY_MS = 800;
/** 3 s doubling five times is over 70 s even with jitter taking 20% off each wait. */
const FIRST_DELAY_GONE_MS = 3000;

/** Whether an answer with `status` is worth asking again. */
function retryable(status: number, source: "app-service" | "imds"): boolean {
  return status === 429 || status >= 500 || (source === "imds" && (status === 404 || status === 410));
}

/**
 * The wait before retry number `retry` (0-based): exponential, 80–100% of it (not the HTTP client's full
 * jitter, which could shrink the 410 waits below 70 s), or the Retry-After when longer, capped as the HTTP
 * client caps it.
 */
function backoff(retry: number, status: number, retryAfter: string | null, nowMs: number): number {
  const base = (status === 410 ? FIRST_DELAY_GONE_MS : FIRST_DELAY_MS) * 2 ** retry;
  const delay = Math.round(base * (0.8 + Math.random() * 0.2));
  const asked = Math.min(parseRetryAfter(retryAfter, nowMs) ?? 0, DEFAULT_RETRY_POLICY.maxDelayMs);
  return Math.max(delay, asked);
}

/** Which identity: the system-assigned one, or a user-assigned one by one of its ids. */
export interface ManagedIdentitySelector {
  clientId?: string;
  objectId?: string;
  resourceId?: string;
}

/** Managed identity options. */
export interface ManagedIdentityOptions extends ManagedIdentitySelector {
  env: Env;
  fetch: typeof fetch;
  clock: Clock;
  /** Per-request timeout in ms (default 10 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

function expiry(body: Record<string, unknown>, now: number): number {
  const on = Number(body.expires_on);
  if (Number.isFinite(on) && on > 0) return on * 1000;
  if (typeof body.expires_on === "string") {
    const parsed = Date.parse(body.expires_on);
    if (!Number.isNaN(parsed)) return parsed;
  }
  const inSeconds = Number(body.expires_in);
  return now + (Number.isFinite(inSeconds) ? inSeconds : 3600) * 1000;
}

/** Where the request goes for this host, given the environment. */
export function managedIdentityRequest(
  scope: string,
  selector: ManagedIdentitySelector,
  env: Env,
): { url: URL; headers: Record<string, string>; source: "app-service" | "imds" } {
  const resource = resourceFor(scope);
  const endpoint = env.get("IDENTITY_ENDPOINT");
  const header = env.get("IDENTITY_HEADER");
  if (endpoint && header) {
    const url = new URL(endpoint);
    url.searchParams.set("api-version", "2019-08-01");
    url.searchParams.set("resource", resource);
    if (selector.clientId) url.searchParams.set("client_id", selector.clientId);
    if (selector.objectId) url.searchParams.set("principal_id", selector.objectId);
    if (selector.resourceId) url.searchParams.set("mi_res_id", selector.resourceId);
    return { url, headers: { "x-identity-header": header }, source: "app-service" };
  }
  const host = (env.get("AZURE_POD_IDENTITY_AUTHORITY_HOST") || IMDS_HOST).replace(/\/+$/, "");
  const url = new URL(`${host}/metadata/identity/oauth2/token`);
  url.searchParams.set("api-version", "2018-02-01");
  url.searchParams.set("resource", resource);
  if (selector.clientId) url.searchParams.set("client_id", selector.clientId);
  if (selector.objectId) url.searchParams.set("object_id", selector.objectId);
  if (selector.resourceId) url.searchParams.set("msi_res_id", selector.resourceId);
  return { url, headers: { metadata: "true" }, source: "imds" };
}

/** Gets a token for `scope` from the host's managed identity. */
export async function managedIdentityToken(
  scope: string,
  options: ManagedIdentityOptions,
): Promise<AccessToken> {
  const { url, headers, source } = managedIdentityRequest(scope, options, options.env);
  let response: Response;
  let retries = 0;
  for (;;) {
    response = await ask(url, headers, options);
    if (response.ok || retries >= MAX_RETRIES || !retryable(response.status, source)) break;
    const wait = backoff(
      retries++,
      response.status,
      response.headers.get("retry-after"),
      options.clock.now(),
    );
    await response.body?.cancel();
    await options.clock.sleep(wait, options.signal);
  }
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text);
  } catch {
    // error pages are not JSON
  }
  if (!response.ok || typeof body.access_token !== "string") {
    const detail = typeof body.error_description === "string"
      ? body.error_description
      : typeof body.message === "string"
      ? body.message
      : `HTTP ${response.status}`;
    const unsupported = /not a supported MSI token audience|resource/i.test(detail) &&
      response.status === 400;
    const transient = retryable(response.status, source);
    const error = new AuthError(
      `The ${
        source === "imds" ? "instance metadata service" : "App Service identity endpoint"
      } gave no token: ${detail}${retries > 0 ? ` (${retries + 1} attempts)` : ""}`,
      {
        code: "auth.managed-identity",
        hint: transient
          ? "The endpoint is busy or being updated (it kept answering with a temporary error); try again in a few minutes."
          : undefined,
      },
    );
    if (transient) throw error;
    // Other fixes name a sign-in flow or option: the CLI words them (`value`: the resource, if unsupported).
    throw withRemedy(
      error,
      unsupported
        ? { action: "fix", topic: "entra.mi-unsupported", value: resourceFor(scope) }
        : { action: "fix", topic: "entra.mi-assignment" },
    );
  }
  const token = body.access_token as string;
  return { token, expiresAt: expiry(body, options.clock.now()), account: accountFromToken(token) };
}

/** One request to the endpoint; no answer at all is an AuthError saying managed identity is not here. */
async function ask(
  url: URL,
  headers: Record<string, string>,
  options: ManagedIdentityOptions,
): Promise<Response> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    return await options.fetch(url, { headers, signal });
  } catch (cause) {
    throw withRemedy(
      new AuthError(`No managed identity endpoint answered at ${url.origin}.`, {
        code: "auth.managed-identity-unavailable",
        cause,
      }),
      { action: "fix", topic: "entra.mi-unavailable" },
    );
  }
}
