/**
 * SolutionPackager mapping files (`--map`): `<Folder>`, `<FileToFile>` and `<FileToPath>` directives
 * that say where files of the tree really live (build output, a web project). Paths may use `\` or `/`,
 * are relative to the solution folder, may contain `%VAR%`, `**` (any sub-folder, last folder part
 * only) and file names `*.ext` / `*.*`. Earlier directives win.
 *
 * @module
 */

import { basename, dirname, isAbsolute, join, normalize } from "node:path";
import type { Env } from "../../env.ts";
import { ValidationError } from "../../errors.ts";
import { advised } from "../advice.ts";
import { attr, childElements } from "../xml/dom.ts";
import { parseXmlBytes } from "../xml/parse.ts";

/** One directive. */
export interface MapDirective {
  kind: "Folder" | "FileToFile" | "FileToPath";
  map: string;
  to: string;
}

/** A loaded mapping file. */
export interface FileMap {
  directives: MapDirective[];
  /** True when a tree path is covered by any directive. */
  matches(treePath: string): boolean;
  /** The file a tree path is read from, or undefined when no directive covers it. Throws when covered
   * but none of the alternatives exists. */
  resolve(treePath: string): Promise<string | undefined>;
}

/** Reads a mapping file. */
export async function loadMap(file: string, folder: string, env: Env): Promise<FileMap> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(file);
  } catch (error) {
    throw advised(
      new ValidationError(`Cannot read the mapping file ${file}: ${(error as Error).message}.`, {
        hint: "Check the mapping file's path.",
        cause: error,
      }),
      { kind: "check-path", input: "map" },
    );
  }
  const doc = parseXmlBytes(bytes, file);
  const directives: MapDirective[] = [];
  for (const el of childElements(doc.root)) {
    const kind = ["Folder", "FileToFile", "FileToPath"].find((k) =>
      k.toLowerCase() === el.name.toLowerCase()
    );
    const map = attr(el, "map");
    const to = attr(el, "to");
    if (!kind || map === undefined || to === undefined) {
      throw new ValidationError(`${file}: <${el.name}> is not a mapping directive with map= and to=.`, {
        hint: "Use <Folder>, <FileToFile> or <FileToPath> elements with map and to attributes.",
      });
    }
    directives.push({ kind: kind as MapDirective["kind"], map: expand(map, env), to: expand(to, env) });
  }
  return createMap(directives, folder);
}

function expand(value: string, env: Env): string {
  return value.replace(/%([^%]+)%/g, (whole, name) => env.get(name) ?? whole).replaceAll("\\", "/");
}

interface Match {
  /** The sub-folder matched by `**` ("" when none). */
  sub: string;
}

function matchDirective(d: MapDirective, path: string): Match | undefined {
  const lower = path.toLowerCase();
  const pattern = d.map.replace(/^\.\//, "").replace(/\/+$/, "").toLowerCase();
  if (d.kind === "Folder") {
    return lower.startsWith(pattern + "/") ? { sub: path.slice(pattern.length + 1) } : undefined;
  }
  const file = basename(pattern);
  const folder = pattern.includes("/") ? dirname(pattern) : undefined;
  const name = basename(lower);
  if (d.kind === "FileToFile" ? name !== file : !nameMatches(file, name)) return undefined;
  const dir = lower.includes("/") ? dirname(lower) : "";
  if (folder === undefined) return { sub: dir === "" ? "" : dirname(path) };
  if (folder.endsWith("**")) {
    const base = folder.slice(0, -2).replace(/\/$/, "");
    if (base === "") return { sub: dir === "" ? "" : dirname(path) };
    if (dir === base) return { sub: "" };
    return dir.startsWith(base + "/") ? { sub: dirname(path).slice(base.length + 1) } : undefined;
  }
  return dir === folder ? { sub: "" } : undefined;
}

function nameMatches(pattern: string, name: string): boolean {
  if (pattern === "*.*") return true;
  if (pattern.startsWith("*.")) return name.endsWith(pattern.slice(1));
  return pattern === name;
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}

/** The first file called `name` (case-insensitively) under `dir`, searching sub-folders in name order. */
async function search(dir: string, name: string): Promise<string | undefined> {
  let entries: Deno.DirEntry[];
  try {
    entries = [...await Array.fromAsync(Deno.readDir(dir))].sort((a, b) => a.name < b.name ? -1 : 1);
  } catch {
    return undefined;
  }
  const file = entries.find((e) => e.isFile && e.name.toLowerCase() === name.toLowerCase());
  if (file) return join(dir, file.name);
  for (const e of entries) {
    if (!e.isDirectory) continue;
    const found = await search(join(dir, e.name), name);
    if (found) return found;
  }
  return undefined;
}

async function candidate(
  d: MapDirective,
  m: Match,
  path: string,
  folder: string,
): Promise<string | undefined> {
  const abs = (p: string) => normalize(isAbsolute(p) ? p : join(folder, p));
  const name = basename(path);
  let target = d.to.replace(/\/+$/, "");
  if (d.kind === "Folder") return await existing(abs(join(target, m.sub)));
  const wantName = d.kind === "FileToFile" ? basename(target) : name;
  const dir = d.kind === "FileToFile" ? dirname(target) : target;
  if (!dir.includes("**")) return await existing(abs(join(dir, wantName)));
  target = dir.replace("**", m.sub);
  const direct = await existing(abs(join(target, wantName)));
  if (direct) return direct;
  return await search(abs(dir.slice(0, dir.indexOf("**"))), wantName);
}

async function existing(path: string): Promise<string | undefined> {
  return await exists(path) ? path : undefined;
}

/** A map over directives, relative to `folder`. */
export function createMap(directives: MapDirective[], folder: string): FileMap {
  return {
    directives,
    matches: (path) => directives.some((d) => matchDirective(d, path) !== undefined),
    async resolve(path) {
      let covered = false;
      for (const d of directives) {
        const m = matchDirective(d, path);
        if (!m) continue;
        covered = true;
        const found = await candidate(d, m, path, folder);
        if (found) return found;
      }
      if (!covered) return undefined;
      throw advised(
        new ValidationError(`${path} is mapped by the mapping file, but no mapped file exists.`, {
          hint: "Build the mapped files first (for example the plug-in or web project), or fix the map.",
        }),
        { kind: "mapped-file-missing", path },
      );
    },
  };
}
