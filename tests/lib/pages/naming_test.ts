import { assert, assertEquals } from "../../helpers/assert.ts";
import { fileBase, NameAllocator, slugOf } from "../../../lib/pages/naming.ts";
import { writeSiteFolder } from "../../../lib/pages/folder.ts";
import { layoutSite } from "../../../lib/pages/layout.ts";
import { table } from "../../../lib/pages/tables.ts";
import type { Site } from "../../../lib/pages/model.ts";
import { UnsafePathError } from "../../../lib/fs/safe_tree.ts";

Deno.test("pages naming: record names become safe file names (no traversal, no reserved names)", () => {
  assertEquals(fileBase("About us", "id"), "About-us");
  assertEquals(fileBase("Account/Sign In", "id"), "Account-Sign-In");
  assertEquals(fileBase("../../etc/passwd", "id"), "..-..-etc-passwd");
  assertEquals(fileBase("..", "fallback"), "fallback");
  assertEquals(fileBase("CON", "id"), "_CON");
  assertEquals(fileBase("aux.txt", "id"), "_aux.txt");
  assertEquals(fileBase("a:b*c?", "id"), "a_b_c_");
  assertEquals(fileBase("100% 关于", "id"), "100%-关于");
  assertEquals(slugOf("About-Us"), "about-us");
});

Deno.test("pages naming: names that differ only by case get a -(2) suffix", () => {
  const names = new NameAllocator();
  assertEquals(names.allocate("web-pages", "home"), "home");
  assertEquals(names.allocate("web-pages", "Home"), "Home-(2)");
  assertEquals(names.allocate("web-pages", "HOME"), "HOME-(3)");
  assertEquals(names.allocate("web-templates", "home"), "home");
});

const site = (names: string[]): Site => ({
  model: "standard",
  websiteId: "00000000-0000-4000-8000-000000000001",
  records: [
    { table: table("website"), id: "00000000-0000-4000-8000-000000000001", fields: { adx_name: "S" } },
    ...names.map((name, i) => ({
      table: table("pagetemplate"),
      id: `00000000-0000-4000-8000-00000000010${i}`,
      fields: { adx_name: name },
    })),
  ],
});

Deno.test("pages layout: hostile record names stay inside the folder; case clashes are renamed", async () => {
  const dir = await Deno.makeTempDir();
  const files = layoutSite(site(["../../escape", "CON", "Page", "page"]));
  const paths = files.map((f) => f.path);
  assert(paths.every((p) => !p.split("/").includes("..")), paths.join("\n"));
  assert(paths.includes("page-templates/_CON.pagetemplate.yml"), paths.join("\n"));
  assert(paths.includes("page-templates/page-(2).pagetemplate.yml"), paths.join("\n"));
  await writeSiteFolder(dir, files);
  for await (const e of Deno.readDir(`${dir}/..`)) assert(e.name !== "escape.pagetemplate.yml");
});

Deno.test("pages folder writer: refuses traversal, reserved names and links before writing anything", async () => {
  const dir = await Deno.makeTempDir();
  for (const path of ["../outside.yml", "web-files/CON", "/abs.yml", "web-files/nul.txt"]) {
    let error: unknown;
    try {
      await writeSiteFolder(dir, [
        { path: "website.yml", kind: "text", text: "x", owners: [] },
        { path, kind: "text", text: "x", owners: [] },
      ]);
    } catch (e) {
      error = e;
    }
    assert(error instanceof UnsafePathError, `${path}: ${error}`);
    const left = [];
    for await (const e of Deno.readDir(dir)) left.push(e.name);
    assertEquals(left, [], `${path}: nothing written`);
  }
  const outside = await Deno.makeTempDir();
  await Deno.symlink(outside, `${dir}/web-files`);
  let linkError: unknown;
  try {
    await writeSiteFolder(dir, [{ path: "web-files/logo.png", kind: "text", text: "x", owners: [] }]);
  } catch (e) {
    linkError = e;
  }
  assert(linkError instanceof UnsafePathError, String(linkError));
  for await (const _ of Deno.readDir(outside)) throw new Error("wrote through the link");
});
