/**
 * Parses XML into the ordered tree of dom.ts with `saxes` (a strict, streaming, spec-compliant
 * parser), keeping CDATA sections, comments, processing instructions, the declaration, the BOM and
 * whether each empty element was written `<a />` or `<a></a>`.
 *
 * The tree is built straight from the parser's events and bytes are decoded chunk by chunk, so a large
 * `customizations.xml` never exists as one giant string next to a second, intermediate document. With
 * `prune`, layout whitespace is dropped as each element closes (see {@link ParseOptions.prune}).
 *
 * @module
 */

import { SaxesParser } from "saxes";
import { ValidationError } from "../../errors.ts";
import type { XDeclaration, XDocument, XElement, XNode, XText } from "./dom.ts";

/** Parse options. */
export interface ParseOptions {
  /**
   * Drop whitespace-only text between child elements where writeXml would skip it anyway: in element-only
   * content (at least one element, comment or PI child, no CDATA, no other text) outside
   * `xml:space="preserve"`. Such elements are marked `pruned`; writeXml refuses (PrunedLayoutError) to
   * write one where the whitespace would have been copied verbatim, so output never silently changes.
   * Whitespace that is content (an element holding only whitespace, mixed content) is always kept.
   */
  prune?: boolean;
}

/** Characters decoded and handed to the parser at a time. */
const CHUNK = 1 << 20;
const BLANK = /^[ \t\r\n]*$/;
/** Texts up to this length are shared between equal text nodes, up to SHARED_TEXTS distinct ones. */
const SHARED_TEXT_LENGTH = 40;
const SHARED_TEXTS = 65536;
/**
 * The attribute list of every parsed element without attributes: one frozen array instead of a million
 * empty ones. setAttr replaces it before adding; nothing else adds attributes in place.
 */
const NO_ATTRS = Object.freeze([]) as unknown as [string, string][];

/** Decodes UTF-8 bytes (with or without BOM) chunk by chunk and parses them; `label` names the file in errors. */
export function parseXmlBytes(bytes: Uint8Array, label: string, options: ParseOptions = {}): XDocument {
  const bom = hasBom(bytes);
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const builder = new TreeBuilder(bom, label, options);
  for (let at = bom ? 3 : 0; at < bytes.length; at += CHUNK) {
    const end = Math.min(at + CHUNK, bytes.length);
    builder.write(decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length }));
  }
  return builder.end();
}

/**
 * Parses UTF-8 bytes that arrive in pieces (a zip entry as it is inflated, say): the whole document
 * never sits in memory as bytes or as text, only the tree that is built from it.
 */
export async function parseXmlStream(
  chunks: AsyncIterable<Uint8Array>,
  label: string,
  options: ParseOptions = {},
): Promise<XDocument> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  let head: Uint8Array | undefined = new Uint8Array(0);
  let builder: TreeBuilder | undefined;
  for await (const chunk of chunks) {
    let bytes = chunk;
    if (head) {
      // The BOM decision needs the first three bytes, whatever size the first pieces have.
      bytes = head.length === 0 ? chunk : concat(head, chunk);
      if (bytes.length < 3) {
        head = bytes;
        continue;
      }
      head = undefined;
      builder = new TreeBuilder(hasBom(bytes), label, options);
      if (hasBom(bytes)) bytes = bytes.subarray(3);
    }
    for (let at = 0; at < bytes.length; at += CHUNK) {
      builder!.write(
        decoder.decode(bytes.subarray(at, Math.min(at + CHUNK, bytes.length)), { stream: true }),
      );
    }
  }
  if (head) {
    builder = new TreeBuilder(hasBom(head), label, options);
    builder.write(decoder.decode(hasBom(head) ? head.subarray(3) : head, { stream: true }));
  }
  builder!.write(decoder.decode());
  return builder!.end();
}

function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Parses XML text; `label` names the file in errors. */
export function parseXmlText(text: string, label: string, options: ParseOptions = {}): XDocument {
  const bom = text.startsWith("\uFEFF");
  const builder = new TreeBuilder(bom, label, options);
  const start = bom ? 1 : 0;
  for (let at = start; at < text.length; at += CHUNK) builder.write(text.slice(at, at + CHUNK));
  return builder.end();
}

/** Per open element: what its content holds so far, to decide at its end tag whether layout can go. */
const HAS_MARKUP = 1; // an element, comment or PI child
const HAS_CONTENT = 2; // CDATA or non-blank text
const HAS_BLANK = 4; // whitespace-only text
const PRESERVE = 8; // xml:space="preserve" in scope
const VERBATIM = 16; // inside content already known to be mixed: written as is, layout included

class TreeBuilder {
  readonly #parser = new SaxesParser({ xmlns: false, position: true });
  readonly #label: string;
  readonly #bom: boolean;
  readonly #prune: boolean;
  readonly #stack: XElement[] = [];
  readonly #flags: number[] = [];
  /** Children of the open elements, innermost last; each gets its own exact-size array at its end tag. */
  readonly #pending: XNode[] = [];
  readonly #starts: number[] = [];
  readonly #prolog: XNode[] = [];
  readonly #epilog: XNode[] = [];
  /** Interned names: the same few hundred element and attribute names repeat throughout a solution. */
  readonly #names = new Map<string, string>();
  readonly #texts = new Map<string, XText>();
  #declaration: XDeclaration | undefined;
  #root: XElement | undefined;
  #error: unknown;

