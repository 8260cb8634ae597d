/**
 * Service protection and fault injection for emulated APIs, modelled on Dataverse's documented limits:
 * requests per sliding window (429, 0x80072322), combined execution time per window (429, 0x80072321) and
 * concurrent requests (429, 0x80072326), each answered with `Retry-After` in seconds; the informational
 * `x-ms-ratelimit-*` and `x-ms-dop-hint` headers; latency per request and per operation; random 5xx
 * answers and dropped connections from a seeded random source, so a failing run can be replayed.
 *
 * Random 5xx answers are decided before the request is processed (nothing changes); a dropped connection
 * is decided after it (the change happened, the answer is lost), which is the case clients must survive.
 *
 * @module
 */

import type { Middleware } from "./server.ts";

/** The knobs. Every limit is off unless set. */
export interface ServiceProtectionOptions {
  /**
   * The least time from a request's arrival to its answer, in ms. The handler's own work counts within it,
   * as on the real service; only a busy emulator answers later.
   */
  latencyMs?: number;
  /** A uniform random extra in [0, jitterMs) on top of latencyMs. */
  jitterMs?: number;
  /** Added per operation (each request in a `$batch`, each target of CreateMultiple / UpsertMultiple), in ms. */
  operationLatencyMs?: number;
  /** Concurrent requests allowed (Dataverse: 52); more are answered 429 / 0x80072326. */
  maxConcurrent?: number;
  /** Requests allowed per window (Dataverse: 6,000 per 300 s); more are answered 429 / 0x80072322. */
  requestsPerWindow?: number;
  /** Combined execution time allowed per window in ms (Dataverse: 1,200,000); over it, 429 / 0x80072321. */
  executionTimePerWindowMs?: number;
  /** The sliding window, in seconds (Dataverse: 300). */
  windowSeconds?: number;
  /** Retry-After for the concurrency limit, in seconds (default 1). */
  concurrencyRetryAfterSeconds?: number;
  /** Value of `x-ms-dop-hint`, the recommended degree of parallelism (default 4). */
  dopHint?: number;
  /** Share of requests, 0..1, answered with a random status from errorStatuses before processing. */
  errorRate?: number;
  /**
   * The statuses errorRate picks from (default 500, 502, 503, 504). A 429 among them is a throttle
   * answer (0x80072322 with Retry-After), so repeating 429 weights throttling over the other statuses.
   */
  errorStatuses?: number[];
  /** Retry-After of injected 429 answers, in seconds (default 1). */
  errorRetryAfterSeconds?: number;
  /** Share of requests, 0..1, whose connection drops mid-answer after processing. */
  dropRate?: number;
  /** Seed of the random source (default 1). */
  seed?: number;
  /** Only requests whose path starts with this are affected (default `/api/data/`). */
  pathPrefix?: string;
}

/** What service protection did so far. */
export interface ServiceProtectionStats {
  handled: number;
  throttledRequests: number;
  throttledExecutionTime: number;
  throttledConcurrency: number;
  injectedErrors: number;
  droppedConnections: number;
}

/** Error code, decimal code and message of each service-protection limit. */
export const SERVICE_PROTECTION_CODES = {
  requests: { hex: "0x80072322", decimal: -2147015902 },
  executionTime: { hex: "0x80072321", decimal: -2147015903 },
  concurrency: { hex: "0x80072326", decimal: -2147015898 },
} as const;

/** A small seeded PRNG (mulberry32): the same seed gives the same faults. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve();

const REASONS: Record<number, string> = {
  500: "An unexpected error occurred.",
  502: "Bad Gateway",
  503: "The service is temporarily unavailable.",
  504: "Gateway Timeout",
};

function throttled(hex: string, message: string, retryAfter: number): Response {
  return Response.json({ error: { code: hex, message } }, {
    status: 429,
    headers: { "Retry-After": String(retryAfter), "OData-Version": "4.0" },
  });
}

/** Service protection for one emulator; knobs can change while it runs (`configure`). */
export class ServiceProtection {
  #options: ServiceProtectionOptions = {};
  #random: () => number = seededRandom(1);
  #inFlight = 0;
  #requests: number[] = [];
  #executions: { at: number; ms: number }[] = [];
  readonly #now: () => number;
  readonly stats: ServiceProtectionStats = {
    handled: 0,
    throttledRequests: 0,
    throttledExecutionTime: 0,
    throttledConcurrency: 0,
    injectedErrors: 0,
    droppedConnections: 0,
  };

  constructor(options: ServiceProtectionOptions = {}, now: () => number = () => Date.now()) {
    this.#now = now;
    this.configure(options);
  }

  /** The current knobs. */
  get options(): Readonly<ServiceProtectionOptions> {
    return this.#options;
  }

  /** Replaces the knobs (and reseeds the random source when `seed` is given). */
  configure(options: ServiceProtectionOptions): void {
    for (const [name, value] of Object.entries(options)) {
      if (typeof value === "number" && (!Number.isFinite(value) || value < 0)) {
        throw new RangeError(`Service protection option ${name} must be a non-negative number.`);
      }
    }
    for (const name of ["errorRate", "dropRate"] as const) {
      const v = options[name];
      if (v !== undefined && v > 1) throw new RangeError(`${name} must be between 0 and 1.`);
    }
    this.#options = { ...options };
    if (options.seed !== undefined || this.stats.handled === 0) {
      this.#random = seededRandom(options.seed ?? 1);
    }
  }

