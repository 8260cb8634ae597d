/**
 * Parses XML text into the ordered tree of dom.ts with `@rgrove/parse-xml` (a strict, spec-compliant
 * parser), keeping CDATA sections, comments, processing instructions, the declaration, the BOM and
 * whether each empty element was written `<a />` or `<a></a>`.
 *
 * @module
 */

import {
  parseXml as parse,
  XmlCdata,
  XmlComment,
  XmlDeclaration,
  XmlElement,
  XmlError,
  type XmlNode,
  XmlProcessingInstruction,
  XmlText,
} from "@rgrove/parse-xml";
import { ValidationError } from "../../errors.ts";
import type { XDeclaration, XDocument, XElement, XNode } from "./dom.ts";

const BOM = "\uFEFF";

/** Decodes UTF-8 bytes (with or without BOM) and parses them; `label` names the file in errors. */
export function parseXmlBytes(bytes: Uint8Array, label: string): XDocument {
  return parseXmlText(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes), label);
}

/** Parses XML text; `label` names the file in errors. */
export function parseXmlText(text: string, label: string): XDocument {
  const bom = text.startsWith(BOM);
  const source = bom ? text.slice(1) : text;
  let doc;
  try {
    doc = parse(source, {
      includeOffsets: true,
      preserveCdata: true,
      preserveComments: true,
      preserveXmlDeclaration: true,
    });
  } catch (error) {
    const detail = error instanceof XmlError ? error.message : String(error);
    throw new ValidationError(`${label} is not well-formed XML: ${detail}`, {
      hint: "Fix or restore the file (for example from source control), then run the command again.",
      cause: error,
    });
  }
  let declaration: XDeclaration | undefined;
  const prolog: XNode[] = [];
  const epilog: XNode[] = [];
  let root: XElement | undefined;
  for (const node of doc.children) {
    if (node instanceof XmlDeclaration) {
      declaration = {
        version: node.version,
        encoding: node.encoding ?? undefined,
        standalone: node.standalone ?? undefined,
      };
    } else if (node instanceof XmlElement) {
      root = convertElement(node, source);
    } else {
      const converted = convert(node, source);
      if (converted && converted.kind !== "text") (root ? epilog : prolog).push(converted);
    }
  }
  if (!root) {
    throw new ValidationError(`${label} has no root element.`, { hint: "Restore the file and try again." });
  }
  return { bom, declaration, prolog, root, epilog };
}

function convert(node: XmlNode, source: string): XNode | undefined {
  if (node instanceof XmlElement) return convertElement(node, source);
  if (node instanceof XmlCdata) return { kind: "cdata", text: node.text };
  if (node instanceof XmlText) return { kind: "text", text: node.text };
  if (node instanceof XmlComment) return { kind: "comment", text: node.content };
  if (node instanceof XmlProcessingInstruction) return { kind: "pi", name: node.name, text: node.content };
  return undefined;
}

function convertElement(node: XmlElement, source: string): XElement {
  const children: XNode[] = [];
  for (const child of node.children) {
    const converted = convert(child, source);
    if (converted) children.push(converted);
  }
  return {
    kind: "element",
    name: node.name,
    attrs: Object.entries(node.attributes),
    children,
    selfClosing: children.length === 0 && source.charCodeAt(node.end - 2) === 47, // "/>"
  };
}
