/**
 * Reading a site folder written by pac (either data model) into a Site, detecting its model, and writing
 * a laid-out site back: files whose content did not change keep their bytes (quoting, key order, BOM and
 * line ends as they were), files of records that are gone are removed, and files ppx does not know are
 * never touched.
 *
 * Permissions: `--allow-read` (and `--allow-write` to write) for the folder.
 *
 * @module
 */

import { join, relative, sep as SEPARATOR } from "node:path";
import { ValidationError } from "../errors.ts";
import { SiteFolderError } from "./errors.ts";
import type { PlannedFile } from "./layout.ts";
import { fileSource, type Site, type SiteRecord } from "./model.ts";
import { SafeTree } from "../fs/safe_tree.ts";
import { inPool } from "./pool.ts";
import { column, type DataModel, PAGES_TABLES, type PagesTable, table } from "./tables.ts";
import { decodeText, parseYaml, sameYaml, toYaml } from "./yaml.ts";

/** A site folder found on disk. */
export interface SiteFolder {
  /** The data model of the folder's layout. */
  model: DataModel;
  /** The folder holding `website.yml` (`<path>/.powerpages-site` for enhanced sites with code). */
  siteRoot: string;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Finds the site in `path` and its model; undefined when there is none. */
export async function detectFolder(path: string): Promise<SiteFolder | undefined> {
  const nested = join(path, ".powerpages-site");
  if (await exists(join(nested, "website.yml"))) return { model: "enhanced", siteRoot: nested };
  const website = join(path, "website.yml");
  if (!(await exists(website))) return undefined;
  const data = parseYaml(decodeText(await Deno.readFile(website)).text, website) as Record<string, unknown>;
  return { model: data && "adx_websiteid" in data ? "standard" : "enhanced", siteRoot: path };
}

async function* walk(root: string, dir = root): AsyncGenerator<string> {
  const entries: Deno.DirEntry[] = [];
  for await (const e of Deno.readDir(dir)) entries.push(e);
  entries.sort((a, b) => a.name < b.name ? -1 : 1);
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory) {
      if (e.name.startsWith(".") && e.name !== ".portalconfig") continue;
      yield* walk(root, full);
    } else if (e.isFile) yield relative(root, full).split(SEPARATOR).join("/");
  }
}

const SUFFIXES = PAGES_TABLES.flatMap((t) =>
  [t.standard?.suffix, t.enhanced.suffix].filter((s): s is string => !!s).map((s) => ({
    suffix: s,
    table: t,
  }))
);

function toRecord(model: DataModel, t: PagesTable, data: unknown, where: string): SiteRecord {
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    throw new ValidationError(`${where}: expected a map of fields.`, { hint: "Fix or remove the file." });
  }
  const idKey = column(model, t, "id");
  const { [idKey]: id, ...fields } = data as Record<string, unknown>;
  if (typeof id !== "string" || id === "") {
    throw new ValidationError(`${where}: the record has no ${idKey}.`, {
      hint: "Every record file needs its id; download the site again to restore it.",
    });
  }
  return { table: t, id: id.toLowerCase(), fields, paths: [] };
}

