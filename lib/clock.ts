/**
 * Time as a dependency. Every wait in ppx (retry backoff, polling, device-code intervals) goes through a
 * Clock so tests can drive time instead of sleeping.
 *
 * @module
 */

/** A source of time and a way to wait. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

/**
 * A clock that only moves when told to. `sleep` resolves as soon as `advance` (or auto-advance) passes its
 * deadline, so tests of polling and backoff run instantly and deterministically.
 */
export class ManualClock implements Clock {
  #now: number;
  #waiters: { at: number; resolve: () => void }[] = [];
  /** When true, every sleep advances time by itself; handy for code that sleeps in a loop. */
  autoAdvance: boolean;
  /** Every sleep duration requested, in order. */
  readonly sleeps: number[] = [];

  /**
   * `start` is epoch ms (default 2026-01-01T00:00Z, fixed so test output is stable); `autoAdvance`
   * defaults to true.
   */
  constructor(start: number = Date.UTC(2026, 0, 1), options: { autoAdvance?: boolean } = {}) {
    this.#now = start;
    this.autoAdvance = options.autoAdvance ?? true;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.autoAdvance) {
      this.#now += Math.max(0, ms);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push({ at: this.#now + ms, resolve }));
  }

  /** Moves time forward and wakes every sleeper whose deadline has passed. */
  advance(ms: number): void {
    this.#now += ms;
    const due = this.#waiters.filter((w) => w.at <= this.#now);
    this.#waiters = this.#waiters.filter((w) => w.at > this.#now);
    for (const w of due) w.resolve();
  }
}
