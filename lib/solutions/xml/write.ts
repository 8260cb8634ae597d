/**
 * Serialises the tree of dom.ts the way .NET's XmlWriter does with indentation on (which is how
 * SolutionPackager and Dataverse write solution XML): two-space indents, `<a />` for empty elements,
 * no indentation inside mixed content, CRLF line breaks, attribute line breaks as character references.
 *
 * @module
 */

import type { XDocument, XElement, XNode } from "./dom.ts";

/** Serialisation options. */
export interface WriteOptions {
  /** Line break; SolutionPackager writes CRLF. */
  newline?: string;
}

/** Serialises a document to text (with a leading BOM when the document had one). */
export function writeXml(doc: XDocument, options: WriteOptions = {}): string {
  const nl = options.newline ?? "\r\n";
  const out: string[] = [];
  if (doc.bom) out.push("\uFEFF");
  let first = true;
  const line = () => {
    if (!first) out.push(nl);
    first = false;
  };
  if (doc.declaration) {
    const d = doc.declaration;
    line();
    out.push(`<?xml version="${d.version}"`);
    if (d.encoding) out.push(` encoding="${d.encoding}"`);
    if (d.standalone) out.push(` standalone="${d.standalone}"`);
    out.push("?>");
  }
  for (const node of doc.prolog) {
    line();
    writeNode(node, 0, true, nl, out);
  }
  line();
  writeNode(doc.root, 0, true, nl, out);
  for (const node of doc.epilog) {
    out.push(nl);
    writeNode(node, 0, true, nl, out);
  }
  return out.join("");
}

/** Serialises to UTF-8 bytes. */
export function writeXmlBytes(doc: XDocument, options: WriteOptions = {}): Uint8Array {
  return new TextEncoder().encode(writeXml(doc, options));
}

function preserves(el: XElement, inherited: boolean): boolean {
  const space = el.attrs.find(([k]) => k === "xml:space")?.[1];
  return space === undefined ? inherited : space === "preserve";
}

function isBlank(text: string): boolean {
  return /^[ \t\r\n]*$/.test(text);
}

function writeNode(
  node: XNode,
  depth: number,
  indent: boolean,
  nl: string,
  out: string[],
  keep = false,
): void {
  switch (node.kind) {
    case "element":
      return writeElement(node, depth, indent, nl, out, keep);
    case "text":
      out.push(escapeText(node.text, nl));
      return;
    case "cdata":
      out.push(`<![CDATA[${node.text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`);
      return;
    case "comment":
      out.push(`<!--${node.text}-->`);
      return;
    case "pi":
      out.push(node.text ? `<?${node.name} ${node.text}?>` : `<?${node.name}?>`);
      return;
  }
}

function writeElement(
  el: XElement,
  depth: number,
  indent: boolean,
  nl: string,
  out: string[],
  keep: boolean,
) {
  out.push("<", el.name);
  for (const [k, v] of el.attrs) out.push(" ", k, '="', escapeAttr(v), '"');
  if (el.children.length === 0) {
    out.push(el.selfClosing ? " />" : `></${el.name}>`);
    return;
  }
  out.push(">");
  const preserve = preserves(el, keep);
  const hasElements = el.children.some((c) => c.kind !== "text" && c.kind !== "cdata");
  // Whitespace between child elements is layout; any other text makes the content mixed, and mixed
  // content is written exactly as it is, without indentation.
  const mixed = preserve || !hasElements ||
    el.children.some((c) => c.kind === "cdata" || (c.kind === "text" && !isBlank(c.text)));
  if (mixed || !indent) {
    for (const c of el.children) writeNode(c, depth + 1, false, nl, out, preserve);
  } else {
    const pad = "  ".repeat(depth + 1);
    for (const c of el.children) {
      if (c.kind === "text") continue;
      out.push(nl, pad);
      writeNode(c, depth + 1, true, nl, out, preserve);
    }
    out.push(nl, "  ".repeat(depth));
  }
  out.push("</", el.name, ">");
}

function escapeText(text: string, nl: string): string {
  if (!/[&<>\r\n]/.test(text)) return text;
  return text.replace(/[&<>\r\n]/g, (c) => TEXT_ESCAPES[c] ?? nl);
}

const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#xD;" };

function escapeAttr(value: string): string {
  if (!/[&<>"\r\n\t]/.test(value)) return value;
  return value.replace(/[&<>"\r\n\t]/g, (c) => ATTR_ESCAPES[c]);
}

const ATTR_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\r": "&#xD;",
  "\n": "&#xA;",
  "\t": "&#x9;",
};
