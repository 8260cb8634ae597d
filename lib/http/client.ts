/**
 * The HTTP core every cloud call goes through: bearer tokens, user agent, request ids, retries with
 * backoff and Retry-After, timeouts, safe redirects and a redacted debug trace.
 *
 * Permissions: `--allow-net` for the hosts it talks to.
 *
 * @module
 */

import { type Clock, systemClock } from "../clock.ts";
import { ApiError, PpxError, ThrottledError, TimeoutError } from "../errors.ts";
import { errorFromResponse } from "./errors_map.ts";
import { followUrl } from "./follow.ts";
import { transportFailure, unreachableError } from "./transport.ts";
import { redactBody, redactHeaders, redactUrl } from "./redact.ts";
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  IDEMPOTENT_METHODS,
  parseRetryAfter,
  type RetryPolicy,
  TRANSIENT_STATUSES,
} from "./retry.ts";

/** Supplies bearer tokens; `forceRefresh` is set on the single retry after a 401. */
export interface TokenSource {
  /**
   * A bearer token (without the `Bearer ` prefix). `forceRefresh` asks for a new one instead of a cached
   * one. Never logged: the client redacts the Authorization header in traces.
   */
  getToken(options?: { forceRefresh?: boolean; signal?: AbortSignal }): Promise<string>;
}

/** A line sink for the `--debug` trace. Lines are already redacted. */
export type TraceSink = (line: string) => void;

/** How an HttpClient is built. */
export interface HttpClientOptions {
  /** Base URL that relative paths resolve against. */
  baseUrl?: string;
  /** The fetch implementation; defaults to the global one. */
  fetch?: typeof fetch;
  /** Bearer tokens; omit for unauthenticated endpoints. */
  token?: TokenSource;
  /** User-Agent header value. */
  userAgent?: string;
  /** Retry policy overrides. */
  retry?: Partial<RetryPolicy>;
  /** Time source for backoff and budgets. */
  clock?: Clock;
  /** Random source for jitter, in [0, 1). */
  random?: () => number;
  /** Receives redacted trace lines when debugging. */
  trace?: TraceSink;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string>;
  /** Per-attempt timeout in ms (default 100 s, like Dataverse's own limit). */
  timeoutMs?: number;
  /** Generates x-ms-client-request-id values. */
  newRequestId?: () => string;
}

/** Options of one request. */
export interface RequestOptions {
  /** Query parameters; undefined values are skipped. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Extra headers; they override the client's default headers of the same name (case-insensitive). */
  headers?: Record<string, string>;
  /** A JSON body (serialised, Content-Type set). */
  json?: unknown;
  /** A raw body; must be re-readable (string or bytes) to be retried. */
  body?: string | Uint8Array | URLSearchParams;
  /** Marks a non-idempotent request (POST, PATCH) as safe to repeat. */
  retrySafe?: boolean;
  /** Turns retries off for this request. */
  noRetry?: boolean;
  /** Aborts the request and any backoff wait; the signal's reason is thrown as is. */
  signal?: AbortSignal;
  /** Per-attempt timeout override in ms. */
  timeoutMs?: number;
  /** Send without Authorization even when the client has a token source. */
  anonymous?: boolean;
  /** Keep the response body out of the trace (it holds a secret, e.g. a Key Vault value). */
  secretResponse?: boolean;
  /** Statuses that are not errors for this call (returned as-is). */
  allowStatus?: number[];
  /**
   * Marks `path` as a URL a service handed back (a next link, an operation or download URL) in answer to
   * a request to `followedFrom` (the first request's path or URL). The follow rule of `follow.ts` applies:
   * refused when it leaves https, sent without Authorization when it is on another origin.
   */
  followedFrom?: string | URL;
}

/** Statuses whose answer never has a body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * Calls `release` once the answer's body is read to the end, cancelled or broken (or at once when there
 * is none), so the attempt's timeout covers reading the body too and ends with it.
 */
async function releasing(response: Response, release: () => void, throwOnBreak: boolean): Promise<Response> {
  if (!response.body || NULL_BODY.has(response.status)) {
    release();
    return response;
  }
  const length = Number(response.headers.get("content-length") ?? NaN);
  if (length <= SMALL_BODY) {
    // A small answer is read here, inside the timeout: cheaper than a stream in front of it. A body that
    // breaks off is handed on as one that fails when read, as it would have without this.
    let bytes: ArrayBuffer;
    try {
      bytes = await response.arrayBuffer();
    } catch (error) {
      // A request that may be repeated is repeated under the retry policy, like a dropped connection.
      if (throwOnBreak) throw new BrokenAnswer(error);
      return rebuilt(response, new ReadableStream({ start: (c) => c.error(error) }));
    } finally {
      release();
    }
    return rebuilt(response, bytes);
  }
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          release();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    },
  }, { highWaterMark: 0 });
  return rebuilt(response, body);
}

