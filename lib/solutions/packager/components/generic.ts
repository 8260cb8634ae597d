/** Building blocks shared by the splitters. */

import { childElements, type XElement } from "../../xml/dom.ts";
import type { ComponentSplitter } from "./types.ts";

/** True when a container holds only elements (and layout whitespace), so splitting loses nothing. */
export function splittable(container: XElement, itemName?: string): boolean {
  return container.children.every((c) =>
    (c.kind === "text" && /^[ \t\r\n]*$/.test(c.text)) ||
    (c.kind === "element" && (!itemName || c.name.toLowerCase() === itemName.toLowerCase()))
  ) && childElements(container).length > 0;
}

/** Hands out unique paths: a second `x.xml` becomes `x-2.xml`. */
export class UniquePaths {
  readonly #used = new Set<string>();

  /** A path not handed out before (compared case-insensitively). */
  take(path: string): string {
    let candidate = path;
    const dot = path.lastIndexOf(".");
    const slash = path.lastIndexOf("/");
    const stem = dot > slash ? path.slice(0, dot) : path;
    const ext = dot > slash ? path.slice(dot) : "";
    for (let n = 2; this.#used.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${ext}`;
    this.#used.add(candidate.toLowerCase());
    return candidate;
  }
}

/** Options of a one-file-per-component splitter. */
export interface PerItemOptions {
  container: string;
  /** The element name of one component (checked so unexpected content stays inline). */
  item: string;
  /** The tree path of one component file. */
  pathOf(item: XElement, index: number): string;
  /** The tree folder searched when packing. */
  folder: string;
  /** Which files under `folder` (relative to it) are component files. */
  match: RegExp;
  /**
   * False when SolutionPackager writes the file without the namespace declarations inherited from
   * `ImportExportXml` (app modules); they are still added when the component uses their prefix.
   */
  inheritNamespaces?: boolean;
}

/** True when `el` or a descendant uses a namespace prefix declared in `chain`. */
function usesPrefixes(el: XElement, chain: XElement[]): boolean {
  const prefixes = new Set<string>();
  for (const c of chain) {
    for (const [k] of c.attrs) if (k.startsWith("xmlns:")) prefixes.add(k.slice(6));
  }
  if (prefixes.size === 0) return false;
  const uses = (e: XElement): boolean =>
    [e.name, ...e.attrs.map(([k]) => k)].some((n) => n.includes(":") && prefixes.has(n.split(":")[0])) ||
    childElements(e).some(uses);
  return uses(el);
}

/** A splitter writing each component of a container to its own file. */
export function perItem(options: PerItemOptions): ComponentSplitter {
  return {
    container: options.container,
    unpack(container, root, ctx) {
      if (!splittable(container, options.item)) return false;
      const paths = new UniquePaths();
      childElements(container).forEach((item, i) => {
        const chain = [root, container];
        const file = options.inheritNamespaces === false && !usesPrefixes(item, chain)
          ? item
          : ctx.detach(item, chain);
        ctx.emit(paths.take(options.pathOf(item, i)), file);
      });
      return true;
    },
    async pack(container, root, ctx) {
      const prefix = options.folder + "/";
      for (const path of ctx.list(options.folder)) {
        if (!options.match.test(path.slice(prefix.length))) continue;
        container.children.push(ctx.attach(await ctx.readXml(path), [root, container]));
      }
    },
  };
}

/** A splitter moving a whole container into one file under Other/ (e.g. Other/EntityMaps.xml). */
export function wholeContainer(container: string, path: string): ComponentSplitter {
  return {
    container,
    unpack(el, root, ctx) {
      if (!splittable(el)) return false;
      ctx.emit(path, ctx.detach({ ...el, children: [...el.children] }, [root]));
      return true;
    },
    async pack(el, root, ctx) {
      if (!ctx.exists(path)) return;
      const doc = ctx.attach(await ctx.readXml(path), [root]);
      for (const child of childElements(doc)) el.children.push(child);
    },
  };
}
