import { tempDir } from "../../helpers/fixtures.ts";
import { assert, assertEquals, assertIncludes, assertRejects } from "../../helpers/assert.ts";
import { withLock } from "../../../lib/config/lock.ts";
import { ConfigLockedError } from "../../../lib/config/errors.ts";

async function withDir(fn: (dir: string) => Promise<void>) {
  await using dirFixture = await tempDir("ppx-lock-");
  const dir = dirFixture.path;
  await fn(dir);
}

Deno.test("a lock held by a live process is waited for, then reported with its owner", async () => {
  await withDir(async (dir) => {
    const lock = `${dir}/config.json.lock`;
    // Owned by this (live) test process under another token: not stale.
    await Deno.writeTextFile(
      lock,
      JSON.stringify({ pid: Deno.pid, host: "", token: "other", created: Date.now() }),
    );
    const error = await assertRejects(
      () => withLock(lock, () => Promise.resolve(1), { timeoutMs: 300 }),
      ConfigLockedError,
    );
    assertIncludes(error.message, `process ${Deno.pid}`);
    assertIncludes(error.hint!, "delete the lock file");
    assert(await Deno.stat(lock), "someone else's lock is left alone");
  });
});

Deno.test("an old lock is stale whatever its owner; a released lock file is removed", async () => {
  await withDir(async (dir) => {
    const lock = `${dir}/config.json.lock`;
    await Deno.writeTextFile(
      lock,
      JSON.stringify({ pid: Deno.pid, host: "elsewhere", token: "t", created: Date.now() - 60_000 }),
    );
    assertEquals(await withLock(lock, () => Promise.resolve("ran"), { timeoutMs: 2_000 }), "ran");
    assertEquals([...Deno.readDirSync(dir)].length, 0);
  });
});

Deno.test("withLock serialises concurrent callers in one process too", async () => {
  await withDir(async (dir) => {
    const lock = `${dir}/l.lock`;
    let inside = 0;
    let maxInside = 0;
    await Promise.all(Array.from({ length: 8 }, () =>
      withLock(lock, async () => {
        maxInside = Math.max(maxInside, ++inside);
        await new Promise((r) => setTimeout(r, 5));
        inside--;
      })));
    assertEquals(maxInside, 1);
  });
});
