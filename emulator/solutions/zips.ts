/**
 * Solution zips in the emulator: a minimal valid solution built for export, and reading the manifest of
 * an imported one. The emulator reads and writes them with its own code (yazl, yauzl, parse-xml), never
 * with the product's readers, so it cross-checks what ppx produces instead of agreeing with it.
 *
 * @module
 */

// @ts-types="@types/yazl"
import yazl from "yazl";
// @ts-types="@types/yauzl"
import yauzl from "yauzl";
import { Buffer } from "node:buffer";
import { parseXml, XmlElement } from "@rgrove/parse-xml";

const enc = new TextEncoder();

/** The publisher written into an export's manifest. */
export interface ExportPublisher {
  uniqueName: string;
  friendlyName: string;
  customizationPrefix: string;
  customizationOptionValuePrefix: number;
  description?: string;
}

/** What a generated export contains. */
export interface ExportSpec {
  uniqueName: string;
  friendlyName: string;
  description?: string;
  version: string;
  managed: boolean;
  /** The publisher, or just its unique name (prefix `new`, option value prefix 10000). */
  publisher: ExportPublisher | string;
}

/** What the emulator reads from an imported solution. */
export interface ImportedSolution {
  uniqueName: string;
  friendlyName: string;
  version: string;
  managed: boolean;
  /** Entity (table) names from customizations.xml. */
  entities: string[];
  publisher?: ExportPublisher;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function localizedNames(name: string): string {
  return `<LocalizedNames><LocalizedName description="${
    escapeXml(name)
  }" languagecode="1033" /></LocalizedNames>`;
}

function descriptions(text: string | undefined): string {
  return text
    ? `<Descriptions><Description description="${escapeXml(text)}" languagecode="1033" /></Descriptions>`
    : "<Descriptions />";
}

/** Builds a minimal solution zip: `[Content_Types].xml`, `solution.xml`, `customizations.xml`. */
export async function buildSolutionZip(spec: ExportSpec): Promise<Uint8Array> {
  const p: ExportPublisher = typeof spec.publisher === "string"
    ? {
      uniqueName: spec.publisher,
      friendlyName: spec.publisher,
      customizationPrefix: "new",
      customizationOptionValuePrefix: 10000,
    }
    : spec.publisher;
  const files: [string, string][] = [
    [
      "customizations.xml",
      '<?xml version="1.0" encoding="utf-8"?><ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      "<Entities /><Roles /><Workflows /><FieldSecurityProfiles /><Templates /><EntityMaps />" +
      "<EntityRelationships /><OrganizationSettings /><optionsets /><CustomControls />" +
      "<EntityDataProviders /><Languages><Language>1033</Language></Languages></ImportExportXml>",
    ],
    [
      "solution.xml",
      '<?xml version="1.0" encoding="utf-8"?><ImportExportXml version="9.2.24101.194" SolutionPackageVersion="9.2" ' +
      'languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<SolutionManifest><UniqueName>${escapeXml(spec.uniqueName)}</UniqueName>${
        localizedNames(spec.friendlyName)
      }` +
      `${descriptions(spec.description)}<Version>${escapeXml(spec.version)}</Version>` +
      `<Managed>${spec.managed ? 1 : 0}</Managed>` +
      `<Publisher><UniqueName>${escapeXml(p.uniqueName)}</UniqueName>${localizedNames(p.friendlyName)}` +
      `${descriptions(p.description)}<EMailAddress xsi:nil="true"></EMailAddress>` +
      '<SupportingWebsiteUrl xsi:nil="true"></SupportingWebsiteUrl>' +
      `<CustomizationPrefix>${escapeXml(p.customizationPrefix)}</CustomizationPrefix>` +
      `<CustomizationOptionValuePrefix>${p.customizationOptionValuePrefix}</CustomizationOptionValuePrefix>` +
      "<Addresses /></Publisher><RootComponents /><MissingDependencies /></SolutionManifest></ImportExportXml>",
    ],
    [
      "[Content_Types].xml",
      '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="xml" ContentType="application/octet-stream" /></Types>',
    ],
  ];
  const zip = new yazl.ZipFile();
  for (const [name, text] of files) {
    zip.addBuffer(Buffer.from(enc.encode(text)), name, { mtime: new Date(Date.UTC(1980, 0, 1)) });
  }
  zip.end();
  const chunks: Uint8Array[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

/** The named entries of a zip held in memory (only those in `wanted`, matched case-insensitively). */
function readEntries(bytes: Uint8Array, wanted: Set<string>): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("not a zip"));
      const found = new Map<string, string>();
      zip.on("error", reject);
      zip.on("end", () => resolve(found));
      zip.on("entry", (entry: yauzl.Entry) => {
        const name = entry.fileName.toLowerCase();
        if (!wanted.has(name)) return zip.readEntry();
        zip.openReadStream(entry, async (err, stream) => {
          if (err || !stream) return reject(err ?? new Error(`cannot read ${entry.fileName}`));
          try {
            const parts: Uint8Array[] = [];
            for await (const part of stream as AsyncIterable<Uint8Array>) parts.push(part);
            found.set(name, new TextDecoder().decode(Buffer.concat(parts)).replace(/^\uFEFF/, ""));
            zip.readEntry();
          } catch (e) {
            reject(e);
          }
        });
      });
      zip.readEntry();
    });
  });
}

function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c): c is XmlElement => c instanceof XmlElement && c.name === name);
}

function textOf(el: XmlElement | undefined): string | undefined {
  return el?.text.trim() || undefined;
}

function firstLocalizedName(el: XmlElement | undefined): string | undefined {
  const names = child(el, "LocalizedNames");
  const first = names?.children.find((c): c is XmlElement => c instanceof XmlElement);
  return first?.attributes.description;
}

/** Reads an uploaded zip; a string says why it is not a valid solution (the import then fails like Dataverse). */
export async function inspectZip(bytes: Uint8Array): Promise<ImportedSolution | string> {
  let files: Map<string, string>;
  try {
    files = await readEntries(bytes, new Set(["solution.xml", "customizations.xml"]));
  } catch (error) {
    return `The file is not a zip archive (${(error as Error).message}).`;
  }
  const solutionXml = files.get("solution.xml");
  if (!solutionXml) return "The solution manifest is missing.";
  let manifest: XmlElement | undefined;
  let customizations: XmlElement | undefined;
  try {
    manifest = child(parseXml(solutionXml).root ?? undefined, "SolutionManifest");
    const text = files.get("customizations.xml");
    customizations = text ? parseXml(text).root ?? undefined : undefined;
  } catch (error) {
    return `The solution manifest is not well-formed XML (${(error as Error).message}).`;
  }
  const uniqueName = textOf(child(manifest, "UniqueName"));
  if (!manifest || !uniqueName) return "The solution manifest is missing.";
  const publisherEl = child(manifest, "Publisher");
  const publisherName = textOf(child(publisherEl, "UniqueName"));
  const entities = (child(customizations, "Entities")?.children ?? [])
    .filter((c): c is XmlElement => c instanceof XmlElement && c.name === "Entity")
    .map((e) => textOf(child(e, "Name")))
    .filter((n): n is string => n !== undefined);
  return {
    uniqueName,
    friendlyName: firstLocalizedName(manifest) ?? uniqueName,
    version: textOf(child(manifest, "Version")) ?? "1.0.0.0",
    managed: textOf(child(manifest, "Managed")) === "1",
    entities,
    ...(publisherName
      ? {
        publisher: {
          uniqueName: publisherName,
          friendlyName: firstLocalizedName(publisherEl) ?? publisherName,
          customizationPrefix: textOf(child(publisherEl, "CustomizationPrefix")) ?? "new",
          customizationOptionValuePrefix:
            Number(textOf(child(publisherEl, "CustomizationOptionValuePrefix"))) ||
            10000,
        },
      }
      : {}),
  };
}
