import { join } from "node:path";
import { canonicalSolutionXml, pack, unpack } from "../../../lib/solutions/mod.ts";
import { assert, assertEquals, assertIncludes } from "../../helpers/assert.ts";
import { assertSameSolution, buildSolution, equal, readTree, withTempDir, zipEntries } from "./fixtures.ts";

const dec = new TextDecoder();
const text = async (path: string) => dec.decode(await Deno.readFile(path));

Deno.test("round trip: unpack then pack gives the same unmanaged solution", async () => {
  await withTempDir(async (dir) => {
    const zip = await buildSolution(dir);
    await unpack(zip, join(dir, "src"));
    const result = await pack(join(dir, "src"), join(dir, "out.zip"));
    assertEquals(result.packageType, "Unmanaged");
    assertEquals(result.solution.uniqueName, "ContosoOrders");
    await assertSameSolution(join(dir, "out.zip"), zip, dir);
  });
});

Deno.test("round trip: the tree has SolutionPackager's layout for every component folder", async () => {
  await withTempDir(async (dir) => {
    const src = join(dir, "src");
    await unpack(await buildSolution(dir), src);
    const files = [...(await readTree(src)).keys()];
    for (
      const path of [
        "Other/Solution.xml",
        "Other/Customizations.xml",
        "Other/Relationships.xml",
        "Other/EntityMaps.xml",
        "Other/FieldSecurityProfiles.xml",
        "Entities/account/Entity.xml",
        "Entities/account/RibbonDiff.xml",
        "Entities/account/FormXml/main/{8448b78f-8f42-454e-8e2a-f8196b0419af}.xml",
        "Entities/account/FormXml/quick/{0b000000-0000-0000-0000-00000000000b}.xml",
        "Entities/account/SavedQueries/{00000000-0000-0000-00aa-000010001001}.xml",
        "Entities/account/Visualizations/{5A000000-0000-0000-0000-00000000000A}.xml",
        "Entities/account/Formulas/account-new_total.xaml",
        "Entities/zeta_thing/Formulas/zeta_thing-new_total.xaml",
        "Entities/zeta_thing/Formulas/zeta_thing-FormulaDefinitions.yaml",
        "Formulas/missing_table-new_x.xaml",
        "Other/Relationships/account.xml",
        "Other/Relationships/zeta_thing.xml",
        "Other/Relationships/SystemUser.xml",
        "Other/Relationships/Owner.xml",
        "Dialogs/{d1000000-0000-0000-0000-000000000001}.xml",
        "OptionSets/new_colour.xml",
        "Roles/Sales Rep _ EU.xml",
        "Workflows/Notifyonorder-B2000000-0000-0000-0000-000000000001.json",
        "Workflows/Notifyonorder-B2000000-0000-0000-0000-000000000001.json.data.xml",
        "Workflows/Classicapproval-B2000000-0000-0000-0000-000000000002.xaml.data.xml",
        "WebResources/new_/scripts/main.js",
        "WebResources/new_/scripts/main.js.data.xml",
        "WebResources/new_logo.png.data.xml",
        "PluginAssemblies/ContosoPlugins-D4000000-0000-0000-0000-000000000001/ContosoPlugins.dll.data.xml",
        "SdkMessageProcessingSteps/{e5000000-0000-0000-0000-000000000001}.xml",
        "AppModules/new_orders/AppModule.xml",
        "AppModuleSiteMaps/new_orders/AppModuleSiteMap.xml",
        "CanvasApps/new_orders_a1b2c.meta.xml",
        "CanvasApps/new_orders_a1b2c_DocumentUri.msapp",
        "CanvasApps/new_orders_a1b2c_BackgroundImageUri",
        "Connectors/pub_5Fmyconnector_5Fwith_5Fa_5Frather_5Flong_5Fname.xml",
        "Connectors/pub_5Fmyconnector_5Fwith_5Fa_5Frather_5Flong_5Fname_openapidefinition.json",
        "environmentvariabledefinitions/new_ApiUrl/environmentvariabledefinition.xml",
        "botcomponents/new_bot.topic.Greeting/botcomponent.xml",
        // Copilot Studio file components: the file under filedata/, beside botcomponent.xml.
        "botcomponents/new_bot.file.catalog_a1b/botcomponent.xml",
        "botcomponents/new_bot.file.catalog_a1b/filedata/catalog.json",
        "botcomponents/new_bot.file.guide_c2d/filedata/Guide 2024.pdf",
      ]
    ) assert(files.includes(path), `missing ${path}; have:\n${files.join("\n")}`);
    assert(!files.some((f) => f.includes("Content_Types")), "the tree has no [Content_Types].xml");
    const custom = await text(join(src, "Other/Customizations.xml"));
    for (const empty of ["<Entities />", "<Workflows />", "<EntityRelationships />", "<Dialogs />"]) {
      assertIncludes(custom, `\r\n  ${empty}\r\n`, "emptied containers are self-closing");
    }
    assertIncludes(custom, "<OrganizationSettings />", "so are containers that were exported empty");
    assertIncludes(custom, "<connectionreferences>", "unsplit components stay inline");
    const flow = await text(
      join(src, "Workflows/Notifyonorder-B2000000-0000-0000-0000-000000000001.json.data.xml"),
    );
    assertIncludes(
      flow,
      '<Workflow WorkflowId="{b2000000-0000-0000-0000-000000000001}" Name="Notify on order" xmlns:xsi=',
    );
    const entity = await text(join(src, "Entities/account/Entity.xml"));
    assertIncludes(
      entity,
      "</EntityInfo>\r\n  <FormXml />\r\n  <SavedQueries />\r\n  <Visualizations />\r\n  <RibbonDiffXml />\r\n</Entity>",
      "split-out parts leave empty elements where they were",
    );
    assertIncludes(entity, "<FormulaDefinitionFileName>/Formulas/account-new_total.xaml<");
    const chart = await text(
      join(src, "Entities/account/Visualizations/{5A000000-0000-0000-0000-00000000000A}.xml"),
    );
    assertIncludes(chart, '<visualization xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">');
    const app = await text(join(src, "AppModules/new_orders/AppModule.xml"));
    assertIncludes(app, "?>\r\n<AppModule>\r\n", "app modules do not repeat the root's namespaces");
    const dialog = await text(join(src, "Dialogs/{d1000000-0000-0000-0000-000000000001}.xml"));
    assertIncludes(dialog, "<Dialog xmlns:xsi=");
    const form = await text(
      join(src, "Entities/account/FormXml/main/{8448b78f-8f42-454e-8e2a-f8196b0419af}.xml"),
    );
    assertIncludes(form, "<forms xmlns:xsi=");
  });
});

