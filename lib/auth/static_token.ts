/**
 * A token source that hands out one fixed bearer token (PPX_ACCESS_TOKEN and tests).
 *
 * @module
 */

import type { TokenSource } from "../http/client.ts";

/** Always returns the same token. */
export class StaticTokenSource implements TokenSource {
  readonly #token: string;
  /** `token` is the bare access token (no `Bearer ` prefix); a private field keeps it out of JSON. */
  constructor(token: string) {
    this.#token = token;
  }
  /** The fixed token; `forceRefresh` is ignored since there is nothing to refresh it from. */
  getToken(): Promise<string> {
    return Promise.resolve(this.#token);
  }
}