  /** Waits the per-operation latency for `count` operations of one request. */
  async operations(count: number): Promise<void> {
    await sleep((this.#options.operationLatencyMs ?? 0) * count);
  }

  /** The middleware to install with `core.use`. */
  readonly middleware: Middleware = async (request, next) => {
    const o = this.#options;
    if (!new URL(request.url).pathname.startsWith(o.pathPrefix ?? "/api/data/")) return await next(request);
    const now = this.#now();
    const windowMs = (o.windowSeconds ?? 300) * 1000;
    this.#expire(now, windowMs);

    if (o.maxConcurrent !== undefined && this.#inFlight >= o.maxConcurrent) {
      this.stats.throttledConcurrency++;
      return this.#decorate(throttled(
        SERVICE_PROTECTION_CODES.concurrency.hex,
        `Number of concurrent requests exceeded the limit of ${o.maxConcurrent}.`,
        o.concurrencyRetryAfterSeconds ?? 1,
      ));
    }
    if (o.requestsPerWindow !== undefined && this.#requests.length >= o.requestsPerWindow) {
      this.stats.throttledRequests++;
      return this.#decorate(throttled(
        SERVICE_PROTECTION_CODES.requests.hex,
        `Number of requests exceeded the limit of ${o.requestsPerWindow} over time window of ${
          o.windowSeconds ?? 300
        } seconds.`,
        retryAfter(this.#requests[0] + windowMs - now),
      ));
    }
    const used = o.executionTimePerWindowMs === undefined
      ? 0
      : this.#executions.reduce((sum, e) => sum + e.ms, 0);
    if (o.executionTimePerWindowMs !== undefined && used >= o.executionTimePerWindowMs) {
      this.stats.throttledExecutionTime++;
      return this.#decorate(throttled(
        SERVICE_PROTECTION_CODES.executionTime.hex,
        `Combined execution time of incoming requests exceeded limit of ${
          o.executionTimePerWindowMs.toLocaleString("en-US")
        } milliseconds over time window of ${
          o.windowSeconds ?? 300
        } seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.`,
        retryAfter(this.#executions[0].at + windowMs - now),
      ));
    }

    this.#requests.push(now);
    this.#inFlight++;
    const started = performance.now();
    try {
      const latency = (o.latencyMs ?? 0) + (o.jitterMs ? Math.floor(this.#random() * o.jitterMs) : 0);
      if (o.errorRate && this.#random() < o.errorRate) {
        await sleep(latency);
        const statuses = o.errorStatuses?.length ? o.errorStatuses : [500, 502, 503, 504];
        const status = statuses[Math.floor(this.#random() * statuses.length)];
        this.stats.injectedErrors++;
        if (status === 429) {
          return this.#decorate(throttled(
            SERVICE_PROTECTION_CODES.requests.hex,
            "Number of requests exceeded the limit (injected fault).",
            o.errorRetryAfterSeconds ?? 1,
          ));
        }
        return this.#decorate(Response.json(
          { error: { code: status === 500 ? "0x80040216" : "", message: REASONS[status] ?? "Server error" } },
          { status, headers: { "OData-Version": "4.0" } },
        ));
      }
      const response = await next(request);
      // The latency is the answer time as a client sees it: the handler's own work counts within it.
      await sleep(latency - (performance.now() - started));
      this.stats.handled++;
      if (o.dropRate && this.#random() < o.dropRate) {
        this.stats.droppedConnections++;
        return dropped(response);
      }
      return this.#decorate(response);
    } finally {
      this.#inFlight--;
      this.#executions.push({ at: this.#now(), ms: performance.now() - started });
    }
  };

  #expire(now: number, windowMs: number): void {
    let i = 0;
    while (i < this.#requests.length && this.#requests[i] <= now - windowMs) i++;
    if (i) this.#requests.splice(0, i);
    let j = 0;
    while (j < this.#executions.length && this.#executions[j].at <= now - windowMs) j++;
    if (j) this.#executions.splice(0, j);
  }

  #decorate(response: Response): Response {
    const o = this.#options;
    let target = response;
    try {
      // Responses the handlers build have mutable headers; setting them in place spares a copy per request.
      response.headers.set("x-ms-dop-hint", String(o.dopHint ?? 4));
    } catch {
      target = new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers: new Headers(response.headers),
      });
      target.headers.set("x-ms-dop-hint", String(o.dopHint ?? 4));
    }
    const headers = target.headers;
    if (o.requestsPerWindow !== undefined) {
      headers.set(
        "x-ms-ratelimit-burst-remaining-xrm-requests",
        String(Math.max(0, o.requestsPerWindow - this.#requests.length)),
      );
    }
    if (o.executionTimePerWindowMs !== undefined) {
      const used = this.#executions.reduce((sum, e) => sum + e.ms, 0);
      headers.set(
        "x-ms-ratelimit-time-remaining-xrm-requests",
        String(Math.max(0, Math.round(o.executionTimePerWindowMs - used))),
      );
    }
    return target;
  }
}

function retryAfter(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * An answer whose connection breaks mid-body: headers go out with a Content-Length the body never
 * reaches, then the stream errors, so the client sees a network failure after the server acted.
 */
function dropped(response: Response): Response {
  void response.body?.cancel();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(encoder.encode('{"partial":'));
    },
    pull(c) {
      c.error("ppx emulator: connection dropped on purpose (fault injection)");
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "Content-Type": "application/json; odata.metadata=minimal", "Content-Length": "4096" },
  });
}
