/**
 * The loopback redirect listener for native-app sign-in (RFC 8252 section 7.3): a one-shot HTTP server on
 * 127.0.0.1 with a random port. It answers the browser with a small page and hands the callback's query
 * parameters to the caller once a request carries the expected `state`. Requests with another state are
 * rejected and the listener keeps waiting, so a stray or forged request cannot end the sign-in.
 *
 * Permissions: `--allow-net=127.0.0.1`.
 *
 * @module
 */

import { CancelledError } from "../../errors.ts";

/** How to start a loopback listener. */
export interface LoopbackOptions {
  /** The `state` sent in the authorize URL; only a callback carrying it completes the sign-in. */
  expectedState: string;
  /** Callback path (default `/`); some providers need an exact registered path. */
  path?: string;
  /** Port to bind (default 0 = any free port). */
  port?: number;
  /**
   * Host name written into the redirect URI (default `127.0.0.1`). The listener always binds 127.0.0.1;
   * `localhost` suits providers whose app registrations list `http://localhost` (port-agnostic match).
   */
  redirectHost?: "127.0.0.1" | "localhost";
  /** Title shown on the page after a successful callback. */
  successMessage?: string;
  /** Aborting closes the listener and rejects `result` with the signal's reason. */
  signal?: AbortSignal;
}

/** A running listener. */
export interface LoopbackListener {
  /** The redirect URI to register/send, e.g. `http://127.0.0.1:53121/`. */
  readonly redirectUri: string;
  /** Resolves with the callback's query parameters (`code`+`state`, or `error`+`state`). */
  readonly result: Promise<URLSearchParams>;
  /** Stops listening (idempotent). */
  close(): Promise<void>;
}

function page(title: string, body: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
    `<body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${body}</p></body></html>`;
  return new Response(html, {
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

/** Starts listening on 127.0.0.1 and returns the redirect URI and the pending callback. */
export function startLoopbackListener(options: LoopbackOptions): LoopbackListener {
  const path = options.path ?? "/";
  let settle!: { resolve: (p: URLSearchParams) => void; reject: (e: unknown) => void };
  const result = new Promise<URLSearchParams>((resolve, reject) => (settle = { resolve, reject }));
  // The caller may never await (e.g. it failed earlier); avoid an unhandled rejection.
  result.catch(() => {});
  let done = false;
  const server = Deno.serve({ hostname: "127.0.0.1", port: options.port ?? 0, onListen() {} }, (request) => {
    const url = new URL(request.url);
    if (request.method !== "GET" || url.pathname !== path) return new Response("Not found", { status: 404 });
    const params = url.searchParams;
    if (done) return page("Already signed in", "You can close this window.");
    if (params.get("state") !== options.expectedState) {
      return new Response("This sign-in response does not belong to the waiting command.", { status: 400 });
    }
    done = true;
    settle.resolve(new URLSearchParams(params));
    if (params.has("error")) {
      return page("Sign-in failed", "Return to the terminal for details. You can close this window.");
    }
    return page(options.successMessage ?? "Signed in", "Return to the terminal. You can close this window.");
  });
  const close = async () => {
    try {
      await server.shutdown();
    } catch {
      // already closed
    }
  };
  const onAbort = () => {
    if (!done) settle.reject(options.signal?.reason ?? new CancelledError());
    done = true;
    void close();
  };
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener("abort", onAbort, { once: true });
  return {
    redirectUri: `http://${options.redirectHost ?? "127.0.0.1"}:${server.addr.port}${path}`,
    result,
    async close() {
      options.signal?.removeEventListener("abort", onAbort);
      if (!done) {
        done = true;
        settle.reject(new CancelledError("The sign-in listener was closed."));
      }
      await close();
    },
  };
}
