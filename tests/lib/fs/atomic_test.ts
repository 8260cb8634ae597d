import assert from "node:assert/strict";
import { writeFileAtomic } from "../../../lib/fs/atomic.ts";
import { tempDir } from "../../helpers/fixtures.ts";

Deno.test("writeFileAtomic replaces a file and leaves no temp file", async () => {
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const path = `${dir}/a.txt`;
  await writeFileAtomic(path, "one");
  await writeFileAtomic(path, new TextEncoder().encode("two"));
  assert.equal(await Deno.readTextFile(path), "two");
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["a.txt"]);
});

Deno.test("writeFileAtomic without overwrite refuses an existing file, also one that appears mid-write", async () => {
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const path = `${dir}/sub/a.zip`;
  await writeFileAtomic(path, "first", { overwrite: false, mkdirs: true });
  await assert.rejects(writeFileAtomic(path, "second", { overwrite: false }), Deno.errors.AlreadyExists);
  const late = `${dir}/late.zip`;
  await assert.rejects(
    writeFileAtomic(late, "mine", {
      overwrite: false,
      beforeRename: () => Deno.writeTextFile(late, "theirs"),
    }),
    Deno.errors.AlreadyExists,
  );
  assert.equal(await Deno.readTextFile(late), "theirs");
  assert.equal(await Deno.readTextFile(path), "first");
});

Deno.test({
  name: "writeFileAtomic creates the file with the asked mode from the start",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    await using dirTemp = await tempDir();
    const dir = dirTemp.path;
    let tempMode: number | null = null;
    await writeFileAtomic(`${dir}/s`, "secret", {
      mode: 0o600,
      beforeRename: async (temp) => void (tempMode = (await Deno.stat(temp)).mode),
    });
    assert.equal(tempMode! & 0o777, 0o600);
    assert.equal((await Deno.stat(`${dir}/s`)).mode! & 0o777, 0o600);
  },
});
