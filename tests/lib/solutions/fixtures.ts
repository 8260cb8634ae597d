/**
 * Builds solution zips for the tests: every component folder the packager handles, XML that exercises
 * the round trip (attribute order, namespaces, CDATA, comments, significant whitespace, character
 * references), a canvas app whose entry names use backslashes, and binary content.
 */

import { join } from "node:path";
import { ZipWriter } from "../../../lib/solutions/zip/write.ts";
import { openZip } from "../../../lib/solutions/zip/read.ts";
import { canonicalSolutionXml } from "../../../lib/solutions/mod.ts";
import { assert, assertEquals } from "../../helpers/assert.ts";

const enc = new TextEncoder();
const BOM = "\uFEFF";

/** Deterministic pseudo-random bytes (binary content that does not compress). */
export function bytes(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed * 2654435761 >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Writes a zip with entries in the given order; names are stored exactly (backslashes kept). */
export async function writeZip(path: string, entries: [string, Uint8Array | string][]): Promise<string> {
  const w = new ZipWriter(path);
  for (const [name, data] of entries) w.addBytes(name, typeof data === "string" ? enc.encode(data) : data);
  await w.finish();
  return path;
}

/** The canvas app package: a zip whose entry names use backslashes. */
export async function msapp(dir: string): Promise<Uint8Array> {
  const path = await writeZip(join(dir, "app.msapp"), [
    ["Header.json", '{"DocVersion":"1.336","MinVersionToLoad":"1.331"}'],
    ["Properties.json", '{"Name":"Orders","Id":"00000000-0000-0000-0000-000000000042"}'],
    ["Controls\\1.json", '{"TopParent":{"Name":"App"}}'],
    ["Controls\\4.json", '{"TopParent":{"Name":"Screen1"}}'],
    ["References\\DataSources.json", '{"DataSources":[]}'],
    ["Resources\\logo.png", bytes(3000, 7)],
  ]);
  const data = await Deno.readFile(path);
  await Deno.remove(path);
  return data;
}

const ENTITY = (name: string, ribbonNote: string, customizable: string) => `
    <Entity>
      <Name LocalizedName="${name} label" OriginalName="${name} label">${name}</Name>
      <EntityInfo>
        <entity Name="${name}">
          <LocalizedNames>
            <LocalizedName description="${name} &amp; friends" languagecode="1033" />
          </LocalizedNames>
          <attributes>
            <attribute PhysicalName="new_Notes">
              <Type>ntext</Type>
              <IsCustomizable>${customizable}</IsCustomizable>
              <Description xml:space="preserve">  two  spaces  </Description>
            </attribute>
            <attribute PhysicalName="new_Total">
              <Type>decimal</Type>
              <SourceType>1</SourceType>
              <FormulaDefinitionFileName>/Formulas/${name}-new_total.xaml</FormulaDefinitionFileName>
            </attribute>
          </attributes>
        </entity>
      </EntityInfo>
      <FormXml>
        <forms type="main">
          <systemform>
            <formid>{${
  name === "account" ? "8448b78f-8f42-454e-8e2a-f8196b0419af" : "11111111-0000-0000-0000-000000000001"
}}</formid>
            <IntroducedVersion>1.0.0.0</IntroducedVersion>
            <form headerdensity="HighWithControls"><tabs><tab name="general" verticallayout="true" /></tabs></form>
          </systemform>
          <systemform>
            <formid>{${
  name === "account" ? "0a000000-0000-0000-0000-00000000000a" : "11111111-0000-0000-0000-000000000002"
}}</formid>
            <form><tabs /></form>
          </systemform>
        </forms>
        <forms type="quick">
          <systemform>
            <formid>{${
  name === "account" ? "0b000000-0000-0000-0000-00000000000b" : "11111111-0000-0000-0000-000000000003"
}}</formid>
            <form />
          </systemform>
        </forms>
      </FormXml>
      <SavedQueries>
        <savedqueries xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <savedquery>
            <IsCustomizable>1</IsCustomizable>
            <savedqueryid>{${
  name === "account" ? "00000000-0000-0000-00aa-000010001001" : "22222222-0000-0000-0000-000000000001"
}}</savedqueryid>
            <fetchxml><![CDATA[<fetch><entity name="${name}"><attribute name="name" /></entity></fetch>]]></fetchxml>
            <layoutxml>
              <grid name="resultset" jump="name" select="1" icon="1" preview="1" object="1">
                <row name="result" id="${name}id"><cell name="name" width="300" /></row>
              </grid>
            </layoutxml>
          </savedquery>
        </savedqueries>
      </SavedQueries>
      <Visualizations>
        <visualization>
          <savedqueryvisualizationid>{${
  name === "account" ? "5A000000-0000-0000-0000-00000000000A" : "5B000000-0000-0000-0000-00000000000B"
}}</savedqueryvisualizationid>
          <presentationdescription><Chart Palette="None"><Titles><Title Font="{0}, 13px" /></Titles></Chart></presentationdescription>
          <LocalizedNames>
            <LocalizedName description="${name} by owner" languagecode="1033" />
          </LocalizedNames>
        </visualization>
      </Visualizations>
      <RibbonDiffXml>
        <CustomActions />
        <!-- ${ribbonNote} -->
        <RibbonNotSupported />
      </RibbonDiffXml>
    </Entity>`;

/** customizations.xml of the test solution; `managed` changes what a managed export would change. */
export function customizationsXml(managed: boolean): string {
  return `${BOM}<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" OrganizationVersion="9.2.24044.213" OrganizationSchemaType="Standard">
  <Entities>${ENTITY("zeta_thing", "zeta", "1")}${ENTITY("account", "keep me", managed ? "0" : "1")}
  </Entities>
  <Roles>
    <Role id="{a1000000-0000-0000-0000-000000000001}" name="Sales Rep / EU">
      <RolePrivileges>
        <RolePrivilege name="prvReadAccount" level="Global" />
      </RolePrivileges>
    </Role>
    <Role id="{a1000000-0000-0000-0000-000000000002}" name="Approver">
      <RolePrivileges />
    </Role>
  </Roles>
  <Workflows>
    <Workflow WorkflowId="{b2000000-0000-0000-0000-000000000001}" Name="Notify on order">
      <JsonFileName>/Workflows/Notifyonorder-B2000000-0000-0000-0000-000000000001.json</JsonFileName>
      <Type>1</Type>
      <Category>5</Category>
      <StateCode>1</StateCode>
      <LocalizedNames>
        <LocalizedName languagecode="1033" description="Notify on order" />
      </LocalizedNames>
    </Workflow>
    <Workflow WorkflowId="{b2000000-0000-0000-0000-000000000002}" Name="Classic approval">
      <XamlFileName>/Workflows/Classicapproval-B2000000-0000-0000-0000-000000000002.xaml</XamlFileName>
      <Type>1</Type>
      <Category>0</Category>
    </Workflow>
  </Workflows>
  <FieldSecurityProfiles>
    <FieldSecurityProfile fieldsecurityprofileid="{c3000000-0000-0000-0000-000000000001}" name="Secret">
      <Description>line one&#xD;
line two</Description>
    </FieldSecurityProfile>
  </FieldSecurityProfiles>
  <Templates />
  <EntityMaps>
    <EntityMap>
      <EntitySource>account</EntitySource>
      <EntityTarget>zeta_thing</EntityTarget>
    </EntityMap>
  </EntityMaps>
  <EntityRelationships>
    <EntityRelationship Name="zeta_thing_account">
      <EntityRelationshipType>OneToMany</EntityRelationshipType>
      <ReferencingEntityName>zeta_thing</ReferencingEntityName>
      <ReferencedEntityName>account</ReferencedEntityName>
    </EntityRelationship>
    <EntityRelationship Name="new_account_zeta_thing">
      <EntityRelationshipType>ManyToMany</EntityRelationshipType>
      <FirstEntityName>zeta_thing</FirstEntityName>
      <SecondEntityName>account</SecondEntityName>
      <IntersectEntityName>new_account_zeta_thing</IntersectEntityName>
    </EntityRelationship>
    <EntityRelationship Name="lk_zeta_thing_modifiedby">
      <EntityRelationshipType>OneToMany</EntityRelationshipType>
      <ReferencingEntityName>zeta_thing</ReferencingEntityName>
      <ReferencedEntityName>SystemUser</ReferencedEntityName>
    </EntityRelationship>
    <EntityRelationship Name="lk_zetaThing_createdby">
      <EntityRelationshipType>OneToMany</EntityRelationshipType>
      <ReferencingEntityName>zeta_thing</ReferencingEntityName>
      <ReferencedEntityName>SystemUser</ReferencedEntityName>
    </EntityRelationship>
    <EntityRelationship Name="Lk_zeta_thing_owner">
      <EntityRelationshipType>OneToMany</EntityRelationshipType>
      <ReferencingEntityName>zeta_thing</ReferencingEntityName>
      <ReferencedEntityName>Owner</ReferencedEntityName>
    </EntityRelationship>
  </EntityRelationships>
  <OrganizationSettings></OrganizationSettings>
  <optionsets>
    <optionset Name="new_colour" localizedName="Colour">
      <OptionSetType>picklist</OptionSetType>
      <options>
        <option value="100000000" ExternalValue="" Color="#ff0000"><labels><label description="Red &lt;hot&gt;" languagecode="1033" /></labels></option>
      </options>
    </optionset>
  </optionsets>
  <CustomControls />
  <SolutionPluginAssemblies>
    <PluginAssembly FullName="Contoso.Plugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken=0123456789abcdef" PluginAssemblyId="d4000000-0000-0000-0000-000000000001" CustomizationLevel="1">
      <IsolationMode>2</IsolationMode>
      <SourceType>0</SourceType>
      <FileName>/PluginAssemblies/ContosoPlugins-D4000000-0000-0000-0000-000000000001/ContosoPlugins.dll</FileName>
      <PluginTypes>
        <PluginType AssemblyQualifiedName="Contoso.Plugins.OnCreate, Contoso.Plugins" PluginTypeId="d4000000-0000-0000-0000-0000000000aa" Name="Contoso.Plugins.OnCreate" />
      </PluginTypes>
    </PluginAssembly>
  </SolutionPluginAssemblies>
  <SdkMessageProcessingSteps>
    <SdkMessageProcessingStep Name="OnCreate: Create of account" SdkMessageProcessingStepId="{e5000000-0000-0000-0000-000000000001}">
      <Stage>40</Stage>
      <PluginTypeName>Contoso.Plugins.OnCreate</PluginTypeName>
    </SdkMessageProcessingStep>
  </SdkMessageProcessingSteps>
  <EntityDataProviders />
  <Dialogs>
    <Dialog>
      <FormId>{d1000000-0000-0000-0000-000000000001}</FormId>
      <UniqueName>new_confirm</UniqueName>
      <FormXml><forms type="dialog"><form><tabs /></form></forms></FormXml>
    </Dialog>
  </Dialogs>
  <connectionreferences>
    <connectionreference connectionreferencelogicalname="new_sharedoffice365">
      <connectorid>/providers/Microsoft.PowerApps/apis/shared_office365</connectorid>
    </connectionreference>
  </connectionreferences>
  <WebResources>
    <WebResource>
      <WebResourceId>{f6000000-0000-0000-0000-000000000001}</WebResourceId>
      <Name>new_/scripts/main.js</Name>
      <DisplayName>main.js</DisplayName>
      <WebResourceType>3</WebResourceType>
      <FileName>/WebResources/new_scriptsmainjsF6000000-0000-0000-0000-000000000001</FileName>
    </WebResource>
    <WebResource>
      <WebResourceId>{f6000000-0000-0000-0000-000000000002}</WebResourceId>
      <Name>new_logo.png</Name>
      <WebResourceType>5</WebResourceType>
      <FileName>/WebResources/new_logo.png</FileName>
    </WebResource>
  </WebResources>
  <AppModuleSiteMaps>
    <AppModuleSiteMap>
      <SiteMapUniqueName>new_orders</SiteMapUniqueName>
      <SiteMap><Area Id="Area1" /></SiteMap>
    </AppModuleSiteMap>
  </AppModuleSiteMaps>
  <AppModules>
    <AppModule>
      <UniqueName>new_orders</UniqueName>
      <IntroducedVersion>1.0.0.0</IntroducedVersion>
      <AppModuleComponents>
        <AppModuleComponent type="1" schemaName="account" />
      </AppModuleComponents>
    </AppModule>
  </AppModules>
  <CanvasApps>
    <CanvasApp>
      <Name>new_orders_a1b2c</Name>
      <AppVersion>2024-01-01T00:00:00Z</AppVersion>
      <DocumentUri>/CanvasApps/new_orders_a1b2c_DocumentUri.msapp</DocumentUri>
      <BackgroundImageUri>/CanvasApps/new_orders_a1b2c_BackgroundImageUri</BackgroundImageUri>
    </CanvasApp>
  </CanvasApps>
  <Connectors>
    <Connector>
      <name>pub_5Fmyconnector_5Fwith_5Fa_5Frather_5Flong_5Fname</name>
      <connectorid>{a7000000-0000-0000-0000-000000000001}</connectorid>
      <openapidefinition>/Connector/pub_5Fmyconnector_5Fwith_5Fa_5Frather_5Flong_5Fname_openapidefinition.json</openapidefinition>
      <iconblob>/Connector/pub_5Fmyconnector_5Fwith_5Fa_5Frather_5Flong_5Fname_iconblob.Png</iconblob>
    </Connector>
  </Connectors>
  <Languages>
    <Language>1033</Language>
  </Languages>
</ImportExportXml>`;
}

/** solution.xml of the test solution. */
export function solutionXml(managed: boolean, version = "1.2.3.4"): string {
  return `${BOM}<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml version="9.2.24044.213" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <SolutionManifest>
    <UniqueName>ContosoOrders</UniqueName>
    <LocalizedNames>
      <LocalizedName description="Contoso Orders" languagecode="1033" />
    </LocalizedNames>
    <Descriptions />
    <Version>${version}</Version>
    <Managed>${managed ? 1 : 0}</Managed>
    <Publisher>
      <UniqueName>contoso</UniqueName>
      <CustomizationPrefix>new</CustomizationPrefix>
    </Publisher>
    <RootComponents>
      <RootComponent type="1" schemaName="account" behavior="0" />
    </RootComponents>
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>`;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="xml" ContentType="application/octet-stream" />
</Types>`;

/** Builds the test solution in `dir`; returns the zip path. */
export async function buildSolution(
  dir: string,
  options: { managed?: boolean; name?: string } = {},
): Promise<string> {
  const managed = options.managed ?? false;
  const name = options.name ?? (managed ? "ContosoOrders_managed.zip" : "ContosoOrders.zip");
  const flow = JSON.stringify({ properties: { definition: { triggers: {}, actions: {} } } }, null, 2)
    .replaceAll("\n", "\r\n");
  return await writeZip(join(dir, name), [
    ["customizations.xml", customizationsXml(managed)],
    ["solution.xml", solutionXml(managed)],
    ["Workflows/Notifyonorder-B2000000-0000-0000-0000-000000000001.json", flow],
    [
      "Workflows/Classicapproval-B2000000-0000-0000-0000-000000000002.xaml",
      '<Activity x:Class="XrmWorkflow" />',
    ],
    ["WebResources/new_scriptsmainjsF6000000-0000-0000-0000-000000000001", "console.log('hi');\r\n"],
    ["WebResources/new_logo.png", bytes(5000, 1)],
    [
      "PluginAssemblies/ContosoPlugins-D4000000-0000-0000-0000-000000000001/ContosoPlugins.dll",
      bytes(20000, 2),
    ],
    ["Formulas/account-new_total.xaml", '<Activity x:Class="XrmWorkflow" />'],
    ["Formulas/zeta_thing-new_total.xaml", '<Activity x:Class="XrmWorkflow" />'],
    ["Formulas/zeta_thing-FormulaDefinitions.yaml", "new_total: 1 + 1\n"],
    ["Formulas/missing_table-new_x.xaml", '<Activity x:Class="XrmWorkflow" />'],
    ["CanvasApps/new_orders_a1b2c_DocumentUri.msapp", await msapp(dir)],
    ["CanvasApps/new_orders_a1b2c_BackgroundImageUri", bytes(800, 3)],
    [
      "Connector/pub_5Fmyconnector_5Fwith_5Fa_5Frather_5Flong_5Fname_openapidefinition.json",
      '{"swagger":"2.0"}',
    ],
    ["Connector/pub_5Fmyconnector_5Fwith_5Fa_5Frather_5Flong_5Fname_iconblob.Png", bytes(900, 4)],
    [
      "environmentvariabledefinitions/new_ApiUrl/environmentvariabledefinition.xml",
      '<environmentvariabledefinition schemaname="new_ApiUrl"><type>100000000</type></environmentvariabledefinition>',
    ],
    [
      "botcomponents/new_bot.topic.Greeting/botcomponent.xml",
      '<botcomponent schemaname="new_bot.topic.Greeting" />',
    ],
    ["botcomponents/new_bot.topic.Greeting/data", "kind: AdaptiveDialog\n"],
    [
      "botcomponents/new_bot.file.catalog_a1b/botcomponent.xml",
      '<botcomponent schemaname="new_bot.file.catalog_a1b"><componenttype>14</componenttype>' +
      "<filedata>catalog.json</filedata><name>./assets/catalog.json</name></botcomponent>",
    ],
    ["botcomponents/new_bot.file.catalog_a1b/filedata/catalog.json", '{"items":[1,2,3]}'],
    [
      "botcomponents/new_bot.file.guide_c2d/botcomponent.xml",
      '<botcomponent schemaname="new_bot.file.guide_c2d"><componenttype>14</componenttype>' +
      "<filedata>Guide 2024.pdf</filedata><name>./references/Guide 2024.pdf</name></botcomponent>",
    ],
    ["botcomponents/new_bot.file.guide_c2d/filedata/Guide 2024.pdf", bytes(3000, 7)],
    ["[Content_Types].xml", CONTENT_TYPES],
  ]);
}

/** Entries of a zip: raw name -> bytes. */
export async function zipEntries(path: string): Promise<Map<string, Uint8Array>> {
  const zip = await openZip(path);
  try {
    const out = new Map<string, Uint8Array>();
    for (const e of zip.entries) out.set(e.rawName, await zip.read(e));
    return out;
  } finally {
    zip.close();
  }
}

const dec = new TextDecoder();

/** Asserts two solution zips hold the same solution: same entries, XML equal canonically, other bytes
 * equal, canvas apps entry by entry. */
export async function assertSameSolution(actualZip: string, expectedZip: string, dir: string): Promise<void> {
  const actual = await zipEntries(actualZip);
  const expected = await zipEntries(expectedZip);
  assertEquals([...actual.keys()].sort(), [...expected.keys()].sort(), "entry names");
  for (const [name, want] of expected) {
    const got = actual.get(name)!;
    if (name === "[Content_Types].xml") continue;
    if (name.toLowerCase().endsWith(".xml")) {
      assertEquals(canonicalSolutionXml(dec.decode(got)), canonicalSolutionXml(dec.decode(want)), name);
    } else if (name.endsWith(".msapp")) {
      const a = join(dir, "a.msapp");
      const b = join(dir, "b.msapp");
      await Deno.writeFile(a, got);
      await Deno.writeFile(b, want);
      const [ea, eb] = [await zipEntries(a), await zipEntries(b)];
      assertEquals([...ea.keys()].sort(), [...eb.keys()].sort(), `${name} entries`);
      for (const [k, v] of eb) assert(equal(ea.get(k)!, v), `${name}: ${k} differs`);
    } else {
      assert(equal(got, want), `${name}: bytes differ`);
    }
  }
}

/** Byte equality. */
export function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A hand-made stored zip, for hostile archives no zip library would write (`..`, links, duplicates). */
export async function writeRawZip(
  path: string,
  entries: { name: string; data: string | Uint8Array; unixMode?: number }[],
): Promise<string> {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const data = typeof e.data === "string" ? enc.encode(e.data) : e.data;
    const crc = crc32(data);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x800, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, (3 << 8) | 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x800, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(38, ((e.unixMode ?? 0o100644) << 16) >>> 0, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...locals, ...centrals, end];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  await Deno.writeFile(path, out);
  return path;
}

/** A minimal valid solution's root entries, for safety tests. */
export function minimalRoots(): { name: string; data: string }[] {
  return [
    { name: "customizations.xml", data: "<ImportExportXml><Entities /></ImportExportXml>" },
    { name: "solution.xml", data: solutionXml(false) },
  ];
}

/** Files under a folder (relative) with their bytes. */
export async function readTree(root: string): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  const walk = async (rel: string) => {
    for await (const e of Deno.readDir(rel ? join(root, rel) : root)) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory) await walk(p);
      else out.set(p, await Deno.readFile(join(root, p)));
    }
  };
  await walk("");
  return out;
}

/** A temp dir removed after `fn`. */
export async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "ppx-sol-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
