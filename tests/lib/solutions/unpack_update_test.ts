import { join } from "node:path";
import { pack, unpack } from "../../../lib/solutions/mod.ts";
import { assert, assertEquals } from "../../helpers/assert.ts";
import { assertSameSolution, buildSolution, equal, readTree, withTempDir } from "./fixtures.ts";

async function mtimes(root: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const rel of (await readTree(root)).keys()) {
    out.set(rel, (await Deno.stat(join(root, rel))).mtime!.getTime());
  }
  return out;
}

Deno.test("unpack: a second unpack changes nothing, even with --allow-delete and canvas apps", async () => {
  await withTempDir(async (dir) => {
    const zip = await buildSolution(dir);
    const src = join(dir, "src");
    const options = { processCanvasApps: true, allowDelete: true };
    const first = await unpack(zip, src, options);
    const before = await readTree(src);
    const times = await mtimes(src);
    await new Promise((r) => setTimeout(r, 20));
    const second = await unpack(zip, src, options);
    assertEquals(second.written, []);
    assertEquals(second.deleted, []);
    assertEquals(second.unchanged, first.written.length);
    const after = await readTree(src);
    assertEquals([...after.keys()].sort(), [...before.keys()].sort());
    for (const [k, v] of before) assert(equal(after.get(k)!, v), `${k} changed`);
    assertEquals([...await mtimes(src)], [...times], "no file was rewritten");
  });
});

Deno.test("unpack: into an existing folder replaces changed files and keeps the user's own", async () => {
  await withTempDir(async (dir) => {
    const zip = await buildSolution(dir);
    const src = join(dir, "src");
    await unpack(zip, src);
    await Deno.writeTextFile(join(src, "README.md"), "mine");
    await Deno.writeTextFile(join(src, ".gitattributes"), "* text=auto");
    await Deno.writeTextFile(join(src, "Roles/Old role.xml"), "<Role />");
    await Deno.writeTextFile(join(src, "Other/Solution.xml"), "<edited />");
    const result = await unpack(zip, src);
    assertEquals(result.written, ["Other/Solution.xml"]);
    assertEquals(result.deleted, [], "nothing is deleted without --allow-delete");
    assert((await readTree(src)).has("Roles/Old role.xml"));
    const pruned = await unpack(zip, src, { allowDelete: true });
    assertEquals(pruned.deleted.sort(), ["README.md", "Roles/Old role.xml"]);
    assertEquals(
      await Deno.readTextFile(join(src, ".gitattributes")),
      "* text=auto",
      "dot-files are never deleted",
    );
  });
});

Deno.test("unpack: read-only files are left alone unless --clobber", async () => {
  await withTempDir(async (dir) => {
    const zip = await buildSolution(dir);
    const src = join(dir, "src");
    await unpack(zip, src);
    const file = join(src, "OptionSets/new_colour.xml");
    await Deno.writeTextFile(file, "<stale />");
    await Deno.chmod(file, 0o444);
    const kept = await unpack(zip, src);
    assertEquals(kept.skipped, ["OptionSets/new_colour.xml"]);
    assertEquals(await Deno.readTextFile(file), "<stale />");
    const clobbered = await unpack(zip, src, { clobber: true });
    assertEquals(clobbered.written, ["OptionSets/new_colour.xml"]);
  });
});

Deno.test("unpack: --dry-run reports the changes and writes nothing", async () => {
  await withTempDir(async (dir) => {
    const zip = await buildSolution(dir);
    const src = join(dir, "src");
    const fresh = await unpack(zip, src, { dryRun: true });
    assert(fresh.written.length > 20);
    assert(!(await Deno.stat(src).then(() => true, () => false)), "no folder created");
    assertEquals((await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name), ["ContosoOrders.zip"]);
  });
});

Deno.test("map: unpack skips mapped files and pack reads them from the mapped place", async () => {
  await withTempDir(async (dir) => {
    const zip = await buildSolution(dir);
    const src = join(dir, "solution", "src");
    const web = join(dir, "web", "dist");
    await Deno.mkdir(join(web, "new_", "scripts"), { recursive: true });
    await Deno.writeTextFile(join(web, "new_", "scripts", "main.js"), "console.log('hi');\r\n");
    await Deno.mkdir(join(dir, "plugins", "bin", "Release"), { recursive: true });
    const original = (await readTree(await unpackTo(zip, join(dir, "plain"))))
      .get("PluginAssemblies/ContosoPlugins-D4000000-0000-0000-0000-000000000001/ContosoPlugins.dll")!;
    await Deno.writeFile(join(dir, "plugins", "bin", "Release", "ContosoPlugins.dll"), original);
    const mapFile = join(dir, "map.xml");
    await Deno.writeTextFile(
      mapFile,
      `<?xml version="1.0" encoding="utf-8"?>
<Mapping>
  <FileToFile map="PluginAssemblies\\**\\ContosoPlugins.dll" to="..\\..\\plugins\\bin\\**\\ContosoPlugins.dll" />
  <FileToPath map="WebResources\\**\\*.js" to="%WEB_ROOT%\\**" />
</Mapping>`,
    );
    const env = { get: (n: string) => (n === "WEB_ROOT" ? web : undefined), toObject: () => ({}) };
    const result = await unpack(zip, src, { map: mapFile, env });
    assertEquals(result.mapped.sort(), [
      "PluginAssemblies/ContosoPlugins-D4000000-0000-0000-0000-000000000001/ContosoPlugins.dll",
      "WebResources/new_/scripts/main.js",
    ]);
    const tree = await readTree(src);
    assert(!tree.has("WebResources/new_/scripts/main.js"), "mapped file not written");
    await pack(src, join(dir, "out.zip"), { map: mapFile, env });
    await assertSameSolution(join(dir, "out.zip"), zip, dir);
  });
});

async function unpackTo(zip: string, folder: string): Promise<string> {
  await unpack(zip, folder);
  return folder;
}
