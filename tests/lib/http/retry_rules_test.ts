/**
 * Every rule of the retry section of docs/user-manual/03-cli-usage.md, one test each, against a real server
 * on 127.0.0.1 and a manual clock (waits are recorded, not slept). Each test fails when its rule is broken.
 */

import { ManualClock } from "../../../lib/clock.ts";
import { ApiError, ThrottledError, TimeoutError } from "../../../lib/errors.ts";
import { HttpClient } from "../../../lib/http/client.ts";
import { DEFAULT_RETRY_POLICY, TRANSIENT_STATUSES } from "../../../lib/http/retry.ts";
import { assert, assertEquals, assertRejects } from "../../helpers/assert.ts";
import { stubServer } from "../../helpers/stub.ts";

/** A client with the default policy, a manual clock and a fixed random source. */
function client(url: string, random = () => 0.5, clock = new ManualClock()) {
  return { http: new HttpClient({ baseUrl: url, clock, random }), clock };
}

/**
 * A strict stub for `METHOD /x`: `status` exactly `failures` times, then (when it `recovers`) one 200
 * `{"ok":true}`. Disposing it fails the test on any request beyond those or any answer not asked for.
 */
function flaky(
  status: number,
  failures: number,
  headers: Record<string, string> = {},
  { method = "GET", recovers = true }: { method?: string; recovers?: boolean } = {},
) {
  const api = stubServer().on(method, "/x", () => new Response("", { status, headers }), { times: failures });
  if (recovers) api.on(method, "/x", () => Response.json({ ok: true }));
  return api;
}

Deno.test("rule: 429, 500, 502, 503 and 504 are retried (a single 500 on a GET does not abort)", async () => {
  assertEquals([...TRANSIENT_STATUSES].sort(), [429, 500, 502, 503, 504]);
  for (const status of [429, 500, 502, 503, 504]) {
    await using server = flaky(status, 1);
    assertEquals(await client(server.url).http.json("GET", "/x"), { ok: true }, `HTTP ${status}`);
    assertEquals(server.requests.length, 2, `HTTP ${status}`);
  }
});

Deno.test("rule: other errors (400, 404, 501) are not retried", async () => {
  for (const status of [400, 404, 501]) {
    await using server = flaky(status, 1, {}, { recovers: false });
    await assertRejects(() => client(server.url).http.json("GET", "/x"), ApiError);
    assertEquals(server.requests.length, 1, `HTTP ${status}`);
  }
});

Deno.test("rule: up to 5 retries (6 attempts), then the error", async () => {
  assertEquals(DEFAULT_RETRY_POLICY.maxRetries, 5);
  await using server = flaky(502, 6, {}, { recovers: false });
  await assertRejects(() => client(server.url).http.json("GET", "/x"), ApiError);
  assertEquals(server.requests.length, 6);
});

Deno.test("rule: all retries of one request fit in 5 minutes", async () => {
  assertEquals(DEFAULT_RETRY_POLICY.budgetMs, 300_000);
  // Retry-After 70 s is capped to 60 s waits: the fifth ends at 300 s, the last moment the budget allows.
  // Six attempts (0 to 300 s), then three more with the smaller budget below.
  await using server = flaky(429, 9, { "retry-after": "70" }, { recovers: false });
  const { http, clock } = client(server.url);
  const started = clock.now();
  await assertRejects(() => http.json("GET", "/x"), ThrottledError);
  assert(clock.now() - started <= 300_000, `waited ${clock.now() - started} ms`);
  // A smaller budget ends it sooner: proof that the budget, not only the count, is applied.
  const small = new HttpClient({
    baseUrl: server.url,
    clock: new ManualClock(),
    retry: { budgetMs: 150_000 },
  });
  const before = server.requests.length;
  await assertRejects(() => small.json("GET", "/x"), ThrottledError);
  assertEquals(server.requests.length - before, 3); // 0, 60, 120 s; a wait to 180 s would pass 150 s
});

Deno.test("rule: Retry-After (seconds or HTTP date) is what the wait is", async () => {
  {
    await using server = flaky(503, 1, { "retry-after": "3" });
    const { http, clock } = client(server.url);
    await http.json("GET", "/x");
    assertEquals(clock.sleeps, [3000]);
  }
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  await using dated = flaky(429, 1, {
    "retry-after": new Date(Date.UTC(2026, 0, 1, 12, 0, 12)).toUTCString(),
  });
  await client(dated.url, () => 0.5, clock).http.json("GET", "/x");
  assertEquals(clock.sleeps, [12_000]);
});

