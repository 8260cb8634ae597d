import { Journal, readJournal, truncateTornTail } from "../../../../lib/dataverse/bulk/journal.ts";
import { ManualClock } from "../../../../lib/clock.ts";
import { assertEquals } from "../../../helpers/assert.ts";
import { tempDir } from "../../../helpers/fixtures.ts";

const entry = (row: number) => ({
  row,
  key: `k${row}`,
  status: "succeeded" as const,
  httpStatus: 204,
  code: "",
  message: "",
  hash: row,
});

Deno.test("journal: a torn last line (kill -9 mid-append) is cut off before the next run appends", async () => {
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const path = `${dir}/j.jsonl`;
  await Deno.writeTextFile(path, JSON.stringify(entry(1)) + "\n" + JSON.stringify(entry(2)).slice(0, 17));
  const journal = new Journal(path, { clock: new ManualClock() });
  await journal.open();
  journal.append([entry(2), entry(3)]);
  await journal.close();
  const rows = [];
  for await (const e of readJournal(path)) rows.push(e.row);
  assertEquals(rows, [1, 2, 3], "the resumed run's first line is readable: no row vanishes");
  if (Deno.build.os !== "windows") assertEquals((await Deno.stat(path)).mode! & 0o777, 0o600);
  assertEquals(await truncateTornTail(path), 0, "a clean file is left alone");
  await Deno.writeTextFile(path, '{"row":1', { append: false });
  assertEquals(await truncateTornTail(path), 8, "a file holding only a fragment is emptied");
  assertEquals(await Deno.readTextFile(path), "");
});

Deno.test("journal: lines wait for the flush interval on the clock, then reach the file", async () => {
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const path = `${dir}/j.jsonl`;
  const clock = new ManualClock(Date.UTC(2026, 0, 1), { autoAdvance: false });
  const journal = new Journal(path, { clock, intervalMs: 50 });
  await journal.open();
  journal.append([entry(1)]);
  await new Promise((r) => setTimeout(r, 10));
  assertEquals(await Deno.readTextFile(path), "", "nothing written before the interval");
  clock.advance(50);
  await new Promise((r) => setTimeout(r, 10));
  assertEquals((await Deno.readTextFile(path)).split("\n").length, 2);
  assertEquals(clock.sleeps, [50]);
  await journal.close();
});
