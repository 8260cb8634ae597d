import { Pacer } from "../../../../lib/dataverse/bulk/pacer.ts";
import { assertEquals } from "../../../helpers/assert.ts";

Deno.test("pacer: probes with one request, starts from x-ms-dop-hint, slow start until the first 429", () => {
  const p = new Pacer({ ceiling: 52 });
  assertEquals(p.limit, 1);
  p.hint("8");
  assertEquals(p.limit, 8);
  p.hint("2");
  assertEquals(p.limit, 8, "the hint sets the start once");
  for (let i = 0; i < 10; i++) p.success();
  assertEquals(p.limit, 18);
  p.throttled(1_000, 2_000);
  assertEquals([p.limit, p.pausedUntil], [9, 3_000], "a 429 halves the limit and holds until Retry-After");
  p.throttled(1_500, 2_000);
  assertEquals([p.limit, p.pausedUntil], [9, 3_500], "a burst of 429s halves once, waits for the latest");
  for (let i = 0; i < 8; i++) p.success();
  assertEquals(p.limit, 9, "after a 429, growth is additive: one per full window of healthy answers");
  p.success();
  assertEquals(p.limit, 10);
  p.throttled(10_000, undefined);
  assertEquals([p.limit, p.pausedUntil], [5, 11_000], "no Retry-After: wait one second");
  for (let i = 0; i < 200; i++) p.success();
  p.throttled(20_000, 1_000);
  for (let i = 0; i < 2_000; i++) p.success();
  assertEquals(p.limit, 52, "never above the ceiling");
  assertEquals([p.stats.start, p.stats.max, p.stats.throttled], [8, 52, 4]);
});

Deno.test("pacer: --concurrency fixes the limit; 5xx pause without shrinking", () => {
  const p = new Pacer({ initial: 3, ceiling: 3, fixed: true });
  p.hint("8");
  for (let i = 0; i < 10; i++) p.success();
  assertEquals(p.limit, 3);
  p.failed(100, 0);
  assertEquals(p.limit, 3);
  assertEquals(p.pausedUntil > 100 && p.pausedUntil <= 200, true);
});
