/**
 * `pack(folder, zip)`: a SolutionPackager source tree back into a solution zip. Component files are
 * put back into customizations.xml, referenced files become the entries the XML names, everything
 * else is copied under its own path. The zip is deterministic (fixed order, times and modes) and is
 * written to a temporary file that replaces the target only when complete.
 *
 * @module
 */

import { envFrom } from "../../env.ts";
import { ValidationError } from "../../errors.ts";
import { advised } from "../advice.ts";
import {
  attach,
  childElements,
  element,
  findChild,
  namespacesInScope,
  setText,
  textOf,
  type XElement,
} from "../xml/dom.ts";
import { parseXmlBytes } from "../xml/parse.ts";
import { assertWritable, retryUnpruned, writeXmlBytes, xmlChunks } from "../xml/write.ts";
import { ZipWriter } from "../zip/write.ts";
import { buildMsapp } from "./canvas.ts";
import { SPLITTERS } from "./components/registry.ts";
import type { PackContext } from "./components/types.ts";
import { contentTypesXml } from "./content_types.ts";
import { type FileMap, loadMap } from "./map.ts";
import type { PackagerOptions, PackageType, SolutionInfo } from "./options.ts";
import { canonicalCase, unmanagedName } from "./paths.ts";
import { TreeIndex } from "./tree.ts";
import { bothZips } from "./unpack.ts";

/** What pack did. */
export interface PackResult {
  folder: string;
  zipfiles: string[];
  packageType: PackageType;
  solution: SolutionInfo;
  /** Entries written per zip. */
  entries: number;
  /** Tree files left out of the zip (unknown files under Other/, dot-files, root files). */
  ignored: string[];
}

/** Packs `folder` into `zipfile` (with packageType Both also `<name>_managed.zip`). */
export function pack(
  folder: string,
  zipfile: string,
  options: PackagerOptions = {},
): Promise<PackResult> {
  // A component placed in mixed or xml:space="preserve" content keeps its layout whitespace: the partial
  // zip is removed and the tree packed again unpruned.
  return retryUnpruned((prune) => packWith(folder, zipfile, options, prune));
}

/** pack; `prune` drops layout whitespace while parsing the tree's XML (see ParseOptions.prune). */
async function packWith(
  folder: string,
  zipfile: string,
  options: PackagerOptions,
  prune: boolean,
): Promise<PackResult> {
  const tree = await TreeIndex.loadFolder(folder);
  const solutionPath = tree.find("Other/Solution.xml");
  if (!solutionPath || !tree.find("Other/Customizations.xml")) {
    const raw = tree.find("solution.xml") && tree.find("customizations.xml");
    throw advised(
      new ValidationError(
        `${folder} is not an unpacked solution: Other/Solution.xml or Other/Customizations.xml is missing.`,
        {
          hint: raw
            ? "This looks like a plain unzip of a solution; zip it as it is."
            : "Pack the folder that contains Other/ (for pac projects, the src/ folder).",
        },
      ),
      { kind: raw ? "pack-raw" : "point-at-source" },
    );
  }
  const solutionDoc = parseXmlBytes(await Deno.readFile(tree.abs(solutionPath)), solutionPath);
  const treeManaged = managedValue(solutionDoc.root);
  const map = options.map ? await loadMap(options.map, folder, options.env ?? envFrom({})) : undefined;
  const packageType = options.packageType ?? (treeManaged === "1" ? "Managed" : "Unmanaged");
  const variants: ("Unmanaged" | "Managed")[] = packageType === "Both"
    ? ["Unmanaged", "Managed"]
    : [packageType];
  for (const v of variants) {
    const want = v === "Managed" ? "1" : "0";
    if (treeManaged !== "2" && treeManaged !== want) {
      throw advised(
        new ValidationError(
          `${folder} holds a${
            treeManaged === "1" ? " managed" : "n unmanaged"
          } solution; it cannot be packed as ${v.toLowerCase()}.`,
          {
            hint:
              "Solutions change type only through an environment (import, then export as the other type). Unpack both types to pack either.",
          },
        ),
        { kind: "unpack-both" },
      );
    }
  }
  const pair = bothZips(zipfile);
  const targets = packageType === "Both" ? [pair.unmanaged, pair.managed] : [zipfile];
  const writers: ZipWriter[] = [];
  const temps: string[] = [];
  try {
    let entries = 0;
    let ignored: string[] = [];
    for (const [i, v] of variants.entries()) {
      const writer = new ZipWriter(targets[i]);
      writers.push(writer);
      const built = await build(
        tree,
        view(tree, treeManaged === "2", v),
        v,
        options,
        map,
        writer,
        temps,
        prune,
      );
      entries = writer.count;
      ignored = built.ignored;
    }
    for (const w of writers) await w.finish();
    const manifest = findChild(solutionDoc.root, "SolutionManifest");
    return {
      folder,
      zipfiles: targets,
      packageType,
      solution: {
        uniqueName: manifest && textOf(findChild(manifest, "UniqueName") ?? element("x")).trim(),
        version: manifest && textOf(findChild(manifest, "Version") ?? element("x")).trim(),
        managed: treeManaged,
      },
      entries,
      ignored,
    };
  } catch (error) {
    for (const w of writers) await w.abort();
    throw error;
  } finally {
    for (const t of temps) await Deno.remove(t).catch(() => {});
  }
}

