/**
 * Runs file work a few at a time: thousands of small files are bound by latency, not bandwidth, so a
 * handful in flight is several times faster than one by one, and bounded memory.
 *
 * @module
 */

/** Calls `work` on every item with at most `limit` calls in flight; results keep the items' order. */
export async function inPool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
  return results;
}
