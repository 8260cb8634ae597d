/**
 * A small, ordered XML tree: what the solution packager needs to split `customizations.xml` into
 * component files and put it back without losing attribute order, namespaces, CDATA, comments or
 * whitespace-significant text.
 *
 * @module
 */

/** An element; `selfClosing` remembers `<a />` versus `<a></a>` so both survive a round trip. */
export interface XElement {
  kind: "element";
  name: string;
  /**
   * Attributes in document order, values decoded. Namespace declarations are ordinary attributes. A
   * parsed element without attributes shares one frozen empty list: add through {@link setAttr}.
   */
  attrs: [string, string][];
  children: XNode[];
  selfClosing: boolean;
  /**
   * Layout whitespace between the children was dropped at parse time (ParseOptions.prune); writeXml
   * refuses to write the element where that whitespace would have been copied verbatim.
   */
  pruned?: boolean;
}

/** Character data (entities decoded). Parsed text nodes may be shared: replace one, never change it. */
export interface XText {
  kind: "text";
  text: string;
}

/** A CDATA section, kept as such. */
export interface XCdata {
  kind: "cdata";
  text: string;
}

/** A comment. */
export interface XComment {
  kind: "comment";
  text: string;
}

/** A processing instruction. */
export interface XPi {
  kind: "pi";
  name: string;
  text: string;
}

/** Any node inside an element. */
export type XNode = XElement | XText | XCdata | XComment | XPi;

/** The XML declaration's pseudo-attributes. */
export interface XDeclaration {
  version: string;
  encoding?: string;
  standalone?: string;
}

/** A whole document. */
export interface XDocument {
  /** The source started with a UTF-8 byte order mark. */
  bom: boolean;
  declaration?: XDeclaration;
  /** Comments and processing instructions before the root element. */
  prolog: XNode[];
  root: XElement;
  /** Comments and processing instructions after the root element. */
  epilog: XNode[];
}

/** Creates an element. */
export function element(name: string, attrs: [string, string][] = [], children: XNode[] = []): XElement {
  return { kind: "element", name, attrs, children, selfClosing: children.length === 0 };
}

/** The element children of an element. */
export function childElements(el: XElement): XElement[] {
  return el.children.filter((c): c is XElement => c.kind === "element");
}

/** The first child element whose name matches case-insensitively. */
export function findChild(el: XElement, name: string): XElement | undefined {
  const lower = name.toLowerCase();
  return el.children.find((c): c is XElement => c.kind === "element" && c.name.toLowerCase() === lower);
}

/** The text content of an element (text and CDATA of all descendants). */
export function textOf(el: XElement): string {
  let out = "";
  for (const c of el.children) {
    if (c.kind === "text" || c.kind === "cdata") out += c.text;
    else if (c.kind === "element") out += textOf(c);
  }
  return out;
}

/** The text of the first child element with that name, trimmed; undefined when absent or empty. */
export function childText(el: XElement, name: string): string | undefined {
  const child = findChild(el, name);
  const text = child ? textOf(child).trim() : "";
  return text === "" ? undefined : text;
}

/** An attribute value by name (case-insensitive). */
export function attr(el: XElement, name: string): string | undefined {
  const lower = name.toLowerCase();
  return el.attrs.find(([k]) => k.toLowerCase() === lower)?.[1];
}

/** Sets an attribute, keeping its position when it exists. */
export function setAttr(el: XElement, name: string, value: string): void {
  const found = el.attrs.find(([k]) => k === name);
  if (found) found[1] = value;
  else el.attrs = [...el.attrs, [name, value]];
}

/** Replaces an element's content with one text node. */
export function setText(el: XElement, text: string): void {
  el.children = [{ kind: "text", text }];
  el.pruned = false;
}

/** True for `xmlns` and `xmlns:*` attributes. */
export function isNamespaceDecl(name: string): boolean {
  return name === "xmlns" || name.startsWith("xmlns:");
}

/** The namespace declarations in scope at `chain` (outermost first); inner declarations win. */
export function namespacesInScope(chain: XElement[]): Map<string, string> {
  const scope = new Map<string, string>();
  for (const el of chain) {
    for (const [k, v] of el.attrs) if (isNamespaceDecl(k)) scope.set(k, v);
  }
  return scope;
}

/**
 * A copy of `el` that can stand alone as a document root: the namespace declarations it inherits
 * from `scope` are appended after its own attributes (as SolutionPackager writes component files).
 */
export function detach(el: XElement, scope: Map<string, string>): XElement {
  const own = new Set(el.attrs.map(([k]) => k));
  const attrs: [string, string][] = el.attrs.map(([k, v]) => [k, v]);
  for (const [k, v] of scope) if (!own.has(k)) attrs.push([k, v]);
  return { ...el, attrs };
}

/** The reverse of {@link detach}: drops declarations that repeat what `scope` already declares. */
export function attach(el: XElement, scope: Map<string, string>): XElement {
  const attrs = el.attrs.filter(([k, v]) => !(isNamespaceDecl(k) && scope.get(k) === v));
  return { ...el, attrs };
}

/** Removes all children, keeping the element in place as `<a></a>` (or `<a />` if it was empty). */
export function empty(el: XElement): XNode[] {
  const removed = el.children;
  el.children = [];
  el.pruned = false;
  return removed;
}

/** A standalone document around a root element. */
export function documentOf(root: XElement, bom: boolean): XDocument {
  return { bom, declaration: { version: "1.0", encoding: "utf-8" }, prolog: [], root, epilog: [] };
}
