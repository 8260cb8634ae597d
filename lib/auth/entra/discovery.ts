/**
 * OpenID discovery the way MSAL does it: `{authority}/v2.0/.well-known/openid-configuration`, falling
 * back to `{authority}/.well-known/openid-configuration` for other standards-compliant providers. The
 * metadata is cached per authority for the life of the process.
 *
 * ppx requests no ID token (the account shown comes from the access token's claims), so the templated
 * issuer of multi-tenant authorities (`https://login.microsoftonline.com/{tenantid}/v2.0`) needs no
 * special handling.
 *
 * @module
 */

import {
  allowInsecureRequests,
  type AuthorizationServer,
  customFetch,
  type HttpRequestOptions,
} from "oauth4webapi";
import { ApiError, AuthError } from "../../errors.ts";
import { withRemedy } from "../remedy.ts";
import { unreachableError } from "../../http/transport.ts";
import { followUrl } from "../../http/follow.ts";

/** A discovered authority plus how to talk to it. */
export interface EntraEndpoint {
  /** The authority URL it was discovered from. */
  authority: URL;
  /** The OpenID provider metadata (issuer, token_endpoint, device_authorization_endpoint...). */
  server: AuthorizationServer;
  /** The fetch to use. */
  fetch: typeof fetch;
  /** True when the authority is plain http on loopback (the emulator). */
  insecure: boolean;
}

/** Options every oauth4webapi request takes: our fetch, loopback http, cancellation. */
export function requestOptions(
  endpoint: Pick<EntraEndpoint, "fetch" | "insecure">,
  signal?: AbortSignal,
): HttpRequestOptions<"POST", URLSearchParams> {
  return {
    [customFetch]: (url: string, init: RequestInit) => endpoint.fetch(url, init),
    [allowInsecureRequests]: endpoint.insecure,
    ...(signal ? { signal } : {}),
  } as HttpRequestOptions<"POST", URLSearchParams>;
}

// Metadata only: every caller talks to the endpoint with its own fetch (tracing, tests).
const cache = new Map<string, Promise<EntraEndpoint>>();

/** Forgets cached metadata (tests). */
export function clearDiscoveryCache(): void {
  cache.clear();
}

/** Discovers (or returns cached) metadata for an authority. */
export function discover(
  authority: URL,
  options: { fetch: typeof fetch; signal?: AbortSignal },
): Promise<EntraEndpoint> {
  const key = authority.href;
  let pending = cache.get(key);
  if (!pending) {
    pending = load(authority, options.fetch, options.signal);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending.then((endpoint) => ({ ...endpoint, fetch: options.fetch }));
}

async function fetchMetadata(url: string, fetcher: typeof fetch, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetcher(url, { headers: { accept: "application/json" }, signal });
  } catch (cause) {
    // Refused or unknown host: said plainly (exit 6); a missing --allow-net stays in the cause chain.
    const unreachable = unreachableError(
      cause,
      new URL(url),
      { method: "GET", url },
      "the sign-in authority",
    );
    if (unreachable) throw unreachable;
    throw withRemedy(
      new ApiError(`Could not reach the sign-in authority ${new URL(url).host}.`, {
        status: 0,
        method: "GET",
        url,
      }, { code: "network", cause }),
      { action: "fix", topic: "discovery.unreachable" },
    );
  }
}

async function load(authority: URL, fetcher: typeof fetch, signal?: AbortSignal): Promise<EntraEndpoint> {
  const base = authority.href.replace(/\/+$/, "");
  let response = await fetchMetadata(`${base}/v2.0/.well-known/openid-configuration`, fetcher, signal);
  if (response.status === 404) {
    await response.body?.cancel();
    response = await fetchMetadata(`${base}/.well-known/openid-configuration`, fetcher, signal);
  }
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok || !json || typeof json.issuer !== "string" || typeof json.token_endpoint !== "string") {
    const description = typeof json?.error_description === "string" ? json.error_description : "";
    if (/AADSTS90002/.test(description)) {
      throw withRemedy(
        new AuthError(`Tenant "${authority.pathname.slice(1)}" was not found at ${authority.host}.`, {
          code: "auth.tenant-not-found",
        }),
        { action: "fix", topic: "discovery.tenant" },
      );
    }
    throw withRemedy(
      new AuthError(`${authority.href} did not return OpenID configuration (HTTP ${response.status}).`, {
        code: "auth.discovery",
      }),
      { action: "fix", topic: "discovery.metadata" },
    );
  }
  for (const name of ["token_endpoint", "device_authorization_endpoint", "authorization_endpoint"]) {
    const value = json[name];
    if (typeof value !== "string") continue;
    const url = new URL(value, base);
    // The follow rule of every handed-back URL: never off https (loopback http only from a loopback
    // http authority, the emulator).
    let safe = true;
    try {
      followUrl(authority, url.href, name);
    } catch {
      safe = false;
    }
    if (!safe) {
      throw withRemedy(
        new AuthError(`The authority's ${name} ${url.origin} is not https.`, { code: "auth.discovery" }),
        { action: "fix", topic: "discovery.http" },
      );
    }
  }
  const server = json as unknown as AuthorizationServer;
  return {
    authority,
    server,
    fetch: fetcher,
    insecure: new URL(json.token_endpoint as string).protocol === "http:",
  };
}
