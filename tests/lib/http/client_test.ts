import { ManualClock } from "../../../lib/clock.ts";
import { ApiError, NotFoundError, ThrottledError, TimeoutError } from "../../../lib/errors.ts";
import { HttpClient } from "../../../lib/http/client.ts";
import { StaticTokenSource } from "../../../lib/auth/static_token.ts";
import {
  assert,
  assertEquals,
  assertIncludes,
  assertNotIncludes,
  assertRejects,
} from "../../helpers/assert.ts";
import { stubServer } from "../../helpers/stub.ts";

function client(url: string, extra: ConstructorParameters<typeof HttpClient>[0] = {}) {
  return new HttpClient({ baseUrl: url, clock: new ManualClock(), random: () => 0.5, ...extra });
}

Deno.test("Retry-After in seconds is honoured before the retry", async () => {
  await using api = stubServer()
    .on("GET", "/x", () => new Response("busy", { status: 429, headers: { "retry-after": "7" } }))
    .on("GET", "/x", () => Response.json({ ok: true }));
  const clock = new ManualClock();
  const result = await client(api.url, { clock }).json("GET", "/x");
  assertEquals(result, { ok: true });
  assertEquals(clock.sleeps, [7000]);
});

Deno.test("Retry-After as an HTTP-date is honoured", async () => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  const date = new Date(Date.UTC(2026, 0, 1, 12, 0, 30)).toUTCString();
  await using api = stubServer()
    .on("GET", "/x", () => new Response("", { status: 503, headers: { "retry-after": date } }))
    .on("GET", "/x", () => Response.json({}));
  await client(api.url, { clock }).json("GET", "/x");
  assertEquals(clock.sleeps, [30_000]);
});

Deno.test("backoff uses full jitter within [0, base*2^attempt)", async () => {
  await using api = stubServer()
    .on("GET", "/x", () => new Response("", { status: 502 }), { times: 3 })
    .on("GET", "/x", () => Response.json({}));
  const clock = new ManualClock();
  const randoms = [0, 0.999, 0.5];
  await client(api.url, { clock, random: () => randoms.shift()!, retry: { baseDelayMs: 100 } }).json(
    "GET",
    "/x",
  );
  assertEquals(clock.sleeps, [0, Math.floor(0.999 * 200), Math.floor(0.5 * 400)]);
});

Deno.test("budget exhaustion under throttling becomes a ThrottledError (exit 6)", async () => {
  // Three answers: at 0 s, 20 s and 40 s; the next wait would pass the budget.
  await using api = stubServer().on("GET", "/x", () =>
    Response.json(
      { error: { code: "0x80072322", message: "Number of requests exceeded the limit" } },
      { status: 429, headers: { "retry-after": "20" } },
    ), { times: 3 });
  const error = await assertRejects(
    () => client(api.url, { retry: { budgetMs: 50_000 } }).json("GET", "/x"),
    ThrottledError,
    "still throttling",
  );
  assertEquals(error.exitCode, 6);
});

Deno.test("a gateway that keeps answering 504 ends as a TimeoutError (exit 6) after the retries", async () => {
  await using api = stubServer()
    .on("GET", "/x", () => new Response("upstream timed out", { status: 504 }), { times: 3 });
  const error = await assertRejects(
    () => client(api.url, { retry: { maxRetries: 2 } }).json("GET", "/x"),
    TimeoutError,
    "kept timing out (HTTP 504) after 3 attempts",
  );
  assertEquals(error.exitCode, 6);
});

Deno.test("POST is not retried on 503 unless marked safe", async () => {
  await using api = stubServer().on("POST", "/x", () => new Response("", { status: 503 }), { times: 4 });
  await assertRejects(() => client(api.url).json("POST", "/x", { json: {} }), ApiError);
  assertEquals(api.requests.length, 1);
  await assertRejects(
    () => client(api.url, { retry: { maxRetries: 2 } }).json("POST", "/x", { json: {}, retrySafe: true }),
    ThrottledError,
  );
  assertEquals(api.requests.length, 4);
});

Deno.test("a redirect to another host does not carry the Authorization header", async () => {
  const auth = (r: Request) => Response.json({ auth: r.headers.get("authorization") });
  const redirect = (location: string) => () => new Response(null, { status: 302, headers: { location } });
  await using other = stubServer().on("GET", "/landing", auth);
  await using first = stubServer()
    .on("GET", "/away", redirect(`${other.url}/landing`))
    .on("GET", "/hop", redirect("/same"))
    .on("GET", "/same", auth);
  const c = client(first.url, { token: new StaticTokenSource("secret-token") });
  assertEquals(await c.json("GET", "/away"), { auth: null });
  assertEquals(await c.json("GET", "/hop"), { auth: "Bearer secret-token" });
});