function managedValue(root: XElement): string {
  const manifest = findChild(root, "SolutionManifest");
  const el = manifest && findChild(manifest, "Managed");
  return (el && textOf(el).trim()) || "0";
}

/** The tree as one package type sees it: lower-case path -> the on-disk file that provides it. */
function view(tree: TreeIndex, both: boolean, variant: "Unmanaged" | "Managed"): Map<string, string> {
  const out = new Map<string, string>();
  for (const [lower, rel] of tree.files) {
    if (both && unmanagedName(rel) !== undefined) continue;
    out.set(lower, rel);
  }
  if (both && variant === "Managed") {
    for (const [, rel] of tree.files) {
      const base = unmanagedName(rel);
      if (base !== undefined) out.set(base.toLowerCase(), rel);
    }
  }
  return out;
}

interface Source {
  name: string;
  /** A tree path (read through the map), an absolute file, or bytes. */
  tree?: string;
  file?: string;
  bytes?: Uint8Array;
}

async function build(
  tree: TreeIndex,
  files: Map<string, string>,
  variant: "Unmanaged" | "Managed",
  options: PackagerOptions,
  map: FileMap | undefined,
  writer: ZipWriter,
  temps: string[],
  prune: boolean,
): Promise<{ ignored: string[] }> {
  const consumed = new Set<string>();
  const entries = new Map<string, Source>();
  const addEntry = (source: Source) => {
    const key = source.name.toLowerCase();
    const other = entries.get(key);
    if (other && (other.tree ?? "").toLowerCase() !== (source.tree ?? "").toLowerCase()) {
      throw new ValidationError(`Two files would both become the zip entry '${source.name}'.`, {
        hint: `Check ${other.tree ?? other.name} and ${source.tree ?? source.name}; remove the stale one.`,
      });
    }
    entries.set(key, source);
  };
  const sorted = [...files.keys()].sort();
  const display = (lower: string) => {
    const rel = files.get(lower)!;
    const base = unmanagedName(rel);
    return base !== undefined && files.get(base.toLowerCase()) === rel ? base : rel;
  };
  const readAhead = new ReadAhead(tree, sorted.filter((p) => p.endsWith(".xml")).map((p) => files.get(p)!));
  const readBytes = async (path: string) => {
    const mapped = await map?.resolve(path);
    if (mapped) return Deno.readFileSync(mapped);
    const rel = files.get(path.toLowerCase());
    if (!rel) {
      throw new ValidationError(`${path} is missing from ${tree.root}.`, { hint: "Restore the file." });
    }
    return await readAhead.read(rel);
  };
  const ctx: PackContext = {
    list(folder) {
      const prefix = folder.toLowerCase() + "/";
      const out: string[] = [];
      for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i].startsWith(prefix); i++) {
        out.push(display(sorted[i]));
      }
      return out;
    },
    exists: (path) => files.has(path.toLowerCase()) || (map?.matches(path) ?? false),
    async readXml(path) {
      consumed.add(path.toLowerCase());
      return parseXmlBytes(await readBytes(path), path, { prune }).root;
    },
    route(path, entry) {
      consumed.add(path.toLowerCase());
      addEntry({ name: entry, tree: path });
    },
    consume: (path) => void consumed.add(path.toLowerCase()),
    attach: (el, chain) => attach(el, namespacesInScope(chain)),
  };

  const solutionDoc = parseXmlBytes(await readBytes("Other/Solution.xml"), "Other/Solution.xml");
  const manifest = findChild(solutionDoc.root, "SolutionManifest");
  const managedEl = manifest && findChild(manifest, "Managed");
  if (managedEl) setText(managedEl, variant === "Managed" ? "1" : "0");
  const customDoc = parseXmlBytes(await readBytes("Other/Customizations.xml"), "Other/Customizations.xml", {
    prune,
  });
  for (const splitter of SPLITTERS) {
    let container = childElements(customDoc.root).find((c) =>
      c.name.toLowerCase() === splitter.container.toLowerCase()
    );
    const created = !container;
    container ??= { ...element(splitter.container), selfClosing: false };
    const before = container.children.length;
    await splitter.pack(container, customDoc.root, ctx);
    if (created && container.children.length > before) customDoc.root.children.push(container);
  }

  const ignored: string[] = [];
  const canvasSources = new Map<string, { rel: string; abs: string }[]>();
  for (const lower of sorted) {
    if (consumed.has(lower)) continue;
    const rel = display(lower);
    const first = rel.split("/")[0].toLowerCase();
    const src = /^canvasapps\/src\/([^/]+)\/(.+)$/i.exec(rel);
    if (src) {
      const list = canvasSources.get(src[1]) ?? [];
      list.push({ rel: src[2], abs: tree.abs(files.get(lower)!) });
      canvasSources.set(src[1], list);
    } else if (first === "other" || !rel.includes("/") || rel.split("/").some((s) => s.startsWith("."))) {
      if (!/^other\/(solution|customizations)\.xml$/i.test(rel)) ignored.push(rel);
    } else if (first === "connectors") {
      addEntry({ name: "Connector/" + rel.slice("Connectors/".length), tree: rel });
    } else {
      addEntry({ name: canonicalCase(rel), tree: rel });
    }
  }
  for (const [app, list] of canvasSources) {
    const name = `CanvasApps/${app}_DocumentUri.msapp`;
    if (!options.processCanvasApps && files.has(name.toLowerCase())) {
      ignored.push(...list.map((f) => `CanvasApps/src/${app}/${f.rel}`));
      continue;
    }
    const temp = await Deno.makeTempFile({
      prefix: ".ppx-msapp-",
      dir: writer.path.replace(/[^/]*$/, "") || ".",
    });
    temps.push(temp);
    await Deno.remove(temp);
    await buildMsapp(app, list, temp);
    entries.set(name.toLowerCase(), { name, file: temp });
  }

  // Streamed: the largest document of a solution is never one string. Checked first, because a
  // PrunedLayoutError must reach pack() rather than break the archive half-way.
  assertWritable(customDoc);
  writer.addText("customizations.xml", xmlChunks(customDoc));
  writer.addBytes("solution.xml", writeXmlBytes(solutionDoc));
  const names = [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const source of names) {
    if (source.file) writer.addFile(source.name, source.file);
    else if (source.tree) {
      const mapped = await map?.resolve(source.tree);
      const rel = files.get(source.tree.toLowerCase());
      if (!mapped && !rel) {
        throw new ValidationError(`${source.tree} is missing from ${tree.root}.`, {
          hint: "Restore the file.",
        });
      }
      writer.addFile(source.name, mapped ?? tree.abs(rel!));
    }
  }
  writer.addBytes(
    "[Content_Types].xml",
    contentTypesXml(["customizations.xml", "solution.xml", ...names.map((n) => n.name)]),
  );
  return { ignored };
}