Deno.test("round trip: managed solution", async () => {
  await withTempDir(async (dir) => {
    const zip = await buildSolution(dir, { managed: true });
    const unpacked = await unpack(zip, join(dir, "src"));
    assertEquals(unpacked.packageType, "Managed");
    const packed = await pack(join(dir, "src"), join(dir, "out.zip"));
    assertEquals(packed.packageType, "Managed");
    await assertSameSolution(join(dir, "out.zip"), zip, dir);
  });
});

Deno.test("round trip: Both unpacks the pair into one tree and packs either type back", async () => {
  await withTempDir(async (dir) => {
    const unmanaged = await buildSolution(dir);
    const managed = await buildSolution(dir, { managed: true });
    const src = join(dir, "src");
    const result = await unpack(unmanaged, src, { packageType: "Both" });
    assertEquals(result.zipfiles, [unmanaged, managed]);
    const tree = await readTree(src);
    assertIncludes(dec.decode(tree.get("Other/Solution.xml")), "<Managed>2</Managed>");
    assert(tree.has("Entities/account/Entity_managed.xml"), "the entity that differs has a managed variant");
    assert(!tree.has("Entities/zeta_thing/Entity_managed.xml"), "identical files are written once");
    const both = await pack(src, join(dir, "out", "Contoso.zip"), { packageType: "Both" });
    assertEquals(both.zipfiles, [join(dir, "out", "Contoso.zip"), join(dir, "out", "Contoso_managed.zip")]);
    await assertSameSolution(join(dir, "out", "Contoso.zip"), unmanaged, dir);
    await assertSameSolution(join(dir, "out", "Contoso_managed.zip"), managed, dir);
    const single = await pack(src, join(dir, "default.zip"));
    assertEquals(single.packageType, "Unmanaged", "a Both tree packs unmanaged by default");
  });
});