Deno.test("the debug trace redacts tokens, secrets and signatures", async () => {
  const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
  await using api = stubServer().on("POST", "/token", () =>
    Response.json({
      access_token: jwt,
      refresh_token: "r-123456",
      token_type: "Bearer",
      downloadUrl: "https://acct.blob.core.windows.net/c/f.zip?sv=2021&sig=BODYSAS",
    }, {
      headers: { "set-cookie": "session=abc", "x-api-key": "HDRKEY" },
    }));
  const lines: string[] = [];
  const c = client(api.url, {
    token: new StaticTokenSource("tok-SECRET-1"),
    trace: (l) => lines.push(l),
  });
  await c.json("POST", "/token?sig=SASSIG&code=AUTHCODE", {
    body: new URLSearchParams({ client_secret: "CS-SECRET", grant_type: "client_credentials" }),
  });
  const trace = lines.join("\n");
  for (
    const secret of [
      "tok-SECRET-1",
      "CS-SECRET",
      "SASSIG",
      "AUTHCODE",
      jwt,
      "r-123456",
      "session=abc",
      "BODYSAS",
      "HDRKEY",
    ]
  ) {
    assertNotIncludes(trace, secret);
  }
  assertIncludes(trace, "> POST");
  assertIncludes(trace, "< 200");
  assertIncludes(trace, "grant_type=client_credentials");
  assertIncludes(trace, "authorization: Bearer ***");
});

Deno.test("errors carry the service code, message and correlation id", async () => {
  await using api = stubServer().on("GET", "/accounts\\(x\\)", () =>
    Response.json(
      { error: { code: "0x80040217", message: "account With Id = x Does Not Exist" } },
      { status: 404, headers: { "x-ms-service-request-id": "corr-42" } },
    ));
  const error = await assertRejects(() => client(api.url).json("GET", "/accounts(x)"), ApiError);
  assertEquals(error.status, 404);
  assertEquals(error.serviceCode, "0x80040217");
  assertEquals(error.correlationId, "corr-42");
  assertEquals(error.exitCode, 5);
  assertIncludes(error.message, "Does Not Exist");
  assert(error.requestId && /^[0-9a-f-]{36}$/.test(error.requestId));
  assert(!(error instanceof NotFoundError));
});

Deno.test("requests carry a user agent and a client request id", async () => {
  await using api = stubServer().on("GET", "/x", () => Response.json({}));
  await client(api.url, { userAgent: "ppx/9.9.9 (linux; deno 2)" }).json("GET", "/x");
  assertEquals(api.requests[0].headers.get("user-agent"), "ppx/9.9.9 (linux; deno 2)");
  assert(/^[0-9a-f-]{36}$/.test(api.requests[0].headers.get("x-ms-client-request-id") ?? ""));
});

Deno.test("one retry with a fresh token after a 401", async () => {
  await using api = stubServer()
    .on("GET", "/x", (r) => {
      assertEquals(r.headers.get("authorization"), "Bearer stale");
      return new Response("", { status: 401 });
    })
    .on("GET", "/x", (r) => {
      assertEquals(r.headers.get("authorization"), "Bearer fresh");
      return Response.json({ ok: 1 });
    });
  const forced: boolean[] = [];
  const token = {
    getToken: (o?: { forceRefresh?: boolean }) => {
      forced.push(o?.forceRefresh ?? false);
      return Promise.resolve(o?.forceRefresh ? "fresh" : "stale");
    },
  };
  assertEquals(await client(api.url, { token }).json("GET", "/x"), { ok: 1 });
  assertEquals(forced, [false, true]);
});

Deno.test("a host where nothing listens: two short retries, then 'nothing is listening' (exit 6)", async () => {
  // A port that was just free: a stub that listened there and is gone (it saw no request, as verified).
  const gone = stubServer();
  const url = gone.url;
  await gone[Symbol.asyncDispose]();
  const clock = new ManualClock();
  const error = await assertRejects(
    () => client(url, { clock }).json("POST", "/x", { json: {} }),
    ApiError,
    `Nothing is listening at ${new URL(url).host}`,
  );
  assertEquals(error.code, "network.refused");
  assertEquals(error.exitCode, 6);
  // The request never left, so even a POST is tried again; about a second in all, not the whole budget.
  assertEquals(clock.sleeps, [250, 750]);
});

