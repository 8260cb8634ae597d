/**
 * Unpack writes its files several at a time, spread over their folders (lib/solutions/packager/unpack.ts):
 * the tree is the same as one written in order, and a write that fails while others are in flight
 * leaves no partial output, no staging folder, and names the file.
 */

import { join } from "node:path";
import { unpack } from "../../../lib/solutions/mod.ts";
import { Pool } from "../../../lib/solutions/packager/pool.ts";
import { assertEquals, assertRejects } from "../../helpers/assert.ts";
import { bytes, minimalRoots, readTree, withTempDir, writeZip } from "./fixtures.ts";

async function names(dir: string): Promise<string[]> {
  return (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).sort();
}

/** 400 files in 40 folders of varying size, plus `extra` entries. */
function manyEntries(extra: [string, Uint8Array][] = []): [string, Uint8Array][] {
  const entries: [string, Uint8Array][] = minimalRoots().map((
    r,
  ) => [r.name, new TextEncoder().encode(r.data)]);
  for (let i = 0; i < 400; i++) {
    const folder = i < 200 ? "Assets/big" : `Assets/f${i % 39}`;
    entries.push([`${folder}/file${i}.bin`, bytes(i % 5 === 0 ? 300 * 1024 : 512 + i, i + 1)]);
  }
  return [...entries, ...extra];
}

Deno.test("unpack writes: many files in many folders arrive complete, each with its own bytes", async () => {
  await withTempDir(async (dir) => {
    const entries = manyEntries();
    const zip = await writeZip(join(dir, "Many.zip"), entries);
    const out = join(dir, "out");
    const result = await unpack(zip, out);
    const tree = await readTree(out);
    for (const [name, data] of entries.slice(2)) {
      assertEquals(tree.get(name), data, name);
    }
    assertEquals(result.written.length, tree.size);
    assertEquals(await names(dir), ["Many.zip", "out"], "no staging folder left");
  });
});

Deno.test("unpack writes: one write failing among many leaves no output and names the file", async () => {
  await withTempDir(async (dir) => {
    // `Blocker/x` is a file and also the folder of `Blocker/x/y`: whichever is written second fails,
    // while other writes are in flight.
    const zip = await writeZip(
      join(dir, "Broken.zip"),
      manyEntries([["Blocker/x", bytes(100, 7)], ["Blocker/x/y", bytes(100, 8)]]),
    );
    await assertRejects(() => unpack(zip, join(dir, "out")), Error, "Blocker/x");
    assertEquals(await names(dir), ["Broken.zip"], "no output and no staging folder left behind");
  });
});

Deno.test("unpack writes: a failed unpack into an existing folder leaves it exactly as it was", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "out");
    await unpack(await writeZip(join(dir, "Good.zip"), manyEntries()), out);
    const before = await readTree(out);
    const zip = await writeZip(
      join(dir, "Broken.zip"),
      manyEntries([["Blocker/x", bytes(100, 7)], ["Blocker/x/y", bytes(100, 8)]]),
    );
    await assertRejects(() => unpack(zip, out, { allowDelete: true }), Error, "Blocker/x");
    assertEquals(await readTree(out), before);
    assertEquals(await names(dir), ["Broken.zip", "Good.zip", "out"]);
  });
});

Deno.test("pool: a task that throws before its first await is reported by drain, after the others finish", async () => {
  const pool = new Pool(4);
  const finished: number[] = [];
  const slow = (n: number) => async () => {
    await new Promise((r) => setTimeout(r, 20));
    finished.push(n);
  };
  await pool.add(slow(1));
  await pool.add(slow(2));
  await pool.add(() => {
    throw new Error("sync failure");
  });
  await assertRejects(() => pool.add(slow(3)), Error, "sync failure");
  await assertRejects(() => pool.drain(), Error, "sync failure");
  assertEquals(finished.sort(), [1, 2], "tasks in flight finished before drain reported the failure");
});
