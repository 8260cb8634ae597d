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
import type { XDeclaration, XDocument, XElement, XNode } from "./dom.ts";

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

/** Decodes UTF-8 bytes (with or without BOM) chunk by chunk and parses them; `label` names the file in errors. */
export function parseXmlBytes(bytes: Uint8Array, label: string, options: ParseOptions = {}): XDocument {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const builder = new TreeBuilder(bom, label, options);
  for (let at = bom ? 3 : 0; at < bytes.length; at += CHUNK) {
    const end = Math.min(at + CHUNK, bytes.length);
    builder.write(decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length }));
  }
  return builder.end();
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
      const attrs = new Array<[string, string]>(names.length);
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
      };
      const depth = this.#stack.length;
      const inherited = depth > 0 ? this.#flags[depth - 1] & PRESERVE : 0;
      const preserve = space === undefined ? inherited : space === "preserve" ? PRESERVE : 0;
      if (depth > 0) this.#append(el, HAS_MARKUP);
      else this.#root = el;
      this.#stack.push(el);
      this.#flags.push(preserve);
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
        last.text += text;
        this.#flags[depth - 1] |= BLANK.test(last.text) ? HAS_BLANK : HAS_CONTENT;
      } else {
        this.#append({ kind: "text", text }, BLANK.test(text) ? HAS_BLANK : HAS_CONTENT);
      }
    });
    p.on("cdata", (text) => this.#append({ kind: "cdata", text }, HAS_CONTENT));
    p.on("comment", (text) => this.#misc({ kind: "comment", text }));
    p.on("processinginstruction", (pi) => this.#misc({ kind: "pi", name: pi.target, text: pi.body }));
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
