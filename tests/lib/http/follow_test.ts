import { ApiError } from "../../../lib/errors.ts";
import { HttpClient } from "../../../lib/http/client.ts";
import { followUrl } from "../../../lib/http/follow.ts";
import { paginate } from "../../../lib/http/paging.ts";
import { StaticTokenSource } from "../../../lib/auth/static_token.ts";
import { assertEquals, assertNotIncludes, assertRejects } from "../../helpers/assert.ts";
import { stubServer } from "../../helpers/stub.ts";
import { startTlsServer, trustingFetch } from "../../helpers/tls_server.ts";
import { ManualClock } from "../../../lib/clock.ts";

function refused(first: string, next: string) {
  let error: unknown;
  try {
    followUrl(first, next);
  } catch (e) {
    error = e;
  }
  assertEquals(
    (error as ApiError | undefined)?.code,
    "http.unsafe-url",
    `${first} -> ${next} must be refused`,
  );
}

Deno.test("followUrl: the token stays on the first request's origin", () => {
  const first = "https://org.crm.dynamics.com/api/data/v9.2/accounts";
  assertEquals(
    followUrl(first, "https://org.crm.dynamics.com/api/data/v9.2/accounts?$skiptoken=1").sameOrigin,
    true,
  );
  assertEquals(
    followUrl(first, "/api/data/v9.2/accounts?x=1").url.href,
    "https://org.crm.dynamics.com/api/data/v9.2/accounts?x=1",
  );
  assertEquals(followUrl(first, "https://evil.example/steal").sameOrigin, false);
  assertEquals(followUrl(first, "https://org.crm.dynamics.com:8443/x").sameOrigin, false);
  assertEquals(followUrl(first, "https://other.crm.dynamics.com/x").sameOrigin, false);
});

Deno.test("followUrl: never from https to http, http only from loopback to loopback", () => {
  refused("https://org.crm.dynamics.com/x", "http://org.crm.dynamics.com/x");
  refused("https://org.crm.dynamics.com/x", "http://127.0.0.1:8080/x");
  refused("http://127.0.0.1:8080/x", "http://evil.example/x");
  refused("https://org.crm.dynamics.com/x", "file:///etc/passwd");
  refused("https://org.crm.dynamics.com/x", "javascript:alert(1)");
  assertEquals(followUrl("http://127.0.0.1:8080/x", "http://127.0.0.1:8080/y").sameOrigin, true);
  assertEquals(followUrl("http://127.0.0.1:8080/x", "http://localhost:9090/y").sameOrigin, false);
  assertEquals(followUrl("http://127.0.0.1:8080/x", "https://org.example/y").sameOrigin, false);
});

Deno.test("a next link to another host is followed without the token", async () => {
  await using other = stubServer()
    .on("GET", "/steal", (r) => Response.json({ value: [{ auth: r.headers.get("authorization") }] }));
  await using first = stubServer().on("GET", "/accounts", (r) =>
    Response.json({
      value: [{ auth: r.headers.get("authorization") }],
      "@odata.nextLink": `${other.url}/steal`,
    }));
  const client = new HttpClient({ baseUrl: first.url, token: new StaticTokenSource("secret-token") });
  const seen: unknown[] = [];
  for await (const page of paginate(client, "/accounts")) seen.push(...page.items);
  assertEquals(seen, [{ auth: "Bearer secret-token" }, { auth: null }]);
});

Deno.test("a next link from https to plain http is refused before anything is sent", async () => {
  // No stub: any request that reaches the plain-http server fails the test.
  await using plain = stubServer();
  await using tls = startTlsServer(() =>
    Response.json({ value: [1], "@odata.nextLink": `${plain.url}/page2` })
  );
  const client = new HttpClient({
    baseUrl: tls.url,
    fetch: trustingFetch(),
    token: new StaticTokenSource("secret-token"),
  });
  const pages: unknown[] = [];
  const error = await assertRejects(
    async () => {
      for await (const page of paginate(client, "/accounts")) pages.push(page.items);
    },
    ApiError,
    "plain http",
  );
  assertEquals(error.code, "http.unsafe-url");
  assertEquals(pages, [[1]]);
});

Deno.test("a redirect from https to http is refused; no body or token goes out in clear", async () => {
  // No stub: any request that reaches the plain-http server fails the test.
  await using plain = stubServer();
  await using tls = startTlsServer(() =>
    new Response(null, { status: 307, headers: { location: `${plain.url}/landing` } })
  );
  const client = new HttpClient({
    baseUrl: tls.url,
    fetch: trustingFetch(),
    token: new StaticTokenSource("secret-token"),
    clock: new ManualClock(),
  });
  for (const method of ["POST", "GET"]) {
    const error = await assertRejects(
      () => client.json(method, "/api", method === "POST" ? { json: { password: "hunter2" } } : {}),
      ApiError,
      "plain http",
    );
    assertEquals(error.code, "http.unsafe-url");
  }
});

Deno.test("a 307/308 to another origin does not re-send the body; a 303 there goes as a bare GET", async () => {
  await using other = stubServer()
    .on("GET", "/landing", (r) => Response.json({ method: r.method, auth: r.headers.get("authorization") }));
  const to = (status: number) => () =>
    new Response(null, { status, headers: { location: `${other.url}/landing` } });
  await using first = stubServer().on("POST", "/upload", to(308)).on("POST", "/see-other", to(303));
  const client = new HttpClient({ baseUrl: first.url, token: new StaticTokenSource("secret-token") });
  const error = await assertRejects(
    () => client.json("POST", "/upload", { json: { secret: "body" } }),
    ApiError,
    "does not re-send a request body across origins",
  );
  assertEquals(error.code, "http.unsafe-url");
  assertEquals(other.requests.length, 0); // the 308 went nowhere; the 303 below is the landing's one request
  assertEquals(await client.json("POST", "/see-other", { json: { secret: "body" } }), {
    method: "GET",
    auth: null,
  });
  assertEquals(other.requests.map((r) => r.body), [""]);
  for (const { body } of other.requests) assertNotIncludes(body, "secret");
});
