/**
 * Paging of the admin APIs, in one place. A page names its successor in one of four ways: an
 * `@odata.nextLink` or `nextLink` URL in the body, a continuation token in the body (`continuationToken`,
 * `$skiptoken`, `skipToken`) sent back as a query parameter, or an `x-ms-continuation-token` response
 * header sent back as a request header. Pages are fetched one at a time, so memory stays flat.
 *
 * @module
 */

import type { HttpClient } from "../http/client.ts";
import { followUp } from "./follow.ts";

/** How a list operation pages. */
export interface PagingSpec {
  /** Where the items sit in a page (default: `value`, else `collection`, else the body if it is an array). */
  itemsKey?: string;
  /** The query parameter that carries a body continuation token back (default `$skiptoken`). */
  tokenParam?: string;
}

/** The first request of a list. */
export interface FirstPage {
  /** Path (relative to the client's base URL) or absolute URL. */
  path: string;
  /** Query parameters of the first request (api-version, filters, $top). */
  query?: Record<string, string | undefined>;
  /** Headers of the first request. */
  headers?: Record<string, string>;
}

/** One page: its items and where the next one is (for `--json` callers that page by hand). */
export interface ListPage<T> {
  items: T[];
  /** The token or link of the next page; undefined on the last page. */
  next?: string;
}

/** The items of a page body. */
export function pageItems<T>(body: unknown, itemsKey?: string): T[] {
  if (Array.isArray(body)) return body as T[];
  const r = body && typeof body === "object" ? body as Record<string, unknown> : {};
  for (const key of itemsKey ? [itemsKey] : ["value", "collection", "items"]) {
    if (Array.isArray(r[key])) return r[key] as T[];
  }
  return [];
}

/** Yields every page, following whichever continuation the service uses; `maxPages` bounds it. */
export async function* listPages<T = Record<string, unknown>>(
  client: HttpClient,
  first: FirstPage,
  spec: PagingSpec = {},
  maxPages = Infinity,
): AsyncGenerator<ListPage<T>> {
  const firstUrl = client.url(first.path, first.query).toString();
  let url = firstUrl;
  let anonymous = false;
  let headers = { ...first.headers };
  for (let n = 0; n < maxPages; n++) {
    const response = await client.send("GET", url, { headers, anonymous });
    const text = await response.text();
    const body: unknown = text.trim() ? JSON.parse(text) : {};
    const r = body && typeof body === "object" && !Array.isArray(body) ? body as Record<string, unknown> : {};
    const link = str(r["@odata.nextLink"]) ?? str(r["nextLink"]);
    const token = str(r["continuationToken"]) ?? str(r["$skiptoken"]) ?? str(r["skipToken"]);
    const headerToken = response.headers.get("x-ms-continuation-token") ?? undefined;
    const next = link ?? token ?? headerToken;
    yield { items: pageItems<T>(body, spec.itemsKey), next };
    if (link) {
      const f = followUp(firstUrl, link);
      url = f.url;
      anonymous = f.anonymous;
      headers = { ...first.headers };
    } else if (token) {
      const u = new URL(firstUrl);
      u.searchParams.set(spec.tokenParam ?? "$skiptoken", token);
      url = u.toString();
    } else if (headerToken) {
      url = firstUrl;
      headers = { ...first.headers, "x-ms-continuation-token": headerToken };
    } else return;
  }
}

/** Yields items across pages; stops after `top` items when given. */
export async function* listItems<T = Record<string, unknown>>(
  client: HttpClient,
  first: FirstPage,
  spec: PagingSpec = {},
  options: { all?: boolean; top?: number } = {},
): AsyncGenerator<T> {
  let count = 0;
  const maxPages = options.all || options.top !== undefined ? Infinity : 1;
  for await (const page of listPages<T>(client, first, spec, maxPages)) {
    for (const item of page.items) {
      if (options.top !== undefined && count >= options.top) return;
      count++;
      yield item;
    }
    if (options.top !== undefined && count >= options.top) return;
  }
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}