Deno.test("a host name DNS does not know says so (exit 6)", async () => {
  const clock = new ManualClock();
  const error = await assertRejects(
    () => client("http://ppx-no-such-host.invalid", { clock }).json("GET", "/x"),
    ApiError,
    "ppx-no-such-host.invalid is not a known host name",
  );
  assertEquals(error.code, "network.dns");
  assertEquals(error.exitCode, 6);
  assertIncludes(error.hint ?? "", "HTTPS_PROXY");
  assertEquals(clock.sleeps, [250, 750]);
});

Deno.test("a connection dropped before the answer is retried with the normal backoff", async () => {
  // A raw TCP server: the first connection is closed without a word, the second gets an answer.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const served = (async () => {
    let n = 0;
    for await (const conn of listener) {
      if (n++ === 0) {
        conn.close();
        continue;
      }
      await conn.read(new Uint8Array(4096));
      const body = '{"ok":true}';
      await conn.write(new TextEncoder().encode(
        `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
      ));
      conn.close();
      break;
    }
  })();
  try {
    const clock = new ManualClock();
    const port = (listener.addr as Deno.NetAddr).port;
    assertEquals(await client(`http://127.0.0.1:${port}`, { clock }).json("GET", "/x"), { ok: true });
    assertEquals(clock.sleeps, [250]); // full jitter of the 500 ms first step at random() = 0.5
  } finally {
    await served.catch(() => {}); // the loop closed the listener when it was done
  }
});

Deno.test("noRetry turns even 429 retries off", async () => {
  await using api = stubServer()
    .on("GET", "/x", () => new Response("", { status: 429, headers: { "retry-after": "1" } }));
  await assertRejects(() => client(api.url).json("GET", "/x", { noRetry: true }), ApiError);
});

Deno.test("a body cut off mid-read is a network error, not a crash", async () => {
  await using api = stubServer().on("GET", "/x", () => {
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"value":['));
        controller.error(new Error("cut"));
      },
    });
    return new Response(body, { headers: { "content-type": "application/json" } });
  });
  const error = await assertRejects(
    () => client(api.url).json("GET", "/x"),
    ApiError,
    "broke while reading",
  );
  assertEquals(error.code, "network");
});

Deno.test("the timeout covers a body that stalls after the headers, and ends with the answer", async () => {
  let stall: ReadableStreamDefaultController<Uint8Array> | undefined;
  const api = stubServer().on("GET", "/fast", () => Response.json({ ok: true })).on("GET", "/stall", (r) => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        stall = controller;
        controller.enqueue(new TextEncoder().encode('{"value":['));
        // When the client gives up (even before this handler ran, on a slow machine), end the body too:
        // the server's shutdown waits for every open answer.
        r.signal.addEventListener("abort", () => {
          try {
            controller.close();
          } catch {
            // already closed or cancelled
          }
        });
      },
    });
    return new Response(body, { headers: { "content-type": "application/json" } });
  });
  try {
    const http = new HttpClient({ baseUrl: api.url, timeoutMs: 300 });
    const started = performance.now();
    const response = await http.send("GET", "/stall", { noRetry: true });
    await assertRejects(() => response.text(), Error);
    const waited = performance.now() - started;
    assert(waited >= 250 && waited < 5000, `the stalled body was given up after ${waited} ms`);
    // A complete answer clears its timer: the test would fail as a leaking timer if it did not.
    assertEquals(await http.json("GET", "/fast"), { ok: true });
  } finally {
    try {
      stall?.close();
    } catch {
      // already cancelled when the client gave up
    }
    await api[Symbol.asyncDispose]();
  }
});

Deno.test("a small answer cut off mid-body is retried for a GET, not for a POST", async () => {
  // Raw TCP: the first answer of each method promises 100 bytes and sends 10; the next is whole.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const seen: string[] = [];
  const served = (async () => {
    for await (const conn of listener) {
      const buffer = new Uint8Array(8192);
      const n = await conn.read(buffer) ?? 0;
      const method = new TextDecoder().decode(buffer.subarray(0, n)).split(" ")[0];
      const first = !seen.includes(method);
      seen.push(method);
      const body = '{"ok":true}';
      const answer = first
        ? `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\nconnection: close\r\n\r\n{"value":[`
        : `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`;
      await conn.write(new TextEncoder().encode(answer)).catch(() => {});
      conn.close();
    }
  })();
  try {
    const c = client(`http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`);
    assertEquals(await c.json("GET", "/x"), { ok: true });
    const error = await assertRejects(
      () => c.json("POST", "/x", { json: {} }),
      ApiError,
      "broke while reading",
    );
    assertEquals(error.code, "network");
    assertEquals(seen, ["GET", "GET", "POST"]);
  } finally {
    listener.close();
    await served.catch(() => {});
  }
});
