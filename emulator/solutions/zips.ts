/**
 * Solution zips in the emulator: a minimal valid solution built for export, and reading the manifest of
 * an imported one. Written with yazl/yauzl directly, in memory, and not with the product's zip code: the
 * emulator cross-checks what `ppx solution pack/export/import` produce instead of sharing their readers.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import yauzl from "yauzl";
import yazl from "yazl";
import { parseXml, type XmlElement } from "../xml.ts";

const enc = new TextEncoder();

/** What a generated export contains. */
export interface ExportSpec {
  uniqueName: string;
  friendlyName: string;
  version: string;
  managed: boolean;
  publisher: string;
}

/** What the emulator reads from an imported solution. */
export interface ImportedSolution {
  uniqueName: string;
  version: string;
  managed: boolean;
  /** Entity (table) names from customizations.xml. */
  entities: string[];
}

/** Builds a minimal solution zip: `[Content_Types].xml`, `solution.xml`, `customizations.xml`. */
export function buildSolutionZip(spec: ExportSpec): Promise<Uint8Array> {
  return zipEntries([
    [
      "[Content_Types].xml",
      enc.encode(
        '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="xml" ContentType="application/octet-stream" /></Types>',
      ),
    ],
    [
      "customizations.xml",
      enc.encode(
        '<?xml version="1.0" encoding="utf-8"?><ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
          "<Entities /><Roles /><Workflows /><FieldSecurityProfiles /><Templates /><EntityMaps />" +
          "<EntityRelationships /><OrganizationSettings /><optionsets /><CustomControls />" +
          "<EntityDataProviders /><Languages><Language>1033</Language></Languages></ImportExportXml>",
      ),
    ],
    [
      "solution.xml",
      enc.encode(
        '<?xml version="1.0" encoding="utf-8"?><ImportExportXml version="9.2.24101.194" SolutionPackageVersion="9.2" ' +
          'languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
          `<SolutionManifest><UniqueName>${spec.uniqueName}</UniqueName><LocalizedNames>` +
          `<LocalizedName description="${spec.friendlyName}" languagecode="1033" /></LocalizedNames>` +
          `<Descriptions /><Version>${spec.version}</Version><Managed>${spec.managed ? 1 : 0}</Managed>` +
          `<Publisher><UniqueName>${spec.publisher}</UniqueName><LocalizedNames><LocalizedName description="${spec.publisher}" languagecode="1033" /></LocalizedNames>` +
          '<Descriptions /><EMailAddress xsi:nil="true"></EMailAddress><SupportingWebsiteUrl xsi:nil="true"></SupportingWebsiteUrl>' +
          "<CustomizationPrefix>new</CustomizationPrefix><CustomizationOptionValuePrefix>10000</CustomizationOptionValuePrefix>" +
          "<Addresses /></Publisher><RootComponents /><MissingDependencies /></SolutionManifest></ImportExportXml>",
      ),
    ],
  ]);
}

/** Writes entries into a zip in memory. */
function zipEntries(entries: [string, Uint8Array][]): Promise<Uint8Array> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of entries) zip.addBuffer(Buffer.from(bytes), name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    zip.outputStream.on("data", (chunk: Uint8Array) => chunks.push(chunk));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
  });
}

/** Reads every file entry of a zip in memory (a solution is small; the product streams, we need not). */
function unzipEntries(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("unreadable zip"));
      const out = new Map<string, Uint8Array>();
      zip.on("error", reject);
      zip.on("end", () => resolve(out));
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith("/")) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error(`unreadable entry ${entry.fileName}`));
          const chunks: Uint8Array[] = [];
          stream.on("data", (chunk: Uint8Array) => chunks.push(chunk));
          stream.on("error", reject);
          stream.on("end", () => {
            out.set(entry.fileName.toLowerCase(), new Uint8Array(Buffer.concat(chunks)));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c): c is XmlElement => "attributes" in c && c.name === name);
}

function xmlOf(bytes: Uint8Array): XmlElement {
  return parseXml(new TextDecoder().decode(bytes).replace(/^\uFEFF/, "")).root;
}

/**
 * Reads an uploaded zip; a string (the reason, as Dataverse words it) when it is not a valid solution, so
 * the import then fails like Dataverse's.
 */
export async function inspectZip(bytes: Uint8Array): Promise<ImportedSolution | string> {
  let files: Map<string, Uint8Array>;
  try {
    files = await unzipEntries(bytes);
  } catch {
    return "The file is not a valid zip archive.";
  }
  const solutionXml = files.get("solution.xml");
  const customizationsXml = files.get("customizations.xml");
  if (!solutionXml || !customizationsXml) return "The solution manifest is missing.";
  try {
    const manifest = child(xmlOf(solutionXml), "SolutionManifest");
    const uniqueName = child(manifest, "UniqueName")?.text.trim();
    if (!manifest || !uniqueName) return "The solution manifest is missing.";
    const entities = child(xmlOf(customizationsXml), "Entities")?.children
      .filter((c): c is XmlElement => "attributes" in c && c.name === "Entity")
      .map((e) => child(e, "Name")?.text.trim() ?? "")
      .filter(Boolean) ?? [];
    return {
      uniqueName,
      version: child(manifest, "Version")?.text.trim() ?? "",
      managed: child(manifest, "Managed")?.text.trim() === "1",
      entities,
    };
  } catch (error) {
    return `The solution XML is not well-formed: ${(error as Error).message}`;
  }
}