/** Component files read ahead of the one being parsed. */
const READ_AHEAD = 8;

/**
 * Reads the tree's XML files a few ahead, on the runtime's threads while this one parses: the splitters
 * ask for them in sorted order (folder by folder), so the next few in that order are read before they
 * are needed. A file asked for out of order is read at once; one skipped is dropped.
 */
class ReadAhead {
  readonly #tree: TreeIndex;
  readonly #order: string[];
  readonly #position: Map<string, number>;
  readonly #pending = new Map<string, Promise<Uint8Array>>();
  /** 1 for each file of `order` whose read has started. */
  readonly #started: Uint8Array;

  constructor(tree: TreeIndex, order: string[]) {
    this.#tree = tree;
    this.#order = order;
    this.#position = new Map(order.map((rel, i) => [rel, i]));
    this.#started = new Uint8Array(order.length);
  }

  read(rel: string): Promise<Uint8Array> {
    const at = this.#position.get(rel);
    if (at !== undefined) {
      this.#started[at] = 1;
      // Files before this one were skipped: drop what was read of them.
      for (const key of [...this.#pending.keys()]) {
        if (this.#position.get(key)! < at) this.#pending.delete(key);
      }
      for (let i = at + 1; i <= at + READ_AHEAD && i < this.#order.length; i++) {
        if (this.#started[i]) continue;
        this.#started[i] = 1;
        const bytes = Deno.readFile(this.#tree.abs(this.#order[i]));
        bytes.catch(() => {}); // a failure is reported to whoever asks for the file
        this.#pending.set(this.#order[i], bytes);
      }
    }
    const pending = this.#pending.get(rel);
    if (pending) {
      this.#pending.delete(rel);
      return pending;
    }
    try {
      return Promise.resolve(Deno.readFileSync(this.#tree.abs(rel)));
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

/** The first index of `sorted` whose value is >= `key`. */
function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