  constructor(bom: boolean, label: string, options: ParseOptions) {
    this.#bom = bom;
    this.#label = label;
    this.#prune = options.prune ?? false;
    const p = this.#parser;
    p.on("error", (error) => {
      this.#error ??= error;
    });
    p.on("xmldecl", (d) => {
      this.#declaration = { version: d.version ?? "1.0", encoding: d.encoding, standalone: d.standalone };
    });
    p.on("opentag", (tag) => {
      const names = Object.keys(tag.attributes);
      // Arrays are built at their final size: V8 gives an array that grew by push room for 17 entries,
      // which for a million small elements is most of the tree's memory.
      const attrs = names.length === 0 ? NO_ATTRS : new Array<[string, string]>(names.length);
      let space: string | undefined;
      for (let i = 0; i < names.length; i++) {
        const k = names[i];
        const v = tag.attributes[k] as string;
        if (k === "xml:space") space = v;
        attrs[i] = [this.#name(k), v];
      }
      const el: XElement = {
        kind: "element",
        name: this.#name(tag.name),
        attrs,
        children: [],
        selfClosing: tag.isSelfClosing,
        pruned: false,
      };
      const depth = this.#stack.length;
      const parent = depth > 0 ? this.#flags[depth - 1] : 0;
      const inherited = parent & PRESERVE;
      const preserve = space === undefined ? inherited : space === "preserve" ? PRESERVE : 0;
      // Text before this element makes the parent's content mixed, and mixed content is written verbatim
      // down to the leaves: keep the layout here (text only after it is caught by writeXml instead).
      const verbatim = parent & (VERBATIM | HAS_CONTENT) ? VERBATIM : 0;
      if (depth > 0) this.#append(el, HAS_MARKUP);
      else this.#root = el;
      this.#stack.push(el);
      this.#flags.push(preserve | verbatim);
      this.#starts.push(this.#pending.length);
    });
    p.on("closetag", () => {
      const el = this.#stack.pop()!;
      const flags = this.#flags.pop()!;
      const start = this.#starts.pop()!;
      const pending = this.#pending;
      if (pending.length > start) {
        if (this.#prune && flags === (HAS_MARKUP | HAS_BLANK)) {
          let n = 0;
          for (let i = start; i < pending.length; i++) if (pending[i].kind !== "text") n++;
          const children = new Array<XNode>(n);
          n = 0;
          for (let i = start; i < pending.length; i++) {
            if (pending[i].kind !== "text") children[n++] = pending[i];
          }
          el.children = children;
          el.pruned = true;
        } else {
          el.children = pending.slice(start);
        }
        pending.length = start;
      }
    });
    p.on("text", (text) => {
      const depth = this.#stack.length;
      if (depth === 0) return; // whitespace around the root element
      const pending = this.#pending;
      const last = pending.length > this.#starts[depth - 1] ? pending[pending.length - 1] : undefined;
      if (last?.kind === "text") {
        // Replaced, not appended to: text nodes may be shared (see #text).
        const merged = last.text + text;
        pending[pending.length - 1] = this.#text(merged);
        this.#flags[depth - 1] |= BLANK.test(merged) ? HAS_BLANK : HAS_CONTENT;
      } else {
        this.#append(this.#text(text), BLANK.test(text) ? HAS_BLANK : HAS_CONTENT);
      }
    });
    p.on("cdata", (text) => this.#append({ kind: "cdata", text }, HAS_CONTENT));
    p.on("comment", (text) => this.#misc({ kind: "comment", text }));
    p.on("processinginstruction", (pi) => this.#misc({ kind: "pi", name: pi.target, text: pi.body }));
  }

  /**
   * A text node, shared with earlier ones of the same short text: values such as `0`, `true`, `nvarchar`
   * or a language code repeat throughout a solution. Nothing changes a text node in place (setText
   * replaces the children), so sharing is safe. The table is bounded so unique values do not fill it.
   */
  #text(text: string): XText {
    if (text.length > SHARED_TEXT_LENGTH) return { kind: "text", text };
    let node = this.#texts.get(text);
    if (node === undefined) {
      node = { kind: "text", text };
      if (this.#texts.size < SHARED_TEXTS) this.#texts.set(text, node);
    }
    return node;
  }

  #name(name: string): string {
    const known = this.#names.get(name);
    if (known !== undefined) return known;
    this.#names.set(name, name);
    return name;
  }

  #append(node: XNode, flag: number): void {
    this.#pending.push(node);
    this.#flags[this.#stack.length - 1] |= flag;
  }

  #misc(node: XNode): void {
    if (this.#stack.length > 0) this.#append(node, HAS_MARKUP);
    else (this.#root ? this.#epilog : this.#prolog).push(node);
  }

  write(chunk: string): void {
    if (this.#error === undefined) this.#parser.write(chunk);
    this.#check();
  }

  end(): XDocument {
    if (this.#error === undefined) this.#parser.close();
    this.#check();
    if (!this.#root) {
      throw new ValidationError(`${this.#label} has no root element.`, {
        hint: "Restore the file and try again.",
      });
    }
    return {
      bom: this.#bom,
      declaration: this.#declaration,
      prolog: this.#prolog,
      root: this.#root,
      epilog: this.#epilog,
    };
  }

  #check(): void {
    const error = this.#error;
    if (error === undefined) return;
    const detail = error instanceof Error ? error.message : String(error);
    throw new ValidationError(`${this.#label} is not well-formed XML: ${detail}`, {
      hint: "Fix or restore the file (for example from source control), then run the command again.",
      cause: error,
    });
  }
}
