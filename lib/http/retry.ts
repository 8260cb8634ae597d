/**
 * Retry policy: which answers are worth another try, and how long to wait before it.
 *
 * @module
 */

/** How the HTTP client retries. */
export interface RetryPolicy {
  /** Attempts after the first one. */
  maxRetries: number;
  /** First backoff step in ms; doubles every attempt. */
  baseDelayMs: number;
  /** Largest single wait in ms, also applied to Retry-After. */
  maxDelayMs: number;
  /** Total time budget for all attempts of one request, in ms. */
  budgetMs: number;
}

/** Defaults: 5 retries, 500 ms base, 60 s cap per wait, 5 minute budget. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  budgetMs: 300_000,
};

/**
 * The one transient-status policy of ppx: answers that mean "not done now, may work later" (throttling
 * and transient server or gateway failures). The HTTP core retries them for idempotent requests (a POST
 * only on 429, which means it was not processed); the Dataverse client and the bulk engine read the same set
 * for whole `$batch` answers.
 */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Whether an HTTP status is transient under {@link TRANSIENT_STATUSES}. */
export function isTransientStatus(status: number): boolean {
  return TRANSIENT_STATUSES.has(status);
}

/** Methods safe to repeat without the caller saying so. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/**
 * Parses a Retry-After header: delta-seconds (`120`) or an HTTP-date. Returns milliseconds to wait
 * (never negative), or undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(cap, base * 2^attempt)).
 * Full jitter spreads retries of many clients so they do not hit the service in waves.
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
