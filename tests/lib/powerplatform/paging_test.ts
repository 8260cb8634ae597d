import { HttpClient } from "../../../lib/http/client.ts";
import { StaticTokenSource } from "../../../lib/auth/static_token.ts";
import { listItems } from "../../../lib/powerplatform/paging.ts";
import { assertEquals } from "../../helpers/assert.ts";
import { stubServer } from "../../helpers/stub.ts";

function client(url: string) {
  return new HttpClient({ baseUrl: url, token: new StaticTokenSource("t") });
}

async function collect(it: AsyncIterable<Record<string, unknown>>) {
  const out: unknown[] = [];
  for await (const x of it) out.push(x.n);
  return out;
}

Deno.test("paging follows @odata.nextLink and nextLink; --top stops early; no --all is one page", async () => {
  // Six pages in all: three for --all, two for --top 3, one for the first page alone.
  await using server = stubServer();
  server.on("GET", "/items", (request) => {
    const page = Number(new URL(request.url).searchParams.get("p") ?? "0");
    const body: Record<string, unknown> = { value: [{ n: page * 2 }, { n: page * 2 + 1 }] };
    if (page < 2) body[page === 0 ? "@odata.nextLink" : "nextLink"] = `${server.url}/items?p=${page + 1}`;
    return Response.json(body);
  }, { times: 6 });
  const c = client(server.url);
  assertEquals(await collect(listItems(c, { path: "items" }, {}, { all: true })), [0, 1, 2, 3, 4, 5]);
  assertEquals(await collect(listItems(c, { path: "items" }, {}, { top: 3 })), [0, 1, 2]);
  assertEquals(await collect(listItems(c, { path: "items" })), [0, 1]);
});

Deno.test("paging sends a body continuationToken back as the named query parameter", async () => {
  await using server = stubServer()
    .on("GET", "/ops", () => Response.json({ collection: [{ n: 1 }], continuationToken: "abc" }))
    .on("GET", "/ops", () => Response.json({ collection: [{ n: 2 }] }));
  const items = listItems(client(server.url), { path: "ops", query: { "api-version": "v" } }, {
    itemsKey: "collection",
    tokenParam: "continuationToken",
  }, { all: true });
  assertEquals(await collect(items), [1, 2]);
  const second = new URL(server.requests[1].path, server.url);
  assertEquals(second.searchParams.get("continuationToken"), "abc");
  assertEquals(second.searchParams.get("api-version"), "v");
});

Deno.test("paging sends an x-ms-continuation-token response header back as a request header", async () => {
  await using server = stubServer()
    .on(
      "GET",
      "/flows",
      () => Response.json({ value: [{ n: 1 }] }, { headers: { "x-ms-continuation-token": "h1" } }),
    )
    .on("GET", "/flows", () => Response.json({ value: [{ n: 2 }] }));
  assertEquals(await collect(listItems(client(server.url), { path: "flows" }, {}, { all: true })), [1, 2]);
  assertEquals(server.requests[1].headers.get("x-ms-continuation-token"), "h1");
});

Deno.test("a nextLink to another origin is followed without the token", async () => {
  await using other = stubServer().on("GET", "/p2", () => Response.json({ value: [{ n: 2 }] }));
  await using server = stubServer().on(
    "GET",
    "/x",
    () => Response.json({ value: [{ n: 1 }], nextLink: `${other.url.replace("127.0.0.1", "localhost")}/p2` }),
  );
  assertEquals(await collect(listItems(client(server.url), { path: "x" }, {}, { all: true })), [1, 2]);
  assertEquals(server.requests[0].headers.get("authorization"), "Bearer t");
  assertEquals(other.requests[0].headers.get("authorization"), null);
});
