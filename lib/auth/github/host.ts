/**
 * Where a GitHub host keeps its OAuth and API endpoints: github.com (`https://github.com/login/...`,
 * API at `https://api.github.com`), GHE.com tenants (`https://SUB.ghe.com`, API at
 * `https://api.SUB.ghe.com`) and GitHub Enterprise Server (`https://HOST/login/...`, API at
 * `https://HOST/api/v3`). Plain http is accepted only for loopback addresses, so the emulator and local
 * proxies work while a typo cannot send a code or token over the network in clear.
 *
 * @module
 */

import { UsageError } from "../../errors.ts";

/** The endpoints of one GitHub host. */
export interface GitHubEndpoints {
  /** The host as stored in a profile: `github.com`, `ghe.example.com`, or a base URL for http/ports. */
  host: string;
  /** True for github.com itself. */
  dotcom: boolean;
  /** `…/login/device/code` */
  deviceCodeUrl: string;
  /** `…/login/oauth/authorize` */
  authorizeUrl: string;
  /** `…/login/oauth/access_token` */
  tokenUrl: string;
  /** The REST API base (no trailing slash). */
  apiUrl: string;
}

/** The default host. */
export const GITHUB_COM = "github.com";

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|localhost|\[::1\])$/i;

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackGitHubHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/**
 * Resolves `--hostname` (a host name, `host:port`, or a base URL) into endpoints. Throws a UsageError
 * for http on a non-loopback host, for other schemes, and for things that are not host names.
 */
export function resolveGitHubHost(input: string | undefined): GitHubEndpoints {
  const raw = (input ?? "").trim() || GITHUB_COM;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw badHost(raw, "it is not a host name or URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw badHost(raw, `${url.protocol} is not supported`);
  }
  if (url.protocol === "http:" && !isLoopbackGitHubHost(url.hostname)) {
    throw new UsageError(`Refusing plain http for GitHub host '${url.hostname}'.`, {
      hint:
        "Use https://, or a loopback address (127.0.0.1, ::1, localhost) for local emulators and proxies.",
    });
  }
  if (url.username || url.password || url.search || url.hash) {
    throw badHost(raw, "it carries credentials or a query");
  }
  const hostname = url.hostname.toLowerCase();
  const path = url.pathname.replace(/\/+$/, "");
  const origin = `${url.protocol}//${url.host}${path}`;
  if (
    (hostname === GITHUB_COM || hostname === "www.github.com") && url.protocol === "https:" && !url.port &&
    !path
  ) {
    return endpoints(GITHUB_COM, true, "https://github.com", "https://api.github.com");
  }
  // A bare https host name is stored as typed; anything else (http, a port, a path) as its base URL.
  const plain = url.protocol === "https:" && !url.port && !path;
  const host = plain ? hostname : origin;
  if (plain && hostname.endsWith(".ghe.com")) {
    return endpoints(host, false, `https://${hostname}`, `https://api.${hostname}`);
  }
  return endpoints(host, false, origin, `${origin}/api/v3`);
}

function endpoints(host: string, dotcom: boolean, login: string, api: string): GitHubEndpoints {
  return {
    host,
    dotcom,
    deviceCodeUrl: `${login}/login/device/code`,
    authorizeUrl: `${login}/login/oauth/authorize`,
    tokenUrl: `${login}/login/oauth/access_token`,
    apiUrl: api,
  };
}

function badHost(raw: string, why: string): UsageError {
  return new UsageError(`'${raw}' is not a usable GitHub host: ${why}.`, {
    hint: "Pass a host name such as github.example.com, or a base URL such as https://github.example.com.",
  });
}