/** A small answer whose connection broke while it was read (a request that may be repeated). */
class BrokenAnswer extends Error {
  constructor(cause: unknown) {
    super("the connection broke while reading the answer", { cause });
  }
}

/** Bodies up to this many bytes (by Content-Length) are read before the Response is handed on. */
const SMALL_BODY = 256 * 1024;

function rebuilt(response: Response, body: BodyInit): Response {
  const copy = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // The final URL after redirects (Response's constructor cannot set it).
  Object.defineProperty(copy, "url", { value: response.url });
  return copy;
}

const MAX_REDIRECTS = 5;

/** A fetch-based HTTP client with the ppx policies built in. */
export class HttpClient {
  /** What relative paths resolve against; undefined means every path must be an absolute URL. */
  readonly baseUrl?: string;
  readonly #fetch: typeof fetch;
  readonly #token?: TokenSource;
  readonly #policy: RetryPolicy;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #trace?: TraceSink;
  readonly #headers: Record<string, string>;
  /** The per-attempt timeout in ms (default 100 s). */
  readonly timeoutMs: number;
  readonly #newRequestId: () => string;

  /** Defaults: global fetch, system clock, no token, 100 s per-attempt timeout, the default retry policy. */
  constructor(options: HttpClientOptions = {}) {
    this.baseUrl = options.baseUrl;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#token = options.token;
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#trace = options.trace;
    this.#headers = { ...options.defaultHeaders };
    if (options.userAgent) this.#headers["user-agent"] = options.userAgent;
    this.timeoutMs = options.timeoutMs ?? 100_000;
    this.#newRequestId = options.newRequestId ?? (() => crypto.randomUUID());
  }

