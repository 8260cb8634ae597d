/**
 * Following paged collections: OData `@odata.nextLink`, Power Platform `nextLink`, and continuation
 * tokens. Pages are fetched one at a time so memory stays flat however many records there are.
 *
 * @module
 */

import type { HttpClient, RequestOptions } from "./client.ts";

/** One page of a collection. */
export interface Page<T> {
  /** The page's items (the array under `itemsKey`); empty when the page has none or no such array. */
  items: T[];
  /** The raw page body, for callers that need `@odata.count` or similar. */
  body: Record<string, unknown>;
}

/** How to find the next page in a page body. Returns a URL, or undefined when done. */
export type NextLinkOf = (body: Record<string, unknown>) => string | undefined;

/** The default: `@odata.nextLink`, then `nextLink`. */
export const odataNextLink: NextLinkOf = (body): string | undefined => {
  const next = body["@odata.nextLink"] ?? body["nextLink"];
  return typeof next === "string" && next !== "" ? next : undefined;
};

/** Options of `paginate`. */
export interface PaginateOptions extends RequestOptions {
  /** Where items sit in a page body (default `value`). */
  itemsKey?: string;
  /** How to find the next page (default `odataNextLink`). */
  nextLink?: NextLinkOf;
  /** Stop after this many pages. */
  maxPages?: number;
}

/**
 * Yields every page of a collection, starting at `path`. Next links are requested as they are (their
 * query already holds the paging token), keeping the same headers (e.g. Prefer), under the follow rule
 * (`follow.ts`): never off https, the token only on the first page's origin.
 */
export async function* paginate<T = Record<string, unknown>>(
  client: HttpClient,
  path: string,
  options: PaginateOptions = {},
): AsyncGenerator<Page<T>> {
  const { itemsKey = "value", nextLink = odataNextLink, maxPages = Infinity, ...request } = options;
  let next: string | undefined = path;
  let first = true;
  for (let pages = 0; next !== undefined && pages < maxPages; pages++) {
    const body: Record<string, unknown> = (await client.json<Record<string, unknown>>(
      "GET",
      next,
      first ? request : { ...request, query: undefined, followedFrom: path },
    )) ?? {};
    first = false;
    const items = Array.isArray(body[itemsKey]) ? body[itemsKey] as T[] : [];
    yield { items, body };
    next = nextLink(body);
  }
}
