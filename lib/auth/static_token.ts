/**
 * A token source that hands out one fixed bearer token (PPX_ACCESS_TOKEN and tests).
 *
 * @module
 */

import type { TokenSource } from "../http/client.ts";

/** Always returns the same token. */
export class StaticTokenSource implements TokenSource {
  readonly #token: string;
  constructor(token: string) {
    this.#token = token;
  }
  getToken(): Promise<string> {
    return Promise.resolve(this.#token);
  }
}