  /** Resolves a path against the base URL and adds query parameters. */
  url(path: string, query?: RequestOptions["query"]): URL {
    const url = this.baseUrl && !/^https?:\/\//i.test(path)
      ? new URL(joinPath(this.baseUrl, path))
      : new URL(path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  /**
   * Sends a request and returns the final successful Response (body unread). Failed responses become
   * typed errors: ApiError (with status, service code and correlation id), ThrottledError when retries
   * ran out on 429/503, TimeoutError when an attempt timed out or 504s outlasted the retries.
   */
  async send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const upper = method.toUpperCase();
    let url: URL;
    if (options.followedFrom !== undefined) {
      const first = options.followedFrom instanceof URL
        ? options.followedFrom
        : this.url(options.followedFrom);
      const followed = followUrl(first, path);
      url = followed.url;
      for (const [k, v] of Object.entries(options.query ?? {})) {
        if (v !== undefined) url.searchParams.set(k, String(v));
      }
      if (!followed.sameOrigin && !options.anonymous) {
        // Never hand a bearer token to an origin the user did not point ppx at.
        this.#trace?.(
          `! ${
            redactUrl(url.toString())
          } is on another origin than ${first.origin}: sent without Authorization`,
        );
        options = { ...options, anonymous: true };
      }
    } else url = this.url(path, options.query);
    const canRetry = !options.noRetry && (IDEMPOTENT_METHODS.has(upper) || options.retrySafe === true);
    const started = this.#clock.now();
    let authRetried = false;
    let lastThrottle: Response | undefined;

    for (let attempt = 0;; attempt++) {
      const requestId = this.#newRequestId();
      let response: Response;
      try {
        response = await this.#attempt(upper, url, options, requestId, authRetried, canRetry);
      } catch (error) {
        if (error instanceof PpxError) throw error;
        // A missing --allow-net is not a network failure: no retry, no wrapping (cli/main.ts names the flag).
        if (error instanceof Deno.errors.NotCapable) throw error;
        if (options.signal?.aborted) throw options.signal.reason;
        const timedOut = error instanceof DOMException && error.name === "TimeoutError";
        const failure = transportFailure(error);
        // Refused and unknown-host mean the request never left: a short retry (about a second in all) for
        // any method, since a service restarting or a DNS hiccup passes quickly and a long wait helps no one.
        const quick = failure !== "other";
        const wait = quick
          ? QUICK_RETRY_WAITS_MS[attempt] ?? Infinity
          : backoffDelay(attempt, this.#policy, this.#random);
        const retryable = quick ? !options.noRetry && wait !== Infinity : canRetry;
        if (retryable && this.#withinBudget(attempt, started, wait)) {
          this.#trace?.(`! ${upper} ${redactUrl(url.toString())} ${describe(error)}; retrying in ${wait} ms`);
          await this.#clock.sleep(wait, options.signal);
          continue;
        }
        const where = { status: 0, requestId, method: upper, url: redactUrl(url.toString()) };
        if (error instanceof BrokenAnswer) {
          throw new ApiError(`The connection to ${url.host} broke while reading the answer.`, where, {
            code: "network",
            hint: "Run the command again.",
            cause: error.cause,
          });
        }
        const unreachable = unreachableError(error, url, where);
        if (unreachable) throw unreachable;
        if (timedOut) {
          throw new TimeoutError(
            `${upper} ${url.host} did not answer within ${this.#timeout(options) / 1000} s.`,
            {
              hint: "Try again later, or raise the timeout.",
              cause: error,
            },
          );
        }
        throw new ApiError(`Could not reach ${url.host}: ${describe(error)}`, {
          status: 0,
          requestId,
          method: upper,
          url: redactUrl(url.toString()),
        }, {
          code: "network",
          hint: "Check your network connection, proxy (HTTPS_PROXY, NO_PROXY) and CA (DENO_CERT) settings.",
          cause: error,
        });
      }

      if (response.status === 401 && this.#token && !options.anonymous && !authRetried) {
        // One retry with a fresh token: the cached one may have been revoked or expired early.
        await response.body?.cancel();
        authRetried = true;
        attempt--;
        continue;
      }
      if (response.ok || options.allowStatus?.includes(response.status)) return response;

      if (TRANSIENT_STATUSES.has(response.status)) {
        const retryAfter = parseRetryAfter(response.headers.get("retry-after"), this.#clock.now());
        const wait = Math.min(
          retryAfter ?? backoffDelay(attempt, this.#policy, this.#random),
          this.#policy.maxDelayMs,
        );
        const throttling = response.status === 429 || response.status === 503;
        // A 429 means the request was not processed, so even a POST may be repeated; noRetry still wins.
        const retryable = !options.noRetry && (canRetry || response.status === 429);
        if (retryable && this.#withinBudget(attempt, started, wait)) {
          await response.body?.cancel();
          this.#trace?.(`! ${response.status}; retrying in ${wait} ms (attempt ${attempt + 1})`);
          await this.#clock.sleep(wait, options.signal);
          continue;
        }
        if (throttling) lastThrottle = response;
      }
      const error = await errorFromResponse(response, upper, redactUrl(url.toString()), requestId);
      if (response.status === 504 && attempt > 0) {
        // A gateway that kept timing out is a timeout after retries (exit 6), not a plain failure.
        throw new TimeoutError(`${url.host} kept timing out (HTTP 504) after ${attempt + 1} attempts.`, {
          hint: "The service is slow or overloaded; run the command again later.",
          cause: error,
        });
      }
      if (lastThrottle && attempt > 0) {
        throw new ThrottledError(
          `${url.host} is still throttling after ${attempt + 1} attempts: ${error.message}`,
          { hint: "Wait a few minutes and run the command again, or lower the concurrency.", cause: error },
        );
      }
      throw error;
    }
  }

  /** Sends a request and parses the JSON answer (undefined for 204 / empty bodies). */
  async json<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options);
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      throw new ApiError(`The connection to ${this.url(path).host} broke while reading the answer.`, {
        status: 0,
        method: method.toUpperCase(),
        url: redactUrl(this.url(path, options.query).toString()),
      }, {
        code: "network",
        hint: "Run the command again; for writes, check first whether the change was applied.",
        cause,
      });
    }
    if (text.trim() === "") return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new ApiError(`${this.url(path).host} answered with something that is not JSON.`, {
        status: response.status,
        method: method.toUpperCase(),
        url: redactUrl(this.url(path, options.query).toString()),
      }, { code: "api.bad-response", cause });
    }
  }

  #timeout(options: RequestOptions): number {
    return options.timeoutMs ?? this.timeoutMs;
  }

  #withinBudget(attempt: number, started: number, wait: number): boolean {
    return attempt < this.#policy.maxRetries && this.#clock.now() - started + wait <= this.#policy.budgetMs;
  }

  async #attempt(
    method: string,
    initialUrl: URL,
    options: RequestOptions,
    requestId: string,
    forceRefresh: boolean,
    repeatable: boolean,
  ): Promise<Response> {
    // A plain record with lower-cased names: fetch validates it once (a Headers object would be checked
    // twice, and this runs for every request of a bulk load).
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.#headers)) headers[k.toLowerCase()] = v;
    for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = v;
    headers["x-ms-client-request-id"] = requestId;
    let body: BodyInit | undefined = options.body instanceof URLSearchParams
      ? options.body.toString()
      : options.body as BodyInit | undefined;
    if (options.body instanceof URLSearchParams && !("content-type" in headers)) {
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      if (!("content-type" in headers)) headers["content-type"] = "application/json";
    }
    if (this.#token && !options.anonymous) {
      headers["authorization"] = `Bearer ${await this.#token.getToken({
        forceRefresh,
        signal: options.signal,
      })}`;
    }
    // One timer per attempt, cleared as soon as the answer is read: AbortSignal.timeout would keep every
    // request's timer (and signal) alive for the whole timeout, and a bulk load sends thousands a minute.
    const controller = new AbortController();
    const signal = controller.signal;
    const timer = setTimeout(
      () => controller.abort(new DOMException("The operation timed out.", "TimeoutError")),
      this.#timeout(options),
    );
    const parent = options.signal;
    const onAbort = () => controller.abort(parent?.reason);
    if (parent?.aborted) onAbort();
    else parent?.addEventListener("abort", onAbort, { once: true });
    const release = () => {
      clearTimeout(timer);
      parent?.removeEventListener("abort", onAbort);
    };
    try {
      return await releasing(
        await this.#hops(method, initialUrl, options, headers, body, signal),
        release,
        repeatable,
      );
    } catch (error) {
      release();
      throw error;
    }
  }

  async #hops(
    method: string,
    initialUrl: URL,
    options: RequestOptions,
    headers: Record<string, string>,
    body: BodyInit | undefined,
    signal: AbortSignal,
  ): Promise<Response> {
    let url = initialUrl;
    let currentMethod = method;
    for (let hop = 0;; hop++) {
      const started = performance.now();
      this.#traceRequest(currentMethod, url, headers, body);
      const response = await this.#fetch(url, {
        method: currentMethod,
        headers,
        body,
        signal,
        redirect: "manual",
      });
      this.#traceResponse(response, performance.now() - started, options.secretResponse === true);
      const location = response.headers.get("location");
      if (![301, 302, 303, 307, 308].includes(response.status) || !location || hop >= MAX_REDIRECTS) {
        return options.secretResponse || !this.#trace ? response : await this.#traceBody(response);
      }
      await response.body?.cancel();
      // The follow rule: never from https to http, the token only to the first request's origin.
      const { url: next, sameOrigin } = followUrl(initialUrl, new URL(location, url).href, "redirect");
      if (!sameOrigin) {
        delete headers["authorization"];
        delete headers["cookie"];
      }
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && currentMethod === "POST")
      ) {
        currentMethod = "GET";
        body = undefined;
        delete headers["content-type"];
      }
      if (body !== undefined && !sameOrigin) {
        // A 307/308 asks for the same body again: it goes only where the user sent it.
        throw new ApiError(
          `${url.host} redirected ${currentMethod} to another origin (${next.origin}); ppx does not re-send a request body across origins.`,
          { status: response.status, method: currentMethod, url: redactUrl(url.toString()) },
          { code: "http.unsafe-url", hint: "Point ppx at the final URL yourself if you trust it." },
        );
      }
      url = next;
    }
  }

  #traceRequest(method: string, url: URL, record: Record<string, string>, body: BodyInit | undefined): void {
    if (!this.#trace) return;
    const headers = new Headers(record);
    this.#trace(`> ${method} ${redactUrl(url.toString())}`);
    for (const [k, v] of Object.entries(redactHeaders(headers))) this.#trace(`> ${k}: ${v}`);
    if (typeof body === "string") this.#trace(`> ${redactBody(body, headers.get("content-type"))}`);
  }

  #traceResponse(response: Response, ms: number, secret: boolean): void {
    if (!this.#trace) return;
    this.#trace(
      `< ${response.status} ${response.statusText} (${Math.round(ms)} ms)${secret ? " [body hidden]" : ""}`,
    );
    for (const [k, v] of Object.entries(redactHeaders(response.headers))) this.#trace(`< ${k}: ${v}`);
  }

  async #traceBody(response: Response): Promise<Response> {
    const type = response.headers.get("content-type");
    if (!type || !/json|text|xml|form/.test(type)) return response;
    const text = await response.text();
    if (text) this.#trace?.(`< ${redactBody(text, type)}`);
    return new Response(text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  }
}

function joinPath(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

/** Waits before the retries of a refused connection or a failed DNS lookup: about a second in all. */
const QUICK_RETRY_WAITS_MS = [250, 750];

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
