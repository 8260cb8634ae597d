/**
 * The earlier PACX CLI's download layout (`manifest.json` with `website_id`, one JSON row per record in
 * `websites/`, `pages/`, `files/`, `snippets/`, `templates/`, `sitemarkers/`, `weblinksets/`, `weblinks/`,
 * `wp_access/`, `webroles/`, `entitypermissions/`, `redirects/`, binaries in `files_bin/`), read into a
 * standard-model Site so `ppx pages convert` can write it in pac's layout.
 *
 * @module
 */

import { join } from "node:path";
import { ValidationError } from "../errors.ts";
import { fileSource, type Site, type SiteRecord } from "./model.ts";
import { standardRecord } from "./remote.ts";
import { table } from "./tables.ts";

const FOLDERS: Record<string, string> = {
  websites: "website",
  pages: "webpage",
  files: "webfile",
  snippets: "contentsnippet",
  templates: "pagetemplate",
  sitemarkers: "sitemarker",
  weblinksets: "weblinkset",
  weblinks: "weblink",
  wp_access: "webpagerule",
  webroles: "webrole",
  entitypermissions: "tablepermission",
};

/** True when `path` holds the earlier CLI's layout. */
export async function isPacxJson(path: string): Promise<boolean> {
  try {
    const m = JSON.parse(await Deno.readTextFile(join(path, "manifest.json")));
    return typeof m?.website_id === "string";
  } catch {
    return false;
  }
}

/** Reads the earlier CLI's layout. Folders it had without a pac counterpart (`redirects/`) are reported. */
export async function readPacxJson(path: string): Promise<{ site: Site; unsupported: string[] }> {
  const manifest = JSON.parse(await Deno.readTextFile(join(path, "manifest.json")));
  const websiteId = String(manifest.website_id).toLowerCase();
  const records: SiteRecord[] = [];
  const unsupported: string[] = [];
  const bins = new Map<string, { path: string; name: string }>();
  for (const p of manifest.providers ?? []) {
    for (const f of p.files ?? []) {
      if (f.extra?.annotationid && typeof f.path === "string") {
        bins.set(String(f.extra.annotationid), { path: f.path, name: f.path.split("/").pop() });
      }
    }
  }
  for await (const e of Deno.readDir(path)) {
    if (!e.isDirectory) continue;
    const key = FOLDERS[e.name];
    if (!key) {
      if (!e.name.startsWith("files_")) unsupported.push(e.name);
      continue;
    }
    for await (const f of Deno.readDir(join(path, e.name))) {
      if (!f.name.endsWith(".json")) continue;
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(await Deno.readTextFile(join(path, e.name, f.name)));
      } catch (error) {
        throw new ValidationError(`${e.name}/${f.name} is not valid JSON: ${(error as Error).message}`);
      }
      const r = standardRecord(table(key), row);
      if (key === "website" && r.id !== websiteId) continue; // the old CLI downloaded every site
      r.paths = [`${e.name}/${f.name}`];
      records.push(r);
    }
  }
  // Binaries: the old layout kept notes by file name in files_bin/.
  for (const r of records.filter((x) => x.table.key === "webfile")) {
    const name = String(r.fields.adx_name ?? "");
    const found = [...bins.values()].find((b) => b.name === name);
    const candidate = found ? join(path, found.path) : join(path, "files_bin", name);
    try {
      r.binary = await fileSource(name, candidate);
      r.fields.filename = name;
    } catch {
      // no binary for this web file
    }
  }
  if (!records.some((r) => r.table.key === "website")) {
    throw new ValidationError(`${path}/websites/ has no record for website ${websiteId}.`);
  }
  records.sort((a, b) => a.id < b.id ? -1 : 1);
  return { site: { model: "standard", websiteId, records }, unsupported };
}