Deno.test("round trip: canvas apps expand to CanvasApps/src with backslash entries restored", async () => {
  await withTempDir(async (dir) => {
    const zip = await buildSolution(dir);
    const src = join(dir, "src");
    const result = await unpack(zip, src, { processCanvasApps: true });
    assertEquals(result.canvasApps, ["new_orders_a1b2c"]);
    const tree = await readTree(src);
    assert(tree.has("CanvasApps/src/new_orders_a1b2c/Controls/1.json"), "msapp entries become folders");
    assert(tree.has("CanvasApps/src/new_orders_a1b2c/Resources/logo.png"));
    assert(!tree.has("CanvasApps/new_orders_a1b2c_DocumentUri.msapp"), "the source replaces the package");
    await pack(src, join(dir, "out.zip"), { processCanvasApps: true });
    await assertSameSolution(join(dir, "out.zip"), zip, dir);
    const entries = await zipEntries(join(dir, "out.zip"));
    await Deno.writeFile(join(dir, "x.msapp"), entries.get("CanvasApps/new_orders_a1b2c_DocumentUri.msapp")!);
    const names = [...(await zipEntries(join(dir, "x.msapp"))).keys()];
    assert(
      names.includes("Controls\\1.json") && names.includes("References\\DataSources.json"),
      names.join(),
    );
  });
});

Deno.test("round trip: output zips are deterministic and ordered", async () => {
  await withTempDir(async (dir) => {
    const src = join(dir, "src");
    await unpack(await buildSolution(dir), src, { processCanvasApps: true });
    await pack(src, join(dir, "a.zip"), { processCanvasApps: true });
    await new Promise((r) => setTimeout(r, 1100));
    await Deno.utime(join(src, "Other/Solution.xml"), new Date(), new Date());
    await pack(src, join(dir, "b.zip"), { processCanvasApps: true });
    assert(
      equal(await Deno.readFile(join(dir, "a.zip")), await Deno.readFile(join(dir, "b.zip"))),
      "same bytes",
    );
    const names = [...(await zipEntries(join(dir, "a.zip"))).keys()];
    assertEquals(names.slice(0, 2), ["customizations.xml", "solution.xml"]);
    assertEquals(names.at(-1), "[Content_Types].xml");
    const middle = names.slice(2, -1);
    assertEquals(middle, [...middle].sort());
  });
});

Deno.test("round trip: folder and file names are matched case-insensitively", async () => {
  await withTempDir(async (dir) => {
    const zip = await buildSolution(dir);
    const src = join(dir, "src");
    await unpack(zip, src);
    await Deno.rename(join(src, "Other"), join(src, "other"));
    await Deno.rename(join(src, "other/Solution.xml"), join(src, "other/solution.xml"));
    await Deno.rename(join(src, "Workflows"), join(src, "workflows"));
    await Deno.rename(join(src, "Entities/account/Entity.xml"), join(src, "Entities/account/entity.xml"));
    await pack(src, join(dir, "out.zip"));
    await assertSameSolution(join(dir, "out.zip"), zip, dir);
  });
});

