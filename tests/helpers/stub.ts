/**
 * A strict request stub for the few unit tests that cannot use the emulator (a service that answers
 * something the emulator never would, a client's exact retries): like gh's httpmock, every request must
 * match a registered stub, and every stub must be used, or the test fails when the stub is disposed.
 *
 * @example
 * ```ts
 * await using api = stubServer();
 * api.on("GET", "/WhoAmI", () => Response.json({ UserId: "u1" }));
 * // ... the code under test calls `${api.url}/WhoAmI` (or uses `api.fetch`) ...
 * // leaving the block verifies: no unmatched request, no unused stub.
 * ```
 */

import { AssertionError } from "node:assert/strict";

/** Answers one stubbed request; `index` counts the requests this stub answered before. */
export type StubReply = (request: Request, index: number) => Response | Promise<Response>;

interface Stub {
  method: string;
  pattern: URLPattern;
  label: string;
  reply: StubReply;
  /** How many requests it answers; Infinity for "any number, at least one". */
  times: number;
  used: number;
}

/** A strict stub; listen with {@link stubServer} or call its `fetch` directly. */
export class RequestStub implements AsyncDisposable {
  /** Every request received, in order, with its body text. */
  readonly requests: { method: string; path: string; body: string; headers: Headers }[] = [];
  readonly #stubs: Stub[] = [];
  readonly #unmatched: string[] = [];
  #server?: Deno.HttpServer<Deno.NetAddr>;
  #url = "";

  /** The base URL when listening. */
  get url(): string {
    if (!this.#url) throw new Error("stub: not listening (use stubServer())");
    return this.#url;
  }

  /**
   * Registers a stub for `method` and a URLPattern pathname (`/api/data/v9.2/accounts(:id)`). It answers
   * `times` requests (default 1; `Infinity`: any number, but at least one); the first unused match wins.
   */
  on(method: string, pathname: string, reply: StubReply, options: { times?: number } = {}): this {
    this.#stubs.push({
      method: method.toUpperCase(),
      pattern: new URLPattern({ pathname }),
      label: `${method.toUpperCase()} ${pathname}`,
      reply,
      times: options.times ?? 1,
      used: 0,
    });
    return this;
  }

  /** Handles a request as the server would (usable as an injected `fetch`). */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const body = await request.clone().text();
    this.requests.push({
      method: request.method,
      path: url.pathname + url.search,
      body,
      headers: request.headers,
    });
    const stub = this.#stubs.find((s) =>
      s.used < s.times && s.method === request.method && s.pattern.test({ pathname: url.pathname })
    );
    if (!stub) {
      this.#unmatched.push(`${request.method} ${url.pathname}${url.search}`);
      return new Response(`stub: no stub for ${request.method} ${url.pathname}`, { status: 501 });
    }
    return await stub.reply(request, stub.used++);
  };

  /** Listens on 127.0.0.1, port 0. */
  listen(): this {
    this.#server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (r) => this.fetch(r));
    this.#url = `http://127.0.0.1:${this.#server.addr.port}`;
    return this;
  }

  /** Throws an AssertionError naming every unmatched request and every stub not used as often as declared. */
  verify(): void {
    const unused = this.#stubs.filter((s) => s.times === Infinity ? s.used === 0 : s.used < s.times)
      .map((s) => `${s.label} (used ${s.used} of ${s.times === Infinity ? "1+" : s.times})`);
    if (this.#unmatched.length || unused.length) {
      throw new AssertionError({
        message: [
          ...this.#unmatched.map((r) => `unmatched request: ${r}`),
          ...unused.map((s) => `stub never used: ${s}`),
        ].join("\n"),
      });
    }
  }

  /** Stops listening, then verifies. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.#server?.shutdown();
    this.verify();
  }
}

/** A listening strict stub (`await using api = stubServer()`). */
export function stubServer(): RequestStub {
  return new RequestStub().listen();
}
