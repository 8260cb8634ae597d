/**
 * The token-origin rule for URLs the admin APIs hand back (next-page links, operation monitors), in the
 * shape the pager and the poller use. The rule itself is the HTTP core's one `followUrl`
 * (lib/http/follow.ts): the bearer token goes only to the first request's origin, and a follow-up never
 * leaves https (a loopback emulator on plain http may link to itself).
 *
 * @module
 */

import { followUrl } from "../http/follow.ts";

/** How to request a URL the service handed back. */
export interface FollowUp {
  /** The absolute URL to request. */
  url: string;
  /** True when the URL is on another origin: send it without Authorization. */
  anonymous: boolean;
}

/**
 * Checks a link against the first request's URL. Relative links resolve against it. Throws ApiError
 * (code `http.unsafe-url`) for a link that downgrades to plain http or uses another scheme.
 */
export function followUp(first: string | URL, link: string): FollowUp {
  const { url, sameOrigin } = followUrl(first, link);
  return { url: url.toString(), anonymous: !sameOrigin };
}
