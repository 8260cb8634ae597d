/**
 * Access tokens cached per identity and audience, renewed ahead of expiry, with one renewal in flight
 * per key (single-flight): concurrent requests for the same key share one token request. A renewal that
 * fails while the cached token is still valid keeps using the cached token, so a blip at the token
 * endpoint does not fail a long operation; a forced refresh (after a 401) never reuses it.
 *
 * @module
 */

import type { Clock } from "../clock.ts";

/** A cached bearer token. */
export interface CachedToken {
  token: string;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
}

/** Renew tokens this long before they expire (5 minutes, as MSAL does). */
export const REFRESH_AHEAD_MS = 5 * 60_000;

/** Per-process token cache. */
export class TokenCache {
  readonly #clock: Clock;
  readonly #ahead: number;
  readonly #tokens = new Map<string, CachedToken>();
  readonly #inflight = new Map<string, Promise<CachedToken>>();

  constructor(options: { clock: Clock; refreshAheadMs?: number }) {
    this.#clock = options.clock;
    this.#ahead = options.refreshAheadMs ?? REFRESH_AHEAD_MS;
  }

  /** True when `token` can be used now without renewal. */
  fresh(token: CachedToken | undefined): token is CachedToken {
    return !!token && token.expiresAt - this.#ahead > this.#clock.now();
  }

  /** The cached token for a key, fresh or not. */
  peek(key: string): CachedToken | undefined {
    return this.#tokens.get(key);
  }

  /** Stores a token (e.g. one read back from persistent storage). */
  put(key: string, token: CachedToken): void {
    this.#tokens.set(key, token);
  }

  /** Drops a key. */
  forget(key: string): void {
    this.#tokens.delete(key);
  }

  /**
   * A usable token for `key`: the cached one while fresh, else the result of `renew` (shared by every
   * concurrent caller). `renew` receives the stale token, if any.
   */
  async get(
    key: string,
    renew: (stale: CachedToken | undefined) => Promise<CachedToken>,
    options: { forceRefresh?: boolean } = {},
  ): Promise<string> {
    const cached = this.#tokens.get(key);
    if (!options.forceRefresh && this.fresh(cached)) return cached.token;
    let pending = this.#inflight.get(key);
    if (!pending) {
      pending = renew(options.forceRefresh ? undefined : cached).then((token) => {
        this.#tokens.set(key, token);
        return token;
      }).finally(() => this.#inflight.delete(key));
      this.#inflight.set(key, pending);
    }
    try {
      return (await pending).token;
    } catch (error) {
      // Renewal ahead of expiry failed: the old token still works for a few minutes.
      if (!options.forceRefresh && cached && cached.expiresAt > this.#clock.now() + 30_000) {
        return cached.token;
      }
      throw error;
    }
  }
}
