/**
 * A small XML element tree built with `saxes`, for what the emulator reads: FetchXML queries, paging
 * cookies and the manifest of an imported solution. Deliberately not the product's reader (the emulator
 * cross-checks the product instead of sharing its code).
 *
 * @module
 */

import { SaxesParser } from "saxes";

/** Character data inside an element (entities and CDATA decoded). */
export class XmlText {
  /** The text. */
  text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** An element: its name, attributes (decoded) and element or text children in document order. */
export class XmlElement {
  /** The qualified name as written. */
  readonly name: string;
  /** Attributes by name. */
  readonly attributes: Record<string, string>;
  /** Children in document order (comments and processing instructions are dropped). */
  readonly children: (XmlElement | XmlText)[] = [];
  constructor(name: string, attributes: Record<string, string>) {
    this.name = name;
    this.attributes = attributes;
  }
  /** A plain structure of the element (a stable signature of a query). */
  toJSON(): { name: string; attributes: Record<string, string>; children: unknown[] } {
    return { name: this.name, attributes: this.attributes, children: this.children };
  }
  /** The concatenated text of this element and its descendants. */
  get text(): string {
    return this.children.map((c) => c.text).join("");
  }
}

/** A parsed document: its root element. */
export interface XmlDocument {
  root: XmlElement;
}

/** Parses XML text (strict: a malformed document throws an Error naming line and column). */
export function parseXml(text: string): XmlDocument {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const addText = (value: string) => {
    const top = stack.at(-1);
    if (!top) return;
    const last = top.children.at(-1);
    if (last instanceof XmlText) last.text += value;
    else top.children.push(new XmlText(value));
  };
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    const el = new XmlElement(tag.name, { ...(tag.attributes as Record<string, string>) });
    const parent = stack.at(-1);
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on("closetag", () => void stack.pop());
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.write(text).close();
  if (!root) throw new Error("The document has no root element.");
  return { root };
}
