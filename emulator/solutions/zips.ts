/**
 * Solution zips in the emulator: a minimal valid solution built for export, and reading the manifest of
 * an imported one (through the same reader `ppx solution create-settings` uses).
 *
 * @module
 */

import { readSolutionZip, type SolutionContents } from "../../lib/solutions/lifecycle/zip_info.ts";
import { ZipWriter } from "../../lib/solutions/zip/write.ts";

const enc = new TextEncoder();

/** What a generated export contains. */
export interface ExportSpec {
  uniqueName: string;
  friendlyName: string;
  version: string;
  managed: boolean;
  publisher: string;
}

/** Builds a minimal solution zip: `[Content_Types].xml`, `solution.xml`, `customizations.xml`. */
export async function buildSolutionZip(spec: ExportSpec): Promise<Uint8Array> {
  const dir = await Deno.makeTempDir({ prefix: "ppx-emu-export-" });
  try {
    const path = `${dir}/solution.zip`;
    const zip = new ZipWriter(path);
    zip.addBytes(
      "[Content_Types].xml",
      enc.encode(
        '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="xml" ContentType="application/octet-stream" /></Types>',
      ),
    );
    zip.addBytes(
      "customizations.xml",
      enc.encode(
        '<?xml version="1.0" encoding="utf-8"?><ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
          "<Entities /><Roles /><Workflows /><FieldSecurityProfiles /><Templates /><EntityMaps />" +
          "<EntityRelationships /><OrganizationSettings /><optionsets /><CustomControls />" +
          "<EntityDataProviders /><Languages><Language>1033</Language></Languages></ImportExportXml>",
      ),
    );
    zip.addBytes(
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
    );
    await zip.finish();
    return await Deno.readFile(path);
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

/** Reads an uploaded zip; undefined when it is not a valid solution (the import then fails like Dataverse). */
export async function inspectZip(bytes: Uint8Array): Promise<SolutionContents | string> {
  const dir = await Deno.makeTempDir({ prefix: "ppx-emu-import-" });
  try {
    const path = `${dir}/import.zip`;
    await Deno.writeFile(path, bytes);
    return await readSolutionZip(path, "the import file");
  } catch (error) {
    return (error as Error).message;
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}
