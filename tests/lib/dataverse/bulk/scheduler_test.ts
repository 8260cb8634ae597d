import { ManualClock } from "../../../../lib/clock.ts";
import type { JournalEntry } from "../../../../lib/dataverse/bulk/journal.ts";
import { Pacer } from "../../../../lib/dataverse/bulk/pacer.ts";
import type { Item } from "../../../../lib/dataverse/bulk/plan.ts";
import { schedule } from "../../../../lib/dataverse/bulk/scheduler.ts";
import type { SendResult } from "../../../../lib/dataverse/bulk/sender.ts";
import { assert, assertEquals } from "../../../helpers/assert.ts";

function items(n: number, lock?: (row: number) => string): Item[] {
  return Array.from({ length: n }, (_, i) => ({
    row: i + 1,
    lock: lock?.(i + 1),
    label: `r${i + 1}`,
    path: `accounts(r${i + 1})`,
    body: {},
    hash: 1,
    attempts: 0,
  }));
}

function source(list: (Item | JournalEntry)[]) {
  let i = 0;
  return () => Promise.resolve(list[i++]);
}

const ok = (batch: Item[]): SendResult => ({
  finished: batch.map((item) => ({
    row: item.row,
    key: item.label,
    status: "succeeded",
    httpStatus: 204,
    code: "",
    message: "",
    hash: item.hash,
  })),
  transient: [],
  throttled: [],
  signal: { kind: "ok" },
});

Deno.test("scheduler: a 429's Retry-After holds every request on the clock; throttled rows go again uncounted", async () => {
  const clock = new ManualClock();
  const t0 = clock.now();
  const sent: { at: number; rows: number[] }[] = [];
  let throttle = 2;
  const finished: number[] = [];
  const stats = await schedule({
    chunkSize: 2,
    maxAttempts: 1,
    pacer: new Pacer({ initial: 2, fixed: true }),
    clock,
    next: source(items(6)),
    send: (batch) => {
      sent.push({ at: clock.now() - t0, rows: batch.map((i) => i.row) });
      if (throttle-- > 0) {
        return Promise.resolve({
          finished: [],
          transient: [],
          throttled: batch,
          signal: { kind: "throttled", retryAfterMs: 30_000 },
        });
      }
      return Promise.resolve(ok(batch));
    },
    finish: (entries) => finished.push(...entries.map((e) => e.row)),
  });
  assertEquals(finished.sort((a, b) => a - b), [1, 2, 3, 4, 5, 6], "maxAttempts 1, yet no row failed");
  assert(clock.sleeps.includes(30_000) || clock.sleeps.some((s) => s >= 29_000), `${clock.sleeps}`);
  assert(sent.slice(2).every((s) => s.at >= 30_000), JSON.stringify(sent));
  assertEquals([stats.requests, stats.retriedRows], [5, 4]);
});

Deno.test("scheduler: transient failures back off on the clock and give up after maxAttempts", async () => {
  const clock = new ManualClock();
  const finished: JournalEntry[] = [];
  const stats = await schedule({
    chunkSize: 1,
    maxAttempts: 3,
    pacer: new Pacer({ initial: 1, fixed: true, random: () => 1 }),
    clock,
    next: source(items(1)),
    send: (batch) =>
      Promise.resolve({
        finished: [],
        transient: batch.map((item) => ({ item, code: "transient" as const, message: "503" })),
        throttled: [],
        signal: { kind: "failed" },
      }),
    finish: (entries) => finished.push(...entries),
  });
  assertEquals(finished.map((e) => [e.row, e.status, e.code]), [[1, "failed", "transient"]]);
  assertEquals(stats.requests, 3);
  // 100 ms, then 200 ms (doubling per attempt), waited on the clock, not in real time.
  assertEquals(clock.sleeps.filter((s) => s >= 100), [100, 200]);
});

Deno.test("scheduler: rows for one record never share a request nor run together; invalid rows pass through", async () => {
  const clock = new ManualClock();
  let inFlight = new Set<string>();
  const order: number[] = [];
  const list: (Item | JournalEntry)[] = items(9, (row) => `k${row % 3}`);
  list.splice(4, 0, {
    row: 99,
    key: "",
    status: "invalid",
    httpStatus: 0,
    code: "invalid-value",
    message: "x",
  });
  const finished: number[] = [];
  await schedule({
    chunkSize: 3,
    maxAttempts: 3,
    pacer: new Pacer({ initial: 4, fixed: true }),
    clock,
    next: source(list),
    send: async (batch) => {
      const locks = batch.map((i) => i.lock!);
      assertEquals(new Set(locks).size, locks.length, "one record once per request");
      for (const l of locks) assert(!inFlight.has(l), `${l} in flight twice`);
      inFlight = new Set([...inFlight, ...locks]);
      await new Promise((r) => setTimeout(r, 1));
      for (const l of locks) inFlight.delete(l);
      order.push(...batch.map((i) => i.row));
      return ok(batch);
    },
    finish: (entries) => finished.push(...entries.map((e) => e.row)),
  });
  assertEquals(finished.length, 10);
  for (const k of [0, 1, 2]) {
    const rows = order.filter((r) => r % 3 === k);
    assertEquals(rows, [...rows].sort((a, b) => a - b), "file order per record");
  }
});
