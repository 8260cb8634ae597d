/**
 * The loopback redirect listener of native-app OAuth (RFC 8252 §7.3): a one-shot HTTP server on
 * 127.0.0.1 (a free port unless one is given) that receives the browser's redirect, answers with a
 * short page, and hands the redirect URL to the caller. Provider-neutral.
 *
 * Permissions: `--allow-net=127.0.0.1`.
 *
 * @module
 */

import { UsageError } from "../../errors.ts";

/** A listening redirect target. */
export interface LoopbackListener {
  /** The redirect URI to send in the authorize request, e.g. `http://127.0.0.1:49152/callback`. */
  redirectUri: string;
  /** Resolves with the first request to the callback path (its full URL, query included). */
  redirect: Promise<URL>;
  /** Stops listening (safe to call twice). */
  close(): Promise<void>;
}

/** How to listen. */
export interface LoopbackOptions {
  /**
   * A fixed redirect URI (`http://127.0.0.1:8765/callback`); its port and path are used. Without a port
   * (or without it), a free port is picked and `/callback` is the path.
   */
  redirectUri?: string;
  /** Aborting rejects `redirect` with the signal's reason and closes the listener. */
  signal?: AbortSignal;
  /** The page shown in the browser once the redirect arrived. */
  page?: (url: URL) => string;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** True when a redirect URI points at this machine over http (a listener can receive it). */
export function isLoopbackRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

function defaultPage(url: URL): string {
  const failed = url.searchParams.has("error");
  const title = failed ? "Sign-in did not complete" : "Signed in";
  const text = failed
    ? "The sign-in was not completed. Return to your terminal for details."
    : "You are signed in. You can close this tab and return to your terminal.";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
    `<body><h1>${title}</h1><p>${text}</p></body></html>`;
}

/** Starts a listener; the first request to the callback path settles `redirect`. */
export function startLoopbackListener(options: LoopbackOptions = {}): LoopbackListener {
  let hostname = "127.0.0.1";
  let port = 0;
  let path = "/callback";
  if (options.redirectUri) {
    if (!isLoopbackRedirect(options.redirectUri)) {
      throw new UsageError(
        `${options.redirectUri} is not a loopback http address a local listener can receive.`,
        {
          hint:
            "Use http://127.0.0.1:<port>/<path>, or sign in without a browser and paste the redirected URL.",
        },
      );
    }
    const url = new URL(options.redirectUri);
    hostname = url.hostname === "[::1]" ? "::1" : url.hostname === "localhost" ? "127.0.0.1" : url.hostname;
    port = url.port ? Number(url.port) : 0;
    path = url.pathname || "/";
  }
  let settle!: (url: URL) => void;
  let fail!: (reason: unknown) => void;
  const redirect = new Promise<URL>((resolve, reject) => [settle, fail] = [resolve, reject]);
  redirect.catch(() => {}); // a rejection nobody awaits must not crash the process
  let done = false;
  const server = Deno.serve({ hostname, port, onListen() {} }, (request) => {
    const url = new URL(request.url);
    if (request.method !== "GET" || url.pathname !== path || done) {
      return new Response("Not found", { status: 404 });
    }
    done = true;
    settle(url);
    return new Response((options.page ?? defaultPage)(url), {
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    });
  });
  let closed: Promise<void> | undefined;
  const close = () => closed ??= server.shutdown();
  options.signal?.addEventListener("abort", () => {
    fail(options.signal?.reason);
    void close();
  }, { once: true });
  const host = hostname.includes(":") ? `[${hostname}]` : hostname;
  const shownHost = options.redirectUri ? new URL(options.redirectUri).hostname : host;
  return { redirectUri: `http://${shownHost}:${server.addr.port}${path}`, redirect, close };
}
