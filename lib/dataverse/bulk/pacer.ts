/**
 * Adaptive concurrency for bulk loads (slow start, then additive increase, multiplicative decrease):
 * start from the service's `x-ms-dop-hint`, grow by one per healthy answer until the first 429, halve on a 429 (at most once per cool-down, since a burst of 429s reports
 * one overload), add one after a run of healthy answers, and hold every new request until the largest
 * Retry-After asked for has passed. It never reads the time itself: callers pass `now` from their Clock.
 *
 * @module
 */

/** Counters and bounds of the pacer, for the summary. */
export interface PacerStats {
  start: number;
  min: number;
  max: number;
  current: number;
  throttled: number;
}

/** Decides how many requests may be in flight and when the next may start. */
export class Pacer {
  limit: number;
  readonly ceiling: number;
  #fixed: boolean;
  #healthy = 0;
  #lastDecrease = Number.NEGATIVE_INFINITY;
  #hinted = false;
  #slowStart = true;
  pausedUntil = 0;
  readonly stats: PacerStats;
  readonly #random: () => number;

  /**
   * `initial` fixes the start (and disables the hint); `ceiling` bounds increases; `random` jitters the
   * backoff after transient failures (tests pin it).
   */
  constructor(
    options: { initial?: number; ceiling?: number; fixed?: boolean; random?: () => number } = {},
  ) {
    this.#random = options.random ?? Math.random;
    this.ceiling = Math.max(1, options.ceiling ?? 52);
    this.#fixed = options.fixed === true;
    this.#hinted = options.initial !== undefined;
    // Until the first answer tells the recommended parallelism, probe with one request.
    this.limit = Math.min(this.ceiling, options.initial ?? 1);
    this.stats = { start: this.limit, min: this.limit, max: this.limit, current: this.limit, throttled: 0 };
  }

  #set(limit: number): void {
    this.limit = Math.max(1, Math.min(this.ceiling, limit));
    this.stats.current = this.limit;
    this.stats.min = Math.min(this.stats.min, this.limit);
    this.stats.max = Math.max(this.stats.max, this.limit);
  }

  /** The service's `x-ms-dop-hint`; used once, for the starting point. */
  hint(value: string | null): void {
    if (this.#hinted || value === null) return;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) return;
    this.#hinted = true;
    this.stats.start = Math.min(this.ceiling, n);
    this.#set(n);
  }

  /** A request was answered normally. */
  success(): void {
    if (this.#fixed) return;
    // Slow start (as in TCP): until the first 429, every healthy answer adds one, doubling per round trip.
    if (this.#slowStart) {
      this.#set(this.limit + 1);
      return;
    }
    if (++this.#healthy >= this.limit) {
      this.#healthy = 0;
      this.#set(this.limit + 1);
    }
  }

  /** A 429: back off for retryAfterMs and shrink the window. */
  throttled(now: number, retryAfterMs: number | undefined): void {
    this.stats.throttled++;
    this.#healthy = 0;
    this.#slowStart = false;
    const wait = retryAfterMs ?? 1000;
    this.pausedUntil = Math.max(this.pausedUntil, now + wait);
    if (!this.#fixed && now - this.#lastDecrease >= Math.max(wait, 1000)) {
      this.#lastDecrease = now;
      this.#set(Math.floor(this.limit / 2));
    }
  }

  /** A transient server failure (5xx, dropped connection): short pause, no shrinking. */
  failed(now: number, attempt: number): void {
    this.#healthy = 0;
    const backoff = Math.min(5000, 100 * 2 ** Math.min(attempt, 6)) * (0.5 + this.#random() / 2);
    this.pausedUntil = Math.max(this.pausedUntil, now + backoff);
  }
}
