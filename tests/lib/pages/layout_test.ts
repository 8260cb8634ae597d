import { assert, assertEquals } from "../../helpers/assert.ts";
import { detectFolder, readSiteFolder } from "../../../lib/pages/folder.ts";
import { layoutSite } from "../../../lib/pages/layout.ts";
import { manifestName, readManifest, writeManifest } from "../../../lib/pages/manifest.ts";
import { toModel } from "../../../lib/pages/remote.ts";
import { toYaml } from "../../../lib/pages/yaml.ts";
import { ENHANCED_SITE, IDS, STANDARD_SITE, writeFixture } from "../../fixtures/pages/sites.ts";

Deno.test("pages yaml: pac's style — sorted keys, flush sequences, single quotes where needed, empty nulls", () => {
  assertEquals(
    toYaml({
      value: "*",
      name: "Webapi/contact/fields",
      parentpageid: null,
      roles: ["a", "b"],
      n: 1,
      t: "true",
    }),
    "n: 1\nname: Webapi/contact/fields\nparentpageid:\nroles:\n- a\n- b\nt: 'true'\nvalue: '*'\n",
  );
});

Deno.test("pages folder: the model of a folder is detected (standard, enhanced, enhanced nested)", async () => {
  const standard = await Deno.makeTempDir();
  await writeFixture(standard, STANDARD_SITE);
  assertEquals((await detectFolder(standard))?.model, "standard");
  const enhanced = await Deno.makeTempDir();
  await writeFixture(enhanced, ENHANCED_SITE);
  const found = await detectFolder(enhanced);
  assertEquals(found?.model, "enhanced");
  assert(found!.siteRoot.endsWith(".powerpages-site"));
  assertEquals((await detectFolder(found!.siteRoot))?.model, "enhanced");
  assertEquals(await detectFolder(await Deno.makeTempDir()), undefined);
});

Deno.test("pages layout: the same site in any record order lays out the same files", async () => {
  const dir = await Deno.makeTempDir();
  await writeFixture(dir, STANDARD_SITE);
  const site = await readSiteFolder((await detectFolder(dir))!);
  const a = layoutSite(site);
  const b = layoutSite({ ...site, records: [...site.records].reverse() });
  assertEquals(b.map((f) => f.path), a.map((f) => f.path));
  assertEquals(
    JSON.stringify(b.map((f) => f.kind === "yaml" ? f.data : f.path)),
    JSON.stringify(a.map((f) => f.kind === "yaml" ? f.data : f.path)),
  );
});

Deno.test("pages layout: a standard site laid out in the enhanced model uses pac's enhanced paths", async () => {
  const dir = await Deno.makeTempDir();
  await writeFixture(dir, STANDARD_SITE);
  const site = await readSiteFolder((await detectFolder(dir))!);
  const enhanced = layoutSite({
    ...site,
    model: "enhanced",
    records: site.records.map((r) => toModel(r, "enhanced")),
  });
  const paths = enhanced.map((f) => f.path);
  for (
    const p of [
      "website-accesss/Editors.websiteaccess.yml",
      "site-settings/Webapi-contact-fields.sitesetting.yml",
      "web-pages/home/content-pages/en-US/Home.webpage.yml",
      "web-pages/home/Home.webpage.custom_javascript.js",
      "web-files/logo.png/logo.png",
      "weblink-sets/primary-navigation/en-US/Home.weblink.yml",
      ".portalconfig/English.portallanguage.yml",
    ]
  ) assert(paths.includes(p), `${p} in\n${paths.join("\n")}`);
});

Deno.test("pages manifest: pac's shape, one file per org host, entries sorted", async () => {
  const dir = await Deno.makeTempDir();
  const url = "https://contoso.crm4.dynamics.com";
  await writeManifest(dir, url, {
    adx_webpage: [
      { RecordId: IDS.about, DisplayName: "About", CheckSum: "b".repeat(64), IsDeleted: false },
      { RecordId: IDS.home, DisplayName: "Home: start", CheckSum: "a".repeat(64), IsDeleted: false },
    ],
  });
  assertEquals(manifestName(url), ".portalconfig/contoso.crm4.dynamics.com-manifest.yml");
  assertEquals(
    await Deno.readTextFile(`${dir}/${manifestName(url)}`),
    `adx_webpage:\n- RecordId: ${IDS.home}\n  DisplayName: 'Home: start'\n  CheckSum: ${
      "a".repeat(64)
    }\n  IsDeleted: false\n` +
      `- RecordId: ${IDS.about}\n  DisplayName: About\n  CheckSum: ${"b".repeat(64)}\n  IsDeleted: false\n`,
  );
  assertEquals((await readManifest(dir, url)).adx_webpage.length, 2);
  assertEquals(await readManifest(dir, "http://127.0.0.1:8080"), {});
});

Deno.test("pages tables: --include/--exclude-entities take keys, adx_ names, entity sets and folders", async () => {
  const { selectTables } = await import("../../../lib/pages/select.ts");
  assertEquals(selectTables(undefined, undefined), undefined);
  assertEquals([...selectTables(["web-pages", "adx_sitesettings"], undefined)!].sort(), [
    "sitesetting",
    "webpage",
    "website",
  ]);
  assertEquals([...selectTables(["weblink"], undefined)!].sort(), ["weblink", "weblinkset", "website"]);
  assert(!selectTables(undefined, ["webfile"])!.has("webfile"));
});
