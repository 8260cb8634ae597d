import { ManualClock } from "../../../lib/clock.ts";
import { ApiError, TimeoutError } from "../../../lib/errors.ts";
import { HttpClient } from "../../../lib/http/client.ts";
import { StaticTokenSource } from "../../../lib/auth/static_token.ts";
import { operation } from "../../../lib/powerplatform/catalog/mod.ts";
import { runOperation } from "../../../lib/powerplatform/execute.ts";
import { classify, failureDetail, OperationFailedError } from "../../../lib/powerplatform/lro.ts";
import { assert, assertEquals, assertIncludes, assertRejects } from "../../helpers/assert.ts";
import { startServer } from "../../helpers/server.ts";

const E = "8d0c4f6e-0000-4000-8000-000000000002";

function client(url: string) {
  return new HttpClient({
    baseUrl: url,
    token: new StaticTokenSource("t0k3n"),
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
}

Deno.test("terminal states are matched case-insensitively", () => {
  assertEquals(classify("SUCCEEDED"), "success");
  assertEquals(classify("succeeded"), "success");
  assertEquals(classify("Failed"), "failure");
  assertEquals(classify("CANCELLED"), "failure");
  assertEquals(classify("ValidationError"), "failure");
  assertEquals(classify("InProgress"), "running");
  assertEquals(classify(undefined), "running");
});

Deno.test("the failure detail is the service's own message, found anywhere in the body", () => {
  assertEquals(failureDetail({ errorDetail: { code: "X", message: "Quota exceeded" } }), "Quota exceeded");
  assertEquals(failureDetail({ error: { details: [{ message: "a" }, { message: "b" }] } }), "a; b");
});

Deno.test("backup --wait: 202 + Operation-Location, Retry-After honoured, ends on Succeeded", async () => {
  let polls = 0;
  await using server = startServer((request) => {
    const url = new URL(request.url);
    if (request.method === "POST") {
      return Response.json({}, {
        status: 202,
        headers: {
          "operation-location": `${server.url}/environmentmanagement/operations/op-1?api-version=x`,
          "retry-after": "7",
        },
      });
    }
    assertEquals(url.pathname, "/environmentmanagement/operations/op-1");
    polls++;
    return Response.json(
      { operationId: "op-1", status: polls < 3 ? "Running" : "SUCCEEDED" },
      { headers: polls < 3 ? { "retry-after": "3" } : {} },
    );
  });
  const clock = new ManualClock();
  const result = await runOperation(
    operation("environment.backup"),
    { environmentId: E, fields: { "--label": "x" }, wait: true, timeoutMs: 60_000 },
    { client: () => client(server.url), clock },
  );
  assertEquals(result.kind, "finished");
  if (result.kind === "finished") {
    assertEquals(result.outcome.status, "SUCCEEDED");
    assertEquals(result.outcome.operationId, "op-1");
  }
  assertEquals(clock.sleeps, [7000, 3000, 3000]);
  // Polls carry the token: same origin as the first request.
  assertEquals(server.requests[1].headers.get("authorization"), "Bearer t0k3n");
});

Deno.test("a failed operation is an error (exit 1) carrying the service's detail", async () => {
  await using server = startServer((request) =>
    request.method === "POST"
      ? new Response(null, { status: 202, headers: { "operation-location": `${server.url}/ops/op-2` } })
      : Response.json({ status: "Failed", errorDetail: { code: "Quota", message: "Not enough capacity" } })
  );
  const error = await assertRejects(
    () =>
      runOperation(
        operation("environment.reset"),
        { environmentId: E, wait: true, timeoutMs: 60_000 },
        { client: () => client(server.url), clock: new ManualClock() },
      ),
    OperationFailedError,
  );
  assertEquals(error.exitCode, 1);
  assertIncludes(error.message, "Not enough capacity");
  assertIncludes(error.message, "op-2");
});

Deno.test("a timeout is exit 6 and says how to resume watching", async () => {
  await using server = startServer((request) =>
    request.method === "POST"
      ? new Response(null, {
        status: 202,
        headers: { "operation-location": `${server.url}/environmentmanagement/operations/op-3` },
      })
      : Response.json({ status: "Running" })
  );
  const error = await assertRejects(
    () =>
      runOperation(
        operation("environment.copy"),
        { environmentId: E, fields: { "--source": E, "--type": "minimal" }, wait: true, timeoutMs: 10_000 },
        { client: () => client(server.url), clock: new ManualClock() },
      ),
    TimeoutError,
  );
  assertEquals(error.exitCode, 6);
  assertEquals(error.suggestion, { command: ["environment", "ops", "show", "op-3"] });
});

Deno.test("BAP-style Location polling: 202 while running, 200 without status when done", async () => {
  let polls = 0;
  await using server = startServer((request) => {
    if (request.method === "POST") {
      return new Response(null, { status: 202, headers: { location: "/poll/1" } });
    }
    polls++;
    return polls < 2
      ? new Response(null, { status: 202, headers: { location: "/poll/2" } })
      : Response.json({ name: "done" });
  });
  const result = await runOperation(
    operation("environment.enable-managed"),
    { environmentId: E, wait: true, timeoutMs: 60_000 },
    { client: () => client(server.url), clock: new ManualClock() },
  );
  assertEquals(result.kind, "finished");
  assertEquals(new URL(server.requests[2].url).pathname, "/poll/2");
});

Deno.test("--no-wait returns the accepted operation without polling", async () => {
  await using server = startServer(() =>
    new Response(null, {
      status: 202,
      headers: { "operation-location": `${server.url}/environmentmanagement/operations/op-4` },
    })
  );
  const result = await runOperation(
    operation("environment.delete"),
    { environmentId: E, wait: false },
    { client: () => client(server.url), clock: new ManualClock() },
  );
  assertEquals(result.kind, "accepted");
  if (result.kind === "accepted") assertEquals(result.operationId, "op-4");
  assertEquals(server.requests.length, 1);
});

Deno.test("a monitor URL on another origin is polled without the token; a plain-http one is refused", async () => {
  const other = startServer(() => Response.json({ status: "Succeeded" }));
  const server = startServer(() =>
    new Response(null, {
      status: 202,
      headers: { "operation-location": `${other.url.replace("127.0.0.1", "localhost")}/op` },
    })
  );
  try {
    await runOperation(
      operation("environment.reset"),
      { environmentId: E, wait: true, timeoutMs: 60_000 },
      { client: () => client(server.url), clock: new ManualClock() },
    );
    assertEquals(other.requests[0].headers.get("authorization"), null);
  } finally {
    await server.close();
    await other.close();
  }
  const tls = new HttpClient({
    baseUrl: "https://api.example.test",
    token: new StaticTokenSource("t"),
    fetch: () =>
      Promise.resolve(
        new Response(null, { status: 202, headers: { "operation-location": "http://evil.test/op" } }),
      ),
  });
  const error = await assertRejects(
    () =>
      runOperation(operation("environment.reset"), { environmentId: E, wait: true, timeoutMs: 60_000 }, {
        client: () => tls,
        clock: new ManualClock(),
      }),
    ApiError,
  );
  assertEquals(error.code, "http.unsafe-url");
  assert(error.message.includes("plain http"), error.message);
});

Deno.test("a check that stays throttled or fails with 5xx does not end the wait: the operation is checked again", async () => {
  let polls = 0;
  await using server = startServer((request) => {
    if (request.method === "POST") {
      return new Response(null, { status: 202, headers: { "operation-location": `${server.url}/ops/op-5` } });
    }
    polls++;
    if (polls <= 3) {
      return Response.json({ error: { code: "TooMany" } }, { status: 429, headers: { "retry-after": "0" } });
    }
    if (polls === 4) return Response.json({ error: { code: "Oops" } }, { status: 503 });
    return Response.json({ status: "Succeeded" });
  });
  const c = new HttpClient({
    baseUrl: server.url,
    token: new StaticTokenSource("t"),
    retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 5 },
  });
  const result = await runOperation(
    operation("environment.reset"),
    { environmentId: E, wait: true, timeoutMs: 60_000 },
    { client: () => c, clock: new ManualClock() },
  );
  assertEquals(result.kind, "finished");
  assertEquals(polls, 5);
});
