import { ApiError, ThrottledError } from "../../../lib/errors.ts";
import { seededRandom } from "@pacx/emulator";
import { assert, assertEquals, assertRejects } from "../../helpers/assert.ts";
import { startOrg } from "../../helpers/dataverse.ts";

Deno.test("requests over the window limit get 429, 0x80072322 and Retry-After; rate headers and x-ms-dop-hint", async () => {
  await using org = await startOrg({ protection: { requestsPerWindow: 2, windowSeconds: 30, dopHint: 7 } });
  const get = () =>
    fetch(`${org.emu.url}/api/data/v9.2/WhoAmI()`, { headers: { authorization: `Bearer ${org.token}` } });
  const first = await get();
  await first.body?.cancel();
  assertEquals(first.headers.get("x-ms-dop-hint"), "7");
  assertEquals(first.headers.get("x-ms-ratelimit-burst-remaining-xrm-requests"), "1");
  await (await get()).body?.cancel();
  const third = await get();
  assertEquals(third.status, 429);
  const retryAfter = Number(third.headers.get("retry-after"));
  assert(retryAfter >= 1 && retryAfter <= 30, `Retry-After ${retryAfter}`);
  const body = await third.json();
  assertEquals(body.error.code, "0x80072322");
  assertEquals(
    body.error.message,
    "Number of requests exceeded the limit of 2 over time window of 30 seconds.",
  );
  assertEquals(org.dv.protection?.stats.throttledRequests, 1);
});

Deno.test("concurrent requests over the limit get 429 / 0x80072326; the client retries after Retry-After", async () => {
  await using org = await startOrg({ protection: { maxConcurrent: 2, latencyMs: 100 } });
  const answers = await Promise.all(
    Array.from(
      { length: 4 },
      () =>
        fetch(`${org.emu.url}/api/data/v9.2/WhoAmI()`, {
          headers: { authorization: `Bearer ${org.token}` },
        })
          .then(async (r) => ({ status: r.status, body: await r.json() })),
    ),
  );
  const throttled = answers.filter((a) => a.status === 429);
  assertEquals(throttled.length, 2);
  assertEquals(throttled[0].body.error.code, "0x80072326");
  assertEquals(throttled[0].body.error.message, "Number of concurrent requests exceeded the limit of 2.");
  // Through the client: all four succeed, because 429s are retried.
  const results = await Promise.all(Array.from({ length: 4 }, () => org.client.whoAmI()));
  assertEquals(results.length, 4);
});

Deno.test("combined execution time over the limit gets 429 / 0x80072321", async () => {
  await using org = await startOrg({
    protection: { executionTimePerWindowMs: 50, latencyMs: 60, windowSeconds: 60 },
  });
  await org.client.whoAmI();
  const r = await fetch(`${org.emu.url}/api/data/v9.2/WhoAmI()`, {
    headers: { authorization: `Bearer ${org.token}` },
  });
  assertEquals(r.status, 429);
  assertEquals((await r.json()).error.code, "0x80072321");
  assert(Number(r.headers.get("retry-after")) >= 1);
});

Deno.test("random 5xx and dropped connections follow the seed; GETs survive them, writes report a broken connection", async () => {
  const statuses = async (seed: number) => {
    await using org = await startOrg({ protection: { errorRate: 0.5, seed } });
    const out: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await fetch(`${org.emu.url}/api/data/v9.2/WhoAmI()`, {
        headers: { authorization: `Bearer ${org.token}` },
      });
      await r.body?.cancel();
      out.push(r.status);
    }
    return out;
  };
  const a = await statuses(42);
  assertEquals(await statuses(42), a, "same seed, same faults");
  assert(a.some((s) => s >= 500) && a.some((s) => s === 200), a.join(","));

  await using org = await startOrg({ protection: { dropRate: 1, seed: 1 } });
  const created = await assertRejects(
    () => org.client.create("accounts", { name: "Lost answer" }),
    ApiError,
    "broke while reading",
  );
  assertEquals(created.status, 0);
  org.dv.protection!.configure({ dropRate: 0 });
  let names: unknown[] = [];
  for await (const p of org.client.pages("accounts", {})) names = p.records.map((r) => r.name);
  assertEquals(names, ["Lost answer"], "the write happened although its answer was lost");
});

Deno.test("a throttled client gives up with ThrottledError when retries run out", async () => {
  await using org = await startOrg({ protection: { requestsPerWindow: 1, windowSeconds: 1 } });
  await org.client.whoAmI();
  const error = await assertRejects(() => org.client.whoAmI(), ThrottledError, "still throttling");
  assertEquals(error.exitCode, 6);
  assert(error.cause instanceof ApiError && error.cause.serviceCode === "0x80072322");
});

Deno.test("seededRandom is deterministic and in [0, 1)", () => {
  const a = seededRandom(7);
  const b = seededRandom(7);
  const xs = Array.from({ length: 100 }, () => a());
  assertEquals(xs, Array.from({ length: 100 }, () => b()));
  assert(xs.every((x) => x >= 0 && x < 1));
});
