/** `dv list --all` against a service whose next links point elsewhere: the token stays home, https stays https. */

import { runPpx } from "../helpers/cli.ts";
import { assertEquals, assertIncludes } from "../helpers/assert.ts";
import { stubServer } from "../helpers/stub.ts";
import { startTlsServer, trustingFetch } from "../helpers/tls_server.ts";

const TOKEN = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.secret-signature";

Deno.test("dv list --all: a next link to another host gets the page without the bearer token", async () => {
  await using other = stubServer()
    .on("GET", "/steal", () => Response.json({ value: [{ accountid: "b", name: "Two" }] }));
  await using org = stubServer().on("GET", "/api/data/v9.2/accounts", () =>
    Response.json({
      value: [{ accountid: "a", name: "One" }],
      "@odata.nextLink": `${other.url}/steal?$skiptoken=1`,
    }));
  const r = await runPpx(["dv", "list", "accounts", "--all", "--json"], {
    env: { DATAVERSE_HOST: org.url, PPX_ACCESS_TOKEN: TOKEN },
  });
  assertEquals(r.code, 0, r.stderr);
  assertEquals(JSON.parse(r.stdout).map((x: { name: string }) => x.name), ["One", "Two"]);
  assertEquals(org.requests[0].headers.get("authorization"), `Bearer ${TOKEN}`);
  assertEquals(other.requests.map((q) => q.headers.get("authorization")), [null]);
});

Deno.test("dv list --all: a next link from https to plain http is refused, nothing is sent there", async () => {
  // No stub: any request that reaches the plain-http server fails the test.
  await using plain = stubServer();
  await using org = startTlsServer(() =>
    Response.json({
      value: [{ accountid: "a", name: "One" }],
      "@odata.nextLink": `${plain.url}/api/data/v9.2/accounts?$skiptoken=1`,
    })
  );
  const r = await runPpx(["dv", "list", "accounts", "--all", "--json"], {
    env: { DATAVERSE_HOST: org.url, PPX_ACCESS_TOKEN: TOKEN },
    fetch: trustingFetch(),
  });
  assertEquals(r.code, 1, r.stderr);
  assertIncludes(r.stderr, "plain http");
});
