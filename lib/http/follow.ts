/**
 * The one rule for URLs a service hands back (`@odata.nextLink`, `nextLink`, `Location`,
 * `Operation-Location`, `Azure-AsyncOperation`, download URLs, redirects): where ppx may follow them, and
 * whether the bearer token goes along.
 *
 * - The token goes only to the origin of the first request; a URL on another origin is followed without
 *   it (and without cookies).
 * - A URL never leaves https: plain http is followed only when the first request was itself plain http to a
 *   loopback address (the local emulator) and the URL stays on a loopback address.
 * - Nothing but http(s) is followed.
 *
 * The HTTP client applies it to every redirect and to every request made with `followedFrom`; code that
 * follows a URL some other way (a poller, a download) calls {@link followUrl} itself.
 *
 * @module
 */

import { ApiError } from "../errors.ts";
import { redactUrl } from "./redact.ts";

/** Where a handed-back URL leads and whether the token may go with it. */
export interface FollowedUrl {
  /** The absolute URL to request (resolved against the first request's URL when relative). */
  url: URL;
  /** True when it is on the first request's origin: the Authorization header may be sent. */
  sameOrigin: boolean;
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Applies the follow rule. `first` is the URL of the request that started it all (the first page, the
 * request that was redirected or accepted); `next` the URL the service handed back (absolute or relative).
 * `what` names the URL in the error (e.g. "paging link", "redirect").
 *
 * @throws ApiError (code `http.unsafe-url`) when the URL is not http(s) or would leave https
 */
export function followUrl(first: URL | string, next: string, what = "link"): FollowedUrl {
  const base = new URL(first);
  let url: URL;
  try {
    url = new URL(next, base);
  } catch (cause) {
    throw unsafe(`${base.host} handed back a ${what} that is not a URL.`, base, cause);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw unsafe(`${base.host} handed back a ${what} to ${url.protocol} ${redactUrl(url.href)}.`, base);
  }
  if (url.protocol === "http:") {
    const emulator = base.protocol === "http:" && isLoopbackHost(base.hostname) &&
      isLoopbackHost(url.hostname);
    if (!emulator) {
      throw unsafe(
        `${base.host} handed back a ${what} to plain http (${
          redactUrl(url.href)
        }); ppx does not leave https.`,
        base,
      );
    }
  }
  return { url, sameOrigin: url.origin === base.origin };
}

function unsafe(message: string, base: URL, cause?: unknown): ApiError {
  return new ApiError(message, { status: 0, url: redactUrl(base.href) }, {
    code: "http.unsafe-url",
    hint: "ppx sends requests only over https (plain http only to the local emulator). A service should " +
      "never point elsewhere: check for a proxy rewriting answers, and report it.",
    cause,
  });
}
