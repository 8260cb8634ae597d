import { AssertionError, equal, rejects, throws } from "node:assert/strict";
import { RequestStub, stubServer } from "./stub.ts";

Deno.test("request stub: matched stubs answer in order and verify passes", async () => {
  await using api = stubServer();
  api.on("GET", "/WhoAmI", () => Response.json({ UserId: "u1" }));
  api.on("POST", "/api/data/v9.2/accounts", (_r, i) => new Response(null, { status: 204 + i }), { times: 2 });
  equal((await (await fetch(`${api.url}/WhoAmI`)).json()).UserId, "u1");
  equal((await fetch(`${api.url}/api/data/v9.2/accounts`, { method: "POST", body: "{}" })).status, 204);
  equal((await fetch(`${api.url}/api/data/v9.2/accounts`, { method: "POST", body: "{}" })).status, 205);
  equal(api.requests.length, 3);
});

Deno.test("request stub: an unmatched request fails the test, and so does a stub never used", async () => {
  const unmatched = new RequestStub();
  unmatched.on("GET", "/a", () => new Response("a"));
  equal((await unmatched.fetch("http://stub.test/a")).status, 200);
  equal((await unmatched.fetch("http://stub.test/b")).status, 501);
  throws(
    () => unmatched.verify(),
    (e) => e instanceof AssertionError && /unmatched request: GET \/b/.test(e.message),
  );

  const unused = new RequestStub();
  unused.on("GET", "/a", () => new Response("a"), { times: 2 });
  unused.on("DELETE", "/x", () => new Response(null, { status: 204 }));
  await unused.fetch("http://stub.test/a");
  throws(
    () => unused.verify(),
    (e) =>
      e instanceof AssertionError && /stub never used: GET \/a \(used 1 of 2\)/.test(e.message) &&
      /stub never used: DELETE \/x/.test(e.message),
  );

  // Disposing verifies: a test that leaves `await using` with an unused stub fails.
  await rejects(async () => {
    await using api = stubServer();
    api.on("GET", "/never", () => new Response(""));
  }, AssertionError);
});