Deno.test("rule: each wait is at most 60 s, a longer Retry-After included", async () => {
  assertEquals(DEFAULT_RETRY_POLICY.maxDelayMs, 60_000);
  {
    await using server = flaky(429, 1, { "retry-after": "3600" });
    const { http, clock } = client(server.url);
    await http.json("GET", "/x");
    assertEquals(clock.sleeps, [60_000]);
  }
  // The backoff itself is capped too: attempt 7 would be 500 * 2^7 = 64 s.
  await using many = flaky(502, 8);
  const clock = new ManualClock();
  const http = new HttpClient({
    baseUrl: many.url,
    clock,
    random: () => 0.999999,
    retry: { maxRetries: 8, budgetMs: 3_600_000 },
  });
  await http.json("GET", "/x");
  assertEquals(clock.sleeps.length, 8);
  assertEquals(clock.sleeps[7], Math.floor(0.999999 * 60_000));
});

Deno.test("rule: without Retry-After, exponential backoff from 500 ms with full jitter in [0, 500 * 2^n)", async () => {
  assertEquals(DEFAULT_RETRY_POLICY.baseDelayMs, 500);
  const ceilings = [500, 1000, 2000, 4000, 8000];
  for (const r of [0, 0.5, 0.999999]) {
    await using server = flaky(503, 5);
    const { http, clock } = client(server.url, () => r);
    await http.json("GET", "/x");
    assertEquals(clock.sleeps, ceilings.map((c) => Math.floor(r * c)), `random ${r}`);
    for (const [i, wait] of clock.sleeps.entries()) assert(wait >= 0 && wait < ceilings[i]);
  }
});

Deno.test("rule: GET, HEAD, OPTIONS, PUT and DELETE are repeated freely", async () => {
  for (const method of ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]) {
    await using server = flaky(503, 1, {}, { method });
    const response = await client(server.url).http.send(method, "/x");
    await response.body?.cancel();
    assertEquals(server.requests.length, 2, method);
  }
});

Deno.test("rule: POST and PATCH are not repeated after 500/502/503/504 unless marked safe", async () => {
  for (const method of ["POST", "PATCH"]) {
    for (const status of [500, 502, 503, 504]) {
      await using server = flaky(status, 2, {}, { method });
      await assertRejects(() => client(server.url).http.json(method, "/x", { json: {} }), ApiError);
      assertEquals(server.requests.length, 1, `${method} ${status}`);
      await client(server.url).http.json(method, "/x", { json: {}, retrySafe: true });
      assertEquals(server.requests.length, 3, `${method} ${status} retrySafe`);
    }
  }
});

Deno.test("rule: POST and PATCH are repeated after a 429 (the service did not process them)", async () => {
  for (const method of ["POST", "PATCH"]) {
    await using server = flaky(429, 1, { "retry-after": "1" }, { method });
    assertEquals(await client(server.url).http.json(method, "/x", { json: { a: 1 } }), { ok: true });
    assertEquals(server.requests.map((r) => r.body), ['{"a":1}', '{"a":1}'], method);
  }
});

Deno.test("rule: each attempt times out after 100 s by default", () => {
  assertEquals(new HttpClient().timeoutMs, 100_000);
});

Deno.test("rule: throttling or timeouts that outlast the retries exit 6 (429, 503, 504)", async () => {
  const cases: [number, typeof ThrottledError | typeof TimeoutError][] = [
    [429, ThrottledError],
    [503, ThrottledError],
    [504, TimeoutError],
  ];
  for (const [status, type] of cases) {
    await using server = flaky(status, 6, {}, { recovers: false });
    const error = await assertRejects(() => client(server.url).http.json("GET", "/x"), type);
    assertEquals(error.exitCode, 6, `HTTP ${status}`);
    assertEquals(server.requests.length, 6);
  }
});

Deno.test("rule: a dropped connection is retried for a GET, not for a POST", async () => {
  // Raw TCP: every connection is closed without an answer until three have been dropped.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const methods: string[] = [];
  const served = (async () => {
    for await (const conn of listener) {
      const buffer = new Uint8Array(8192);
      const n = await conn.read(buffer) ?? 0;
      methods.push(new TextDecoder().decode(buffer.subarray(0, n)).split(" ")[0]);
      if (methods.length > 3) {
        const body = '{"ok":true}';
        await conn.write(new TextEncoder().encode(
          `HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
        )).catch(() => {});
      }
      conn.close();
    }
  })();
  try {
    const url = `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`;
    await assertRejects(() => client(url).http.json("POST", "/x", { json: {} }), ApiError);
    assertEquals(methods, ["POST"]);
    assertEquals(await client(url).http.json("GET", "/x"), { ok: true });
    assertEquals(methods, ["POST", "GET", "GET", "GET"]);
  } finally {
    listener.close();
    await served.catch(() => {});
  }
});
