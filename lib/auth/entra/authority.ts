/**
 * Which authority to sign in against: an explicit `--authority` wins, then AZURE_AUTHORITY_HOST (the
 * variable azure-identity reads), then the cloud's host. Plain http is refused except on loopback
 * addresses, so a typo cannot send a secret over the network unencrypted.
 *
 * @module
 */

import type { Env } from "../../env.ts";
import { UsageError } from "../../errors.ts";
import { cloudByName } from "./clouds.ts";

/** What an authority is built from. */
export interface AuthorityInput {
  /** Tenant id, verified domain, or `organizations` / `common` / `consumers`. */
  tenant?: string | null;
  /** Cloud name (`public` by default). */
  cloud?: string | null;
  /** An authority URL: a host (`https://login.example`) or a host plus tenant path. */
  authority?: string | null;
  /** Environment (AZURE_AUTHORITY_HOST). */
  env?: Env;
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Parses and checks an authority URL; http is allowed for loopback only. */
export function checkAuthorityUrl(value: string, what = "authority"): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`The ${what} "${value}" is not a URL.`, {
      hint: "Pass an https URL such as https://login.microsoftonline.com.",
    });
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new UsageError(`Refusing the plain-http ${what} ${url.origin}.`, {
      hint: "Use https; plain http is accepted only for loopback addresses (127.0.0.1, ::1, localhost).",
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`The ${what} must be an http(s) URL, not ${url.protocol}.`);
  }
  return url;
}

/**
 * The authority URL (host + tenant path, no trailing slash), e.g.
 * `https://login.microsoftonline.com/contoso.onmicrosoft.com`.
 */
export function resolveAuthority(input: AuthorityInput): URL {
  const tenant = (input.tenant ?? "").trim() || "organizations";
  if (!/^[A-Za-z0-9.-]+$/.test(tenant)) {
    throw new UsageError(`"${tenant}" is not a tenant id or domain.`, {
      hint: "Pass the tenant's GUID or a verified domain such as contoso.onmicrosoft.com.",
    });
  }
  const explicit = input.authority?.trim();
  const hostFromEnv = input.env?.get("AZURE_AUTHORITY_HOST")?.trim();
  const base = explicit || hostFromEnv || cloudByName(input.cloud).authorityHost;
  const url = checkAuthorityUrl(
    base,
    explicit ? "authority" : hostFromEnv ? "AZURE_AUTHORITY_HOST" : "authority",
  );
  const path = url.pathname.replace(/\/+$/, "");
  // A bare host gets the tenant appended; a URL with a path is taken as the full authority.
  url.pathname = path ? path : `/${tenant}`;
  url.search = "";
  url.hash = "";
  return url;
}