/** Reads every record of the site in `siteRoot`. */
export async function readSiteFolder(folder: SiteFolder): Promise<Site> {
  const { model, siteRoot } = folder;
  const all: string[] = [];
  for await (const p of walk(siteRoot)) all.push(p);
  const present = new Set(all);
  const records: SiteRecord[] = [];
  const read = async (p: string) => {
    const decoded = decodeText(await Deno.readFile(join(siteRoot, p)));
    return parseYaml(decoded.text, p);
  };
  const readOne = async (p: string): Promise<SiteRecord[]> => {
    const out: SiteRecord[] = [];
    let t: PagesTable | undefined;
    let list = false;
    if (p === "website.yml") t = table("website");
    else if (p === ".portalconfig/portallanguage.yml") [t, list] = [table("portallanguage"), true];
    else if (model === "standard" && !p.includes("/") && p.endsWith(".yml")) {
      const candidate = PAGES_TABLES.find((x) => x.listFile && `${x.key}.yml` === p);
      if (candidate) [t, list] = [candidate, true];
    } else if (p.endsWith(".weblinkset.weblink.yml")) [t, list] = [table("weblink"), true];
    else if (p.endsWith(".yml")) {
      const match = SUFFIXES.filter((s) =>
        p.endsWith(`.${s.suffix}.yml`)
      ).sort((a, b) => b.suffix.length - a.suffix.length)[0];
      t = match?.table;
    }
    if (!t) return out; // not ours: kept as it is
    const data = await read(p);
    const items = list ? (Array.isArray(data) ? data : data == null ? [] : [data]) : [data];
    for (const [i, item] of items.entries()) {
      const r = toRecord(model, t, item, list ? `${p} item ${i + 1}` : p);
      r.paths!.push(p);
      if (!list) {
        const stem = p.slice(0, -".yml".length);
        for (const [field, suffix] of Object.entries(t.content ?? {})) {
          const cp = `${stem}.${suffix}`;
          if (present.has(cp)) {
            r.paths!.push(cp);
            const text = decodeText(await Deno.readFile(join(siteRoot, cp))).text;
            if (text !== "") r.fields[column(model, t, field)] = text;
          }
        }
        if (t.binary) {
          const bp = stem.slice(0, -`.${t.enhanced.suffix}`.length);
          if (present.has(bp)) {
            r.paths!.push(bp);
            const name = typeof r.fields["filename"] === "string"
              ? r.fields["filename"] as string
              : bp.split("/").pop()!;
            r.binary = await fileSource(name, join(siteRoot, bp));
          }
        }
      }
      out.push(r);
    }
    return out;
  };
  for (const found of await inPool(all, 16, readOne)) records.push(...found);
  const website = records.find((r) => r.table.key === "website");
  if (!website) {
    throw new SiteFolderError("no-website-yml", siteRoot, `No website.yml in ${siteRoot}.`);
  }
  return { model, websiteId: website.id, records };
}

/** What writing a folder did. */
export interface FolderWriteStats {
  /** Files written (new or changed). */
  written: string[];
  /** Files left as they were (same content). */
  unchanged: number;
  /** Files of records no longer in the site, removed. */
  removed: string[];
}

async function sameAsDisk(full: string, file: PlannedFile): Promise<boolean> {
  let bytes: Uint8Array;
  try {
    if (file.kind === "binary") {
      const info = await Deno.stat(full);
      if (info.size !== file.binary.size) return false;
      return (await fileSource(file.binary.fileName, full)).sha256 === file.binary.sha256;
    }
    bytes = await Deno.readFile(full);
  } catch {
    return false;
  }
  const { text } = decodeText(bytes);
  if (file.kind === "text") return text === file.text;
  try {
    return sameYaml(parseYaml(text, full), file.data);
  } catch {
    return false;
  }
}

async function bytesOf(file: PlannedFile): Promise<Uint8Array | ReadableStream<Uint8Array>> {
  if (file.kind === "yaml") return new TextEncoder().encode(toYaml(file.data));
  if (file.kind === "text") return new TextEncoder().encode(file.text);
  return await file.binary.open(); // streamed to disk, never held whole
}

/**
 * Writes the planned files under `siteRoot`, keeping files whose content is already right, and removes
 * the files `previous` records held that the new layout no longer has.
 */
export async function writeSiteFolder(
  siteRoot: string,
  files: PlannedFile[],
  previous?: Site,
  onProgress?: (label: string, done: number, total?: number) => void,
): Promise<FolderWriteStats> {
  const stats: FolderWriteStats = { written: [], unchanged: 0, removed: [] };
  const tree = await SafeTree.open(siteRoot, { create: true });
  // Every name is checked (traversal, reserved names, case clashes) before the first byte is written.
  const planned = new Set(files.map((f) => tree.claim(f.path)));
  for (const file of files) tree.assertWritable(file.path);
  let done = 0;
  const written = await inPool(files, 16, async (file) => {
    onProgress?.("files", done++, files.length);
    if (await sameAsDisk(join(siteRoot, file.path), file)) return false;
    await tree.writeFile(file.path, await bytesOf(file));
    return true;
  });
  files.forEach((file, i) => written[i] ? stats.written.push(file.path) : stats.unchanged++);
  for (const r of previous?.records ?? []) {
    for (const p of r.paths ?? []) {
      if (!planned.has(p)) {
        planned.add(p);
        if (await tree.removeFile(p)) stats.removed.push(p);
      }
    }
  }
  return stats;
}
