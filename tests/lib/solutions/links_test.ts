import { join } from "node:path";
import { UnsafePathError } from "../../../lib/fs/safe_tree.ts";
import { unpack, unzipRaw } from "../../../lib/solutions/mod.ts";
import { assert, assertEquals, assertIncludes, assertRejects } from "../../helpers/assert.ts";
import { minimalRoots, readTree, withTempDir, writeRawZip } from "./fixtures.ts";

async function names(dir: string): Promise<string[]> {
  return (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).sort();
}

/** out/ with a file, plus out/WebResources -> ../outside, and a solution that writes WebResources/. */
async function linkedTarget(dir: string): Promise<{ zip: string; out: string; outside: string }> {
  const outside = join(dir, "outside");
  const out = join(dir, "out");
  await Deno.mkdir(outside);
  await Deno.writeTextFile(join(outside, "keep.txt"), "not ppx's");
  await Deno.mkdir(out);
  await Deno.writeTextFile(join(out, "mine.txt"), "the user's");
  await Deno.symlink("../outside", join(out, "WebResources"));
  const zip = await writeRawZip(join(dir, "s.zip"), [
    ...minimalRoots(),
    { name: "WebResources/new_/evil.js", data: "written outside?" },
  ]);
  return { zip, out, outside };
}

for (const raw of [false, true]) {
  const mode = raw ? "raw" : "solution";
  Deno.test(`links (${mode}): a link inside the target is never written through`, async () => {
    await withTempDir(async (dir) => {
      const { zip, out, outside } = await linkedTarget(dir);
      const run = () =>
        raw ? unzipRaw(zip, out, { allowDelete: true }) : unpack(zip, out, { allowDelete: true });
      const error = await assertRejects(run, UnsafePathError, "symbolic link");
      assertEquals(error.entry, "WebResources");
      assertIncludes(error.message, join(out, "WebResources"));
      assertEquals(await names(outside), ["keep.txt"], "nothing was written outside");
      assertEquals(await Deno.readTextFile(join(outside, "keep.txt")), "not ppx's");
      assertEquals(await names(out), ["WebResources", "mine.txt"], "the target is unchanged");
      assertEquals(await names(dir), ["out", "outside", "s.zip"], "no staging folder left behind");
    });
  });
}

Deno.test("links: --allow-delete removes real files only, never a link or what it points to", async () => {
  await withTempDir(async (dir) => {
    const outside = join(dir, "outside");
    const out = join(dir, "out");
    await Deno.mkdir(outside);
    await Deno.writeTextFile(join(outside, "keep.txt"), "not ppx's");
    const zip = await writeRawZip(join(dir, "s.zip"), [...minimalRoots(), {
      name: "WebResources/a.js",
      data: "a",
    }]);
    await unpack(zip, out);
    await Deno.writeTextFile(join(out, "WebResources/stale.js"), "stale");
    await Deno.symlink("../outside", join(out, "Linked"));
    await Deno.symlink("../../outside/keep.txt", join(out, "WebResources/file-link.js"));
    const result = await unpack(zip, out, { allowDelete: true });
    assertEquals(result.deleted, ["WebResources/stale.js"]);
    assertEquals(result.links, ["Linked", "WebResources/file-link.js"]);
    assertEquals(await names(outside), ["keep.txt"]);
    assertEquals(await Deno.readTextFile(join(outside, "keep.txt")), "not ppx's");
    assert((await Deno.lstat(join(out, "Linked"))).isSymlink, "the folder link is kept");
    assert((await Deno.lstat(join(out, "WebResources/file-link.js"))).isSymlink, "the file link is kept");
    assertEquals([...(await readTree(join(out, "WebResources"))).keys()].sort(), ["a.js", "file-link.js"]);
  });
});

Deno.test("links: a link where the unpack writes a file is refused, the target unchanged", async () => {
  await withTempDir(async (dir) => {
    const zip = await writeRawZip(join(dir, "s.zip"), [...minimalRoots(), {
      name: "WebResources/a.js",
      data: "a",
    }]);
    const out = join(dir, "out");
    await unpack(zip, out);
    await Deno.writeTextFile(join(dir, "secret.txt"), "secret");
    await Deno.remove(join(out, "WebResources/a.js"));
    await Deno.symlink("../../secret.txt", join(out, "WebResources/a.js"));
    const error = await assertRejects(
      () => unpack(zip, out),
      UnsafePathError,
      "does not write or delete through links",
    );
    assertEquals(error.entry, "WebResources/a.js");
    assertEquals(await Deno.readTextFile(join(dir, "secret.txt")), "secret");
  });
});

Deno.test("links: reserved Windows names in an archive are refused, naming the entry", async () => {
  await withTempDir(async (dir) => {
    const zip = await writeRawZip(join(dir, "s.zip"), [...minimalRoots(), {
      name: "WebResources/aux.js",
      data: "a",
    }]);
    const error = await assertRejects(
      () => unpack(zip, join(dir, "out")),
      UnsafePathError,
      "WebResources/aux.js",
    );
    assertIncludes(error.message, "reserved Windows name");
    assertEquals(await names(dir), ["s.zip"]);
  });
});
