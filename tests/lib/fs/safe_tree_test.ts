import { join } from "node:path";
import { checkRelativePath, safeRelativePath, SafeTree, UnsafePathError } from "../../../lib/fs/safe_tree.ts";
import { ValidationError } from "../../../lib/errors.ts";
import { assert, assertEquals, assertRejects } from "../../helpers/assert.ts";
import { tempDir } from "../../helpers/fixtures.ts";

/** assertRejects for a synchronous call. */
function assertThrows<E extends Error>(
  fn: () => unknown,
  // deno-lint-ignore no-explicit-any
  type: new (...args: any[]) => E,
  includes?: string,
): Promise<E> {
  return assertRejects(async () => await fn(), type, includes);
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  await using dirTemp = await tempDir("ppx-safe-");
  const dir = dirTemp.path;
  await fn(dir);
}

async function names(dir: string): Promise<string[]> {
  return (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).sort();
}

const enc = new TextEncoder();

Deno.test("safe tree: names are checked and normalised", async () => {
  assertEquals(safeRelativePath("a\\b/./c.js"), "a/b/c.js");
  assertEquals(safeRelativePath("a/b/"), "a/b");
  const cases: [string, string][] = [
    ["../x", "traversal"],
    ["a/../../x", "traversal"],
    ["/etc/passwd", "absolute"],
    ["C:/Windows/x", "absolute"],
    ["\\\\server\\share\\x", "absolute"],
    ["a//b", "empty"],
    ["a/\0b", "character"],
    ["WebResources/CON", "reserved"],
    ["WebResources/aux.js", "reserved"],
    ["lpt1.txt", "reserved"],
    ["com¹", "reserved"],
    ["a/b:c", "character"],
    ["a/b?", "character"],
    ["a/name.", "character"],
    ["a/name ", "character"],
    ["a/\x07bell", "character"],
  ];
  for (const [rel, reason] of cases) {
    const check = checkRelativePath(rel);
    assert(!check.ok && check.reason === reason, `${JSON.stringify(rel)}: ${JSON.stringify(check)}`);
    const error = await assertThrows(() => safeRelativePath(rel), UnsafePathError);
    assert(error instanceof ValidationError);
    assert(error.message.includes(rel), `the message names the entry: ${error.message}`);
    assertEquals(error.entry, rel);
  }
  // Names merely containing a reserved word are fine.
  assertEquals(safeRelativePath("console/auxiliary.js"), "console/auxiliary.js");
});

Deno.test("safe tree: names differing only in case are refused, the same name twice is not", async () => {
  await withDir(async (dir) => {
    const tree = await SafeTree.open(dir);
    tree.claim("WebResources/a.js");
    tree.claim("WebResources/a.js");
    const error = await assertThrows(
      () => tree.claim("webresources/A.js"),
      UnsafePathError,
      "differ only in case",
    );
    assertEquals(error.reason, "case");
  });
});

Deno.test("safe tree: writes atomically into new folders and leaves no temporary file", async () => {
  await withDir(async (dir) => {
    const tree = await SafeTree.open(join(dir, "out"), { create: true });
    await tree.writeFile("a/b/c.txt", enc.encode("one"));
    await tree.writeFile("a/b/c.txt", enc.encode("two"));
    await tree.writeFile(
      "a/s.txt",
      new ReadableStream({
        start(c) {
          c.enqueue(enc.encode("stream"));
          c.close();
        },
      }),
    );
    assertEquals(await Deno.readTextFile(join(dir, "out/a/b/c.txt")), "two");
    assertEquals(await Deno.readTextFile(join(dir, "out/a/s.txt")), "stream");
    assertEquals(await names(join(dir, "out/a/b")), ["c.txt"]);
    assertEquals(await tree.list(), { files: ["a/b/c.txt", "a/s.txt"], links: [] });
  });
});

Deno.test("safe tree: a link to a folder outside is never written through", async () => {
  await withDir(async (dir) => {
    await Deno.mkdir(join(dir, "outside"));
    await Deno.mkdir(join(dir, "out"));
    await Deno.symlink("../outside", join(dir, "out/WebResources"));
    const tree = await SafeTree.open(join(dir, "out"));
    const error = await assertRejects(
      () => tree.writeFile("WebResources/evil.js", enc.encode("x")),
      UnsafePathError,
      "WebResources",
    );
    assertEquals(error.reason, "link");
    assertEquals(error.entry, "WebResources");
    await assertThrows(() => tree.ensureFolder("WebResources/sub"), UnsafePathError, "symbolic link");
    await assertThrows(() => tree.assertWritable("WebResources/a/b.js"), UnsafePathError, "symbolic link");
    await assertThrows(() => tree.moveInSync(join(dir, "nothing"), "WebResources/x"), UnsafePathError);
    assertEquals(await names(join(dir, "outside")), [], "nothing was written outside");
    assertEquals(await tree.list(), { files: [], links: ["WebResources"] });
  });
});

Deno.test("safe tree: a link as the file itself is neither replaced nor removed, nor its target", async () => {
  await withDir(async (dir) => {
    await Deno.writeTextFile(join(dir, "secret.txt"), "keep");
    await Deno.mkdir(join(dir, "out"));
    await Deno.symlink("../secret.txt", join(dir, "out/a.txt"));
    await Deno.writeTextFile(join(dir, "out/real.txt"), "x");
    const tree = await SafeTree.open(join(dir, "out"));
    await assertRejects(() => tree.writeFile("a.txt", enc.encode("x")), UnsafePathError, "link");
    await assertRejects(() => tree.removeFile("a.txt"), UnsafePathError, "link");
    assertEquals(await Deno.readTextFile(join(dir, "secret.txt")), "keep");
    assert((await Deno.lstat(join(dir, "out/a.txt"))).isSymlink, "the link itself is kept too");
    assertEquals(await tree.removeFile("real.txt"), true);
    assertEquals(await tree.removeFile("real.txt"), false);
    await assertRejects(() => tree.writeFile("../x.txt", enc.encode("x")), UnsafePathError, "outside");
    assertEquals(await names(dir), ["out", "secret.txt"]);
  });
});

Deno.test("safe tree: a file where a folder is needed is reported, empty folders are pruned", async () => {
  await withDir(async (dir) => {
    const tree = await SafeTree.open(dir);
    await tree.writeFile("a", enc.encode("x"));
    await assertRejects(
      () => tree.writeFile("a/b.txt", enc.encode("x")),
      UnsafePathError,
      "a folder is needed",
    );
    await tree.writeFile("d/e/f.txt", enc.encode("x"));
    assertEquals(await tree.removeEmptyFolder("d/e"), false);
    await tree.removeFile("d/e/f.txt");
    assertEquals(await tree.removeEmptyFolder("d/e"), true);
    await assertRejects(() => SafeTree.open(join(dir, "a")), UnsafePathError, "not a folder");
  });
});
