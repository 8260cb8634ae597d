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

/**
 * Thrown by writeXml when an element whose layout whitespace was dropped at parse time (see
 * ParseOptions.prune) would be written where that whitespace is copied verbatim (inside mixed content or
 * `xml:space="preserve"`). Callers that parse with `prune` catch it and parse again without.
 */
export class PrunedLayoutError extends Error {
  /** Names the element. */
  constructor(name: string) {
    super(`<${name}> lost layout whitespace that would be written verbatim`);
    this.name = "PrunedLayoutError";
  }
}

/**
 * Runs `work` parsing with `prune` on (see ParseOptions.prune) and, when a pruned element turns out to be
 * written verbatim (PrunedLayoutError), once more keeping every whitespace node. `work` must leave nothing
 * behind when it throws (a partial archive removed, a staging folder not committed).
 */
export async function retryUnpruned<T>(work: (prune: boolean) => Promise<T>): Promise<T> {
  try {
    return await work(true);
  } catch (error) {
    if (!(error instanceof PrunedLayoutError)) throw error;
    return await work(false);
  }
}

/** Pieces collected before one chunk is handed out. */
const PIECES = 16 * 1024;

/** Serialises a document to text (with a leading BOM when the document had one). */
export function writeXml(doc: XDocument, options: WriteOptions = {}): string {
  let text = "";
  for (const chunk of xmlChunks(doc, options)) text += chunk;
  return text;
}

/** Serialises to UTF-8 bytes. */
export function writeXmlBytes(doc: XDocument, options: WriteOptions = {}): Uint8Array {
  return new TextEncoder().encode(writeXml(doc, options));
}

/**
 * Serialises a document piece by piece, so a large document can be streamed (into a zip entry, say)
 * without ever being one string. Concatenated, the chunks are exactly writeXml's text.
 */
export function* xmlChunks(doc: XDocument, options: WriteOptions = {}): Generator<string> {
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
    writeLeaf(node, nl, out);
  }
  line();
  yield* writeTree(doc.root, nl, out);
  for (const node of doc.epilog) {
    out.push(nl);
    writeLeaf(node, nl, out);
  }
  if (out.length > 0) yield out.join("");
}

/** Throws PrunedLayoutError when writeXml would; lets a caller check before it starts streaming. */
export function assertWritable(doc: XDocument): void {
  for (const _ of writeTree(doc.root, "", [], false)) {
    // only the checks matter
  }
}

function preserves(el: XElement, inherited: boolean): boolean {
  const space = el.attrs.find(([k]) => k === "xml:space")?.[1];
  return space === undefined ? inherited : space === "preserve";
}

function isBlank(text: string): boolean {
  return /^[ \t\r\n]*$/.test(text);
}

/** An element being written: its next child, and whether its children are laid out on indented lines. */
interface Frame {
  el: XElement;
  next: number;
  depth: number;
  layout: boolean;
  preserve: boolean;
}

/**
 * Writes an element tree without recursion (deep documents cannot overflow the stack), yielding every
 * PIECES pieces. With `emit` false nothing is collected: only the pruned-layout checks run.
 */
function* writeTree(root: XElement, nl: string, out: string[], emit = true): Generator<string> {
  const pads = [""];
  const pad = (depth: number) => (pads[depth] ??= "  ".repeat(depth));
  const stack: Frame[] = [];
  const open = (el: XElement, depth: number, indent: boolean, keep: boolean) => {
    if (emit) {
      out.push("<", el.name);
      for (const [k, v] of el.attrs) out.push(" ", k, '="', escapeAttr(v), '"');
    }
    if (el.children.length === 0) {
      if (emit) out.push(el.selfClosing ? " />" : `></${el.name}>`);
      return;
    }
    if (emit) out.push(">");
    const preserve = preserves(el, keep);
    const hasElements = el.children.some((c) => c.kind !== "text" && c.kind !== "cdata");
    // Whitespace between child elements is layout; any other text makes the content mixed, and mixed
    // content is written exactly as it is, without indentation.
    const mixed = preserve || !hasElements ||
      el.children.some((c) => c.kind === "cdata" || (c.kind === "text" && !isBlank(c.text)));
    const layout = !mixed && indent;
    if (el.pruned && !layout) throw new PrunedLayoutError(el.name);
    stack.push({ el, next: 0, depth, layout, preserve });
  };
  open(root, 0, true, false);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const children = top.el.children;
    if (top.next === children.length) {
      stack.pop();
      if (emit) {
        if (top.layout) out.push(nl, pad(top.depth));
        out.push("</", top.el.name, ">");
      }
      continue;
    }
    const c = children[top.next++];
    if (top.layout) {
      if (c.kind === "text") continue;
      if (emit) out.push(nl, pad(top.depth + 1));
    }
    if (c.kind === "element") open(c, top.depth + 1, top.layout, top.preserve);
    else if (emit) writeLeaf(c, nl, out);
    if (out.length >= PIECES) {
      yield out.join("");
      out.length = 0;
    }
  }
}

function writeLeaf(node: XNode, nl: string, out: string[]): void {
  switch (node.kind) {
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
    case "element":
      throw new Error("elements are written by writeTree");
  }
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
