import { join } from "node:path";
import { assert, assertEquals, assertIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { assertSameSolution, buildSolution, readTree, withTempDir } from "../lib/solutions/fixtures.ts";

Deno.test("cli: solution unpack/pack with pac flags round-trips and reports JSON", async () => {
  await withTempDir(async (dir) => {
    const zip = await buildSolution(dir);
    const un = await runPpx([
      "solution",
      "unpack",
      "--zipfile",
      zip,
      "--folder",
      join(dir, "src"),
      "--process-canvas-apps",
      "--json",
    ]);
    assertEquals(un.code, 0, un.stderr);
    const unJson = JSON.parse(un.stdout);
    assertEquals(unJson.solution.uniqueName, "ContosoOrders");
    assert(unJson.written.includes("Other/Solution.xml"));
    const packed = await runPpx([
      "solution",
      "pack",
      "--folder",
      join(dir, "src"),
      "--zipfile",
      join(dir, "out.zip"),
      "--processCanvasApps",
      "--json",
    ]);
    assertEquals(packed.code, 0, packed.stderr);
    assertEquals(JSON.parse(packed.stdout).zipfiles, [join(dir, "out.zip")]);
    await assertSameSolution(join(dir, "out.zip"), zip, dir);
  });
});

Deno.test("cli: PACX names unpack-sp/pack-sp with --file, --out and --src work, paths relative to cwd", async () => {
  await withTempDir(async (dir) => {
    await buildSolution(dir);
    const un = await runPpx(["solution", "unpack-sp", "--file", "ContosoOrders.zip", "--out", "tree"], {
      cwd: dir,
    });
    assertEquals(un.code, 0, un.stderr);
    assertIncludes(un.stdout, "ContosoOrders");
    const packed = await runPpx(["solution", "pack-sp", "--src", "tree", "--out", "again.zip"], { cwd: dir });
    assertEquals(packed.code, 0, packed.stderr);
    await assertSameSolution(join(dir, "again.zip"), join(dir, "ContosoOrders.zip"), dir);
  });
});

Deno.test("cli: --raw is a plain unzip and zip", async () => {
  await withTempDir(async (dir) => {
    const zip = await buildSolution(dir);
    const un = await runPpx([
      "solution",
      "unpack",
      "--raw",
      "--zipfile",
      zip,
      "--folder",
      join(dir, "raw"),
      "--json",
    ]);
    assertEquals(un.code, 0, un.stderr);
    const tree = await readTree(join(dir, "raw"));
    assert(
      tree.has("customizations.xml") && tree.has("[Content_Types].xml"),
      "entries extracted as they are",
    );
    const packed = await runPpx([
      "solution",
      "pack",
      "--raw",
      "--folder",
      join(dir, "raw"),
      "--zipfile",
      join(dir, "raw.zip"),
    ]);
    assertEquals(packed.code, 0, packed.stderr);
  });
});

Deno.test("cli: usage and input errors exit 2 with a hint and no stack trace", async () => {
  await withTempDir(async (dir) => {
    const missing = await runPpx(["solution", "unpack", "--folder", dir]);
    assertEquals(missing.code, 2);
    assertIncludes(missing.stderr, "--zipfile");
    const badType = await runPpx(["solution", "pack", "--folder", dir, "--packagetype", "Half"]);
    assertEquals(badType.code, 2);
    assertIncludes(badType.stderr, "Unmanaged, Managed, Both");
    await Deno.writeTextFile(join(dir, "x.zip"), "not a zip".repeat(200));
    const notZip = await runPpx([
      "solution",
      "unpack",
      "--zipfile",
      join(dir, "x.zip"),
      "--folder",
      join(dir, "o"),
    ]);
    assertEquals(notZip.code, 2);
    assertIncludes(notZip.stderr, "is not a zip archive");
    assert(!notZip.stderr.includes("    at "), "no stack trace");
  });
});

Deno.test("cli: pac's valued switches (--allowDelete true|No, --allowWrite false, --processCanvasApps true)", async () => {
  await withTempDir(async (dir) => {
    const zip = await buildSolution(dir);
    const folder = join(dir, "src");
    const unpack = (...flags: string[]) =>
      runPpx(["solution", "unpack", "--zipfile", zip, "--folder", folder, ...flags, "--json"]);
    const first = await unpack("--processCanvasApps", "true", "--allowDelete", "true");
    assertEquals(first.code, 0, first.stderr);
    assert(JSON.parse(first.stdout).written.some((p: string) => p.startsWith("CanvasApps/src/")));
    await Deno.writeTextFile(join(folder, "stray.txt"), "not from the zip");
    // --allowWrite false is a dry run: the stray file would go, but nothing is touched.
    const dry = await unpack("--processCanvasApps", "--allowDelete", "yes", "--allowWrite", "false");
    assertEquals(dry.code, 0, dry.stderr);
    assertEquals(JSON.parse(dry.stdout).dryRun, true);
    assert(JSON.parse(dry.stdout).deleted.includes("stray.txt"), dry.stdout);
    assertEquals(await Deno.readTextFile(join(folder, "stray.txt")), "not from the zip");
    // --allowDelete No keeps files the unpack did not write.
    const keep = await unpack("--processCanvasApps", "--allowDelete", "No");
    assertEquals(keep.code, 0, keep.stderr);
    assertEquals(JSON.parse(keep.stdout).deleted, []);
    assertEquals(await Deno.readTextFile(join(folder, "stray.txt")), "not from the zip");
    const bad = await unpack("--allowDelete", "maybe");
    assertEquals(bad.code, 2);
    assertIncludes(bad.stderr, "--allowDelete must be true, false, yes or no");
  });
});