Deno.test("round trip: components are written in name order whatever the export order", async () => {
  await withTempDir(async (dir) => {
    const src = join(dir, "src");
    await unpack(await buildSolution(dir), src);
    await pack(src, join(dir, "out.zip"));
    const custom = dec.decode((await zipEntries(join(dir, "out.zip"))).get("customizations.xml"));
    assert(
      custom.indexOf('<Name LocalizedName="account') < custom.indexOf("zeta_thing label"),
      "account first",
    );
    assertEquals(
      canonicalSolutionXml(custom),
      canonicalSolutionXml(
        dec.decode((await zipEntries(await buildSolution(dir))).get("customizations.xml")),
      ),
    );
  });
});

Deno.test("round trip: relationships are stubs in Other/Relationships.xml and definitions per table", async () => {
  await withTempDir(async (dir) => {
    const src = join(dir, "src");
    await unpack(await buildSolution(dir), src);
    const stubs = await text(join(src, "Other/Relationships.xml"));
    assertEquals(
      [...stubs.matchAll(/<EntityRelationship Name="([^"]+)" \/>/g)].map((m) => m[1]),
      [
        "lk_zeta_thing_modifiedby",
        "Lk_zeta_thing_owner",
        "lk_zetaThing_createdby",
        "new_account_zeta_thing",
        "zeta_thing_account",
      ],
      "only stubs, in case-insensitive name order with _ before letters",
    );
    assert(!stubs.includes("<EntityRelationshipType>"), "no definitions in the list");
    const names = async (file: string) =>
      [...(await text(join(src, "Other/Relationships", file))).matchAll(
        /<EntityRelationship Name="([^"]+)">/g,
      )]
        .map((m) => m[1]);
    assertEquals(await names("account.xml"), ["zeta_thing_account"], "one-to-many: the referenced table");
    assertEquals(await names("zeta_thing.xml"), ["new_account_zeta_thing"], "many-to-many: the first table");
    assertEquals(await names("SystemUser.xml"), ["lk_zeta_thing_modifiedby", "lk_zetaThing_createdby"]);
    assertIncludes(
      await text(join(src, "Other/Relationships/Owner.xml")),
      '<EntityRelationships xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    );
  });
});

Deno.test("round trip: trees written by earlier ppx versions still pack", async () => {
  await withTempDir(async (dir) => {
    const zip = await buildSolution(dir);
    const src = join(dir, "src");
    await unpack(zip, src);
    // Earlier layout: all relationship definitions in Other/Relationships.xml, no placeholders in
    // Entity.xml, formulas at the root.
    const rels = await readTree(join(src, "Other/Relationships"));
    const defs = [...rels.values()].map((b) =>
      dec.decode(b).replace(/^[\s\S]*?<EntityRelationships[^>]*>/, "").replace(
        /<\/EntityRelationships>\s*$/,
        "",
      )
    );
    await Deno.remove(join(src, "Other/Relationships"), { recursive: true });
    await Deno.writeTextFile(
      join(src, "Other/Relationships.xml"),
      `<?xml version="1.0" encoding="utf-8"?>\r\n<EntityRelationships xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${
        defs.join("")
      }</EntityRelationships>`,
    );
    for (const table of ["account", "zeta_thing"]) {
      const path = join(src, "Entities", table, "Entity.xml");
      await Deno.writeTextFile(
        path,
        (await text(path)).replace(/\s*<(FormXml|SavedQueries|Visualizations|RibbonDiffXml) \/>/g, ""),
      );
    }
    await Deno.mkdir(join(src, "Formulas"), { recursive: true });
    for (
      const [table, file] of [["account", "account-new_total.xaml"], [
        "zeta_thing",
        "zeta_thing-new_total.xaml",
      ]]
    ) {
      await Deno.rename(join(src, "Entities", table, "Formulas", file), join(src, "Formulas", file));
    }
    await pack(src, join(dir, "out.zip"));
    await assertSameSolution(join(dir, "out.zip"), zip, dir);
  });
});
