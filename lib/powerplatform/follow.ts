/**
 * The token-origin rule for URLs a service hands back (next-page links, operation monitors): the bearer
 * token goes only to the origin of the first request, and a follow-up never leaves https (a loopback
 * emulator on plain http may link to itself).
 *
 * @module
 */

import { ApiError } from "../errors.ts";
import { isLoopback } from "./endpoints.ts";

/** How to request a URL the service handed back. */
export interface FollowUp {
  /** The absolute URL to request. */
  url: string;
  /** True when the URL is on another origin: send it without Authorization. */
  anonymous: boolean;
}

/**
 * Checks a link against the first request's URL. Relative links resolve against it. Throws ApiError
 * (code `api.unsafe-link`) for a link that downgrades to plain http or uses another scheme.
 */
export function followUp(first: string | URL, link: string): FollowUp {
  const base = new URL(first);
  let next: URL;
  try {
    next = new URL(link, base);
  } catch {
    throw unsafe(`The service returned a link that is not a URL: '${link}'.`);
  }
  const httpsOk = next.protocol === "https:";
  const loopbackOk = next.protocol === "http:" && base.protocol === "http:" && isLoopback(next.hostname) &&
    isLoopback(base.hostname);
  if (!httpsOk && !loopbackOk) {
    throw unsafe(
      `The service returned a link that is not https (${next.protocol}//${next.host}); not followed.`,
    );
  }
  return { url: next.toString(), anonymous: next.origin !== base.origin };
}

function unsafe(message: string): ApiError {
  return new ApiError(message, { status: 0 }, {
    code: "api.unsafe-link",
    hint: "This is a service or proxy fault; report it with the --debug trace.",
  });
}
