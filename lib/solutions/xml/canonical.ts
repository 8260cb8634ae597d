/**
 * A canonical text form of an XML document for "same solution?" comparisons: layout whitespace, the
 * declaration, the BOM, line endings, `<a/>` versus `<a></a>` and repeated namespace declarations do
 * not matter; attribute order, text, CDATA and comments do. Children of the named collection elements
 * are compared as a set (the packager writes components in name order).
 *
 * @module
 */

import { isNamespaceDecl, type XElement } from "./dom.ts";
import { parseXmlText } from "./parse.ts";

/** Canonicalisation options. */
export interface CanonicalOptions {
  /** Lower-case element names whose children are compared in sorted order. */
  unordered?: ReadonlySet<string>;
}

/** The canonical form of XML text. */
export function canonicalXml(text: string, options: CanonicalOptions = {}): string {
  const doc = parseXmlText(text, "XML");
  return canon(doc.root, new Map(), options.unordered ?? new Set(), false);
}

function canon(
  el: XElement,
  scope: Map<string, string>,
  unordered: ReadonlySet<string>,
  preserve: boolean,
): string {
  const inner = new Map(scope);
  const attrs: string[] = [];
  for (const [k, v] of el.attrs) {
    if (isNamespaceDecl(k)) {
      if (scope.get(k) === v) continue;
      inner.set(k, v);
    }
    attrs.push(` ${k}=${JSON.stringify(v)}`);
  }
  const space = el.attrs.find(([k]) => k === "xml:space")?.[1];
  const keep = space === undefined ? preserve : space === "preserve";
  const hasElements = el.children.some((c) => c.kind === "element");
  const parts: string[] = [];
  let text = "";
  const flush = () => {
    if (text !== "") parts.push(`T${JSON.stringify(text.replaceAll("\r\n", "\n"))}`);
    text = "";
  };
  for (const c of el.children) {
    if (c.kind === "text") {
      if (!keep && hasElements && /^[ \t\r\n]*$/.test(c.text)) continue;
      text += c.text;
      continue;
    }
    flush();
    if (c.kind === "element") parts.push(canon(c, inner, unordered, keep));
    else if (c.kind === "cdata") parts.push(`C${JSON.stringify(c.text)}`);
    else if (c.kind === "comment") parts.push(`!${JSON.stringify(c.text)}`);
    else parts.push(`?${c.name} ${JSON.stringify(c.text)}`);
  }
  flush();
  if (unordered.has(el.name.toLowerCase())) parts.sort();
  return `<${el.name}${attrs.join("")}>${parts.join("")}</${el.name}>`;
}
