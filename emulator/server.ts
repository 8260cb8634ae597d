/**
 * The local cloud emulator: one HTTP server on 127.0.0.1 that hosts every emulated service (Entra,
 * GitHub OAuth, Dataverse, Key Vault, Power Platform API...) side by side, each registering its routes. ppx talks to
 * it over real HTTP exactly as it talks to the cloud.
 *
 * Permissions: `--allow-net=127.0.0.1` to listen.
 *
 * @module
 */

import { Router } from "./router.ts";
import { TokenAuthority } from "./tokens.ts";

/** Wraps request handling (latency, throttling, faults). Call `next` to continue. */
export type Middleware = (
  request: Request,
  next: (request: Request) => Promise<Response>,
) => Promise<Response>;

/** What every emulated service may use. */
export interface EmulatorCore {
  /** Base URL, e.g. `http://127.0.0.1:49152` (known once listening; read it at request time). */
  readonly url: string;
  /** Issues and verifies the emulator's tokens. */
  readonly tokens: TokenAuthority;
  /** Milliseconds since the epoch (injectable for expiry tests). */
  now(): number;
  /** Adds a middleware around every request. */
  use(middleware: Middleware): void;
}

/** A service the emulator can host. */
export interface EmulatorService {
  /** Short name, e.g. `dataverse`. */
  readonly name: string;
  /** Registers routes (and middleware) with the emulator. */
  register(router: Router, core: EmulatorCore): void | Promise<void>;
}

/** How to start the emulator. */
export interface EmulatorOptions {
  /** Interface to bind; loopback by default. */
  hostname?: string;
  /** Port; 0 picks a free one. */
  port?: number;
  /** The services to host. */
  services?: EmulatorService[];
  /** Time source for token lifetimes and expiry knobs. */
  now?: () => number;
  /** Receives one line per request (method, path, status). */
  log?: (line: string) => void;
  /**
   * Requests that no service route matches. `"answer"` (default): a 404 in the cloud's shape. `"report"`:
   * recorded in {@link RunningEmulator.unknownRoutes} and answered 501 `EmulatorUnknownRoute`, so a test that
   * reaches an endpoint the emulator does not emulate fails instead of seeing a plausible "not found".
   */
  unknownRoutes?: "answer" | "report";
}

/** A running emulator (`await using emu = await startEmulator(...)` closes it). */
export interface RunningEmulator extends EmulatorCore, AsyncDisposable {
  /** Requests served so far. */
  readonly requestCount: number;
  /** `METHOD /path` of each request no route matched (recorded with `unknownRoutes: "report"`). */
  readonly unknownRoutes: readonly string[];
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** JSON error in the OData shape every Microsoft API in scope uses. */
export function odataError(
  status: number,
  code: string,
  message: string,
  headers: HeadersInit = {},
): Response {
  return Response.json({ error: { code, message } }, {
    status,
    headers: { "OData-Version": "4.0", ...Object.fromEntries(new Headers(headers)) },
  });
}

/** Starts the emulator and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const now = options.now ?? (() => Date.now());
  const tokens = await TokenAuthority.create(now);
  const router = new Router();
  const middleware: Middleware[] = [];
  let url = "";
  let requestCount = 0;
  const core: EmulatorCore = {
    get url() {
      return url;
    },
    tokens,
    now,
    use: (m) => void middleware.push(m),
  };
  for (const service of options.services ?? []) await service.register(router, core);

  const unknownRoutes: string[] = [];
  const unknown = (request: Request): Response => {
    const path = new URL(request.url).pathname;
    if (options.unknownRoutes !== "report") {
      return odataError(404, "0x80060888", `Resource not found for the segment '${path}'.`);
    }
    unknownRoutes.push(`${request.method} ${path}`);
    return odataError(
      501,
      "EmulatorUnknownRoute",
      `The emulator has no route for ${request.method} ${path}.`,
    );
  };
  const dispatch = async (request: Request): Promise<Response> =>
    await router.handle(request) ?? unknown(request);
  const chain = middleware.reduceRight<(r: Request) => Promise<Response>>(
    (next, m) => (r) => m(r, next),
    dispatch,
  );

  const server = Deno.serve({
    hostname: options.hostname ?? "127.0.0.1",
    port: options.port ?? 0,
    onListen() {},
  }, async (request) => {
    requestCount++;
    let response: Response;
    try {
      response = await chain(request);
    } catch (error) {
      response = odataError(
        500,
        "0x80040216",
        `Emulator failure: ${error instanceof Error ? error.message : error}`,
      );
    }
    options.log?.(`${request.method} ${new URL(request.url).pathname} ${response.status}`);
    return response;
  });
  const host = server.addr.hostname.includes(":") ? `[${server.addr.hostname}]` : server.addr.hostname;
  url = `http://${host}:${server.addr.port}`;
  tokens.issuerBase = url;
  const running: RunningEmulator = {
    get url() {
      return url;
    },
    tokens,
    now,
    use: core.use,
    get requestCount() {
      return requestCount;
    },
    unknownRoutes,
    close: () => server.shutdown(),
    [Symbol.asyncDispose]: () => running.close(),
  };
  return running;
}
