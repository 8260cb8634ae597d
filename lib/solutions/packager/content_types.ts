/** The `[Content_Types].xml` entry every solution zip carries (Open Packaging Conventions). */

const NS = "http://schemas.openxmlformats.org/package/2006/content-types";
const TYPE = "application/octet-stream";

/** Builds `[Content_Types].xml` for the given entry names: one Default per extension, Overrides for
 * names without one. */
export function contentTypesXml(entries: string[]): Uint8Array {
  const extensions = new Set<string>(["xml"]);
  const overrides: string[] = [];
  for (const name of entries) {
    const base = name.slice(name.lastIndexOf("/") + 1);
    const dot = base.lastIndexOf(".");
    if (dot > 0 && dot < base.length - 1) extensions.add(base.slice(dot + 1).toLowerCase());
    else overrides.push(name);
  }
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  const parts = [`\uFEFF<?xml version="1.0" encoding="utf-8"?><Types xmlns="${NS}">`];
  for (const ext of [...extensions].sort()) {
    parts.push(`<Default Extension="${esc(ext)}" ContentType="${TYPE}" />`);
  }
  for (const name of overrides.sort()) {
    parts.push(`<Override PartName="/${esc(encodeURI(name))}" ContentType="${TYPE}" />`);
  }
  parts.push("</Types>");
  return new TextEncoder().encode(parts.join(""));
}
