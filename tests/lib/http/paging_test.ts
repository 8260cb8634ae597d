import { HttpClient } from "../../../lib/http/client.ts";
import { paginate } from "../../../lib/http/paging.ts";
import { assertEquals } from "../../helpers/assert.ts";
import { stubServer } from "../../helpers/stub.ts";

Deno.test("paginate follows @odata.nextLink and keeps the Prefer header", async () => {
  await using server = stubServer().on("GET", "/accounts", (r) => {
    const url = new URL(r.url);
    const page = Number(url.searchParams.get("$skiptoken") ?? "0");
    const next = page < 2 ? `${url.origin}/accounts?$skiptoken=${page + 1}` : undefined;
    return Response.json({ value: [{ n: page }], ...(next ? { "@odata.nextLink": next } : {}) });
  }, { times: 3 });
  const client = new HttpClient({ baseUrl: server.url });
  const seen: number[] = [];
  for await (
    const page of paginate<{ n: number }>(client, "/accounts", {
      headers: { prefer: "odata.maxpagesize=1" },
    })
  ) {
    seen.push(...page.items.map((i) => i.n));
  }
  assertEquals(seen, [0, 1, 2]);
  assertEquals(server.requests.map((r) => r.headers.get("prefer")), Array(3).fill("odata.maxpagesize=1"));
});

Deno.test("paginate follows nextLink (Power Platform API shape)", async () => {
  await using server = stubServer()
    .on(
      "GET",
      "/envs",
      (r) => Response.json({ value: [1], nextLink: `${new URL(r.url).origin}/envs?page2=1` }),
    )
    .on("GET", "/envs", (r) => {
      assertEquals(new URL(r.url).searchParams.get("page2"), "1");
      return Response.json({ value: [2] });
    });
  const all: number[] = [];
  for await (const p of paginate<number>(new HttpClient({ baseUrl: server.url }), "/envs")) {
    all.push(...p.items);
  }
  assertEquals(all, [1, 2]);
});
