/** A real HTTP server on 127.0.0.1 port 0 for tests, with strict request accounting. */

/** A handler that may inspect the request and its index. */
export type TestHandler = (request: Request, index: number) => Response | Promise<Response>;

/** A running test server (disposing closes it). */
export interface TestServer extends AsyncDisposable {
  url: string;
  requests: Request[];
  bodies: string[];
  close(): Promise<void>;
}

/** Starts a server that answers with `handler`. */
export function startServer(handler: TestHandler): TestServer {
  const requests: Request[] = [];
  const bodies: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const index = requests.length;
    requests.push(request);
    bodies.push(await request.clone().text());
    return handler(request, index);
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    bodies,
    close: () => server.shutdown(),
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}
