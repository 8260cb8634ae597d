import { ManualClock } from "../../../lib/clock.ts";
import { ApiError, TimeoutError } from "../../../lib/errors.ts";
import { HttpClient } from "../../../lib/http/client.ts";
import { StaticTokenSource } from "../../../lib/auth/static_token.ts";
import { operation } from "../../../lib/powerplatform/catalog/mod.ts";
import { runOperation } from "../../../lib/powerplatform/execute.ts";
import { classify, failureDetail, OperationFailedError } from "../../../lib/powerplatform/lro.ts";
import { assert, assertEquals, assertIncludes, assertRejects } from "../../helpers/assert.ts";
import { RequestStub, stubServer } from "../../helpers/stub.ts";

const E = "8d0c4f6e-0000-4000-8000-000000000002";
/** The environment operations these tests start, as the catalog addresses them. */
const ENV_OP = (tail = "") => `/environmentmanagement/environments/${E}${tail}`;

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
  await using server = stubServer();
  server
    .on("POST", ENV_OP("/backups"), () =>
      Response.json({}, {
        status: 202,
        headers: {
          "operation-location": `${server.url}/environmentmanagement/operations/op-1?api-version=x`,
          "retry-after": "7",
        },
      }))
    .on("GET", "/environmentmanagement/operations/op-1", (_r, polls) =>
      Response.json(
        { operationId: "op-1", status: polls < 2 ? "Running" : "SUCCEEDED" },
        { headers: polls < 2 ? { "retry-after": "3" } : {} },
      ), { times: 3 });
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
  await using server = stubServer();
  server
    .on(
      "POST",
      ENV_OP("/reset"),
      () => new Response(null, { status: 202, headers: { "operation-location": `${server.url}/ops/op-2` } }),
    )
    .on(
      "GET",
      "/ops/op-2",
      () =>
        Response.json({ status: "Failed", errorDetail: { code: "Quota", message: "Not enough capacity" } }),
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
  await using server = stubServer();
  server
    .on("POST", ENV_OP("/copy"), () =>
      new Response(null, {
        status: 202,
        headers: { "operation-location": `${server.url}/environmentmanagement/operations/op-3` },
      }))
    .on("GET", "/environmentmanagement/operations/op-3", () => Response.json({ status: "Running" }), {
      times: Infinity,
    });
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
  await using server = stubServer()
    .on(
      "POST",
      ENV_OP("/governanceSetting/enableManaged"),
      () => new Response(null, { status: 202, headers: { location: "/poll/1" } }),
    )
    .on("GET", "/poll/1", () => new Response(null, { status: 202, headers: { location: "/poll/2" } }))
    .on("GET", "/poll/2", () => Response.json({ name: "done" }));
  const result = await runOperation(
    operation("environment.enable-managed"),
    { environmentId: E, wait: true, timeoutMs: 60_000 },
    { client: () => client(server.url), clock: new ManualClock() },
  );
  assertEquals(result.kind, "finished");
  assertEquals(server.requests.map((r) => r.path.split("?")[0]), [
    ENV_OP("/governanceSetting/enableManaged"),
    "/poll/1",
    "/poll/2",
  ]);
});

Deno.test("--no-wait returns the accepted operation without polling", async () => {
  await using server = stubServer();
  server.on("DELETE", ENV_OP(), () =>
    new Response(null, {
      status: 202,
      headers: { "operation-location": `${server.url}/environmentmanagement/operations/op-4` },
    }));
  const result = await runOperation(
    operation("environment.delete"),
    { environmentId: E, wait: false },
    { client: () => client(server.url), clock: new ManualClock() },
  );
  assertEquals(result.kind, "accepted");
  if (result.kind === "accepted") assertEquals(result.operationId, "op-4");
});

Deno.test("a monitor URL on another origin is polled without the token; a plain-http one is refused", async () => {
  {
    await using other = stubServer().on("GET", "/op", () => Response.json({ status: "Succeeded" }));
    await using server = stubServer().on("POST", ENV_OP("/reset"), () =>
      new Response(null, {
        status: 202,
        headers: { "operation-location": `${other.url.replace("127.0.0.1", "localhost")}/op` },
      }));
    await runOperation(
      operation("environment.reset"),
      { environmentId: E, wait: true, timeoutMs: 60_000 },
      { client: () => client(server.url), clock: new ManualClock() },
    );
    assertEquals(other.requests[0].headers.get("authorization"), null);
  }
  // An https service that points at plain http: the stub answers as that service, without listening.
  await using evil = new RequestStub().on(
    "POST",
    ENV_OP("/reset"),
    () => new Response(null, { status: 202, headers: { "operation-location": "http://evil.test/op" } }),
  );
  const tls = new HttpClient({
    baseUrl: "https://api.example.test",
    token: new StaticTokenSource("t"),
    fetch: evil.fetch,
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
  // Three throttled checks, one 503, then the answer: five checks in all, or a stub is left unused.
  await using server = stubServer();
  server
    .on(
      "POST",
      ENV_OP("/reset"),
      () => new Response(null, { status: 202, headers: { "operation-location": `${server.url}/ops/op-5` } }),
    )
    .on(
      "GET",
      "/ops/op-5",
      () => Response.json({ error: { code: "TooMany" } }, { status: 429, headers: { "retry-after": "0" } }),
      {
        times: 3,
      },
    )
    .on("GET", "/ops/op-5", () => Response.json({ error: { code: "Oops" } }, { status: 503 }))
    .on("GET", "/ops/op-5", () => Response.json({ status: "Succeeded" }));
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
});
