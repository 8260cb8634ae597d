/**
 * Where each record of a site goes in pac's folder layouts, for both data models: one placement routine
 * whose few model differences (list files versus one file per record, language in the name versus a
 * sub-folder, flat versus per-file web-file folders, always-written page content files) are spelled out
 * here and nowhere else. Output is deterministic: records are placed in name then id order.
 *
 * @module
 */

import type { BinarySource, Site, SiteRecord } from "./model.ts";
import { fileBase, NameAllocator, slugOf } from "./naming.ts";
import { column, type DataModel, PAGES_TABLES, type PagesTable } from "./tables.ts";

/** One file of a laid-out site. */
export type PlannedFile =
  | { path: string; kind: "yaml"; data: unknown; owners: SiteRecord[] }
  | { path: string; kind: "text"; text: string; owners: SiteRecord[] }
  | { path: string; kind: "binary"; binary: BinarySource; owners: SiteRecord[] };

/** A record's fields as written to its YAML: content fields left out, the id under the model's name. */
export function yamlFields(model: DataModel, record: SiteRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { [column(model, record.table, "id")]: record.id };
  const content = new Set(Object.keys(record.table.content ?? {}).map((f) => column(model, record.table, f)));
  for (const [k, v] of Object.entries(record.fields)) {
    if (!content.has(k) && v !== undefined) out[k] = v;
  }
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

function sortRecords(model: DataModel, records: SiteRecord[]): SiteRecord[] {
  return [...records].sort((a, b) => {
    const an = String(a.fields[column(model, a.table, a.table.name)] ?? "");
    const bn = String(b.fields[column(model, b.table, b.table.name)] ?? "");
    return an < bn ? -1 : an > bn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** Lays a site out as pac would write it. */
export function layoutSite(site: Site): PlannedFile[] {
  const { model } = site;
  const col = (t: PagesTable, f: string) => column(model, t, f);
  const files: PlannedFile[] = [];
  const names = new NameAllocator();
  const byTable = new Map<string, SiteRecord[]>();
  for (const r of site.records) {
    const list = byTable.get(r.table.key) ?? [];
    list.push(r);
    byTable.set(r.table.key, list);
  }
  const byId = new Map(site.records.map((r) => [`${r.table.key}:${r.id}`, r]));
  const recordOf = (key: string, id: unknown) =>
    typeof id === "string" ? byId.get(`${key}:${id}`) : undefined;

  // websitelanguage -> portallanguage -> language code (e.g. en-US)
  const languageCode = (r: SiteRecord): string | undefined => {
    if (!r.table.language) return undefined;
    const wl = recordOf("websitelanguage", r.fields[col(r.table, r.table.language)]);
    if (!wl) return undefined;
    const pl = recordOf("portallanguage", wl.fields[col(wl.table, "portallanguageid")]);
    return pl ? str(pl.fields[col(pl.table, "languagecode")]) : undefined;
  };
  const nameOf = (r: SiteRecord) => str(r.fields[col(r.table, r.table.name)]) ?? r.id;

  const placed = new Map<SiteRecord, { dir: string; stem: string }>();
  const emit = (r: SiteRecord, dir: string, stem: string, always: boolean) => {
    const prefix = dir ? `${dir}/${stem}` : stem;
    placed.set(r, { dir, stem });
    files.push({ path: `${prefix}.yml`, kind: "yaml", data: yamlFields(model, r), owners: [r] });
    for (const [field, suffix] of Object.entries(r.table.content ?? {})) {
      const text = r.fields[col(r.table, field)];
      if (typeof text === "string" && text !== "") {
        files.push({ path: `${prefix}.${suffix}`, kind: "text", text, owners: [r] });
      } else if (always) files.push({ path: `${prefix}.${suffix}`, kind: "text", text: "", owners: [r] });
    }
  };

  for (const t of PAGES_TABLES) {
    const records = sortRecords(model, byTable.get(t.key) ?? []);
    if (!records.length) continue;
    if (t.key === "website") {
      files.push({
        path: "website.yml",
        kind: "yaml",
        data: yamlFields(model, records[0]),
        owners: [records[0]],
      });
      continue;
    }
    if (t.key === "weblink") continue; // placed with their sets below
    if (model === "standard" && t.listFile) {
      const path = t.reference ? ".portalconfig/portallanguage.yml" : `${t.key}.yml`;
      files.push({ path, kind: "yaml", data: records.map((r) => yamlFields(model, r)), owners: records });
      continue;
    }
    const where = (model === "standard" ? t.standard : t.enhanced)!;
    const roots = t.key === "webpage"
      ? records.filter((r) =>
        r.fields[col(t, "isroot")] !== false || !recordOf("webpage", r.fields[col(t, "rootwebpageid")])
      )
      : records;
    for (const r of roots) {
      const base = fileBase(nameOf(r), r.id);
      if (t.binary) {
        if (model === "standard") {
          const stem = names.allocate(where.folder, base);
          emit(r, where.folder, `${stem}.${where.suffix}`, false);
          if (r.binary) {
            files.push({ path: `${where.folder}/${stem}`, kind: "binary", binary: r.binary, owners: [r] });
          }
        } else {
          const url = str(r.fields[col(t, "partialurl")]) ?? base;
          const folder = `${where.folder}/${names.allocate(where.folder, slugOf(fileBase(url, r.id)))}`;
          const fileName = fileBase(str(r.fields["filename"]) ?? base, r.id);
          emit(r, folder, `${fileName}.${where.suffix}`, false);
          if (r.binary) {
            files.push({ path: `${folder}/${fileName}`, kind: "binary", binary: r.binary, owners: [r] });
          }
        }
        continue;
      }
      let dir = where.folder;
      if (where.slug) dir = `${dir}/${names.allocate(where.folder, slugOf(base))}`;
      const lang = where.localized ? languageCode(r) : undefined;
      if (lang && model === "enhanced") dir = `${dir}/${lang}`;
      const stem = names.allocate(dir, base);
      const always = model === "enhanced" && t.key === "webpage";
      emit(
        r,
        dir,
        lang && model === "standard" ? `${stem}.${lang}.${where.suffix}` : `${stem}.${where.suffix}`,
        always,
      );
    }
    if (t.key === "webpage") {
      for (const r of records.filter((x) => !roots.includes(x))) {
        const root = placed.get(recordOf("webpage", r.fields[col(t, "rootwebpageid")])!)!;
        const lang = languageCode(r);
        let dir = `${root.dir}/content-pages`;
        if (lang && model === "enhanced") dir = `${dir}/${lang}`;
        const stem = names.allocate(`${dir}#${lang ?? ""}`, fileBase(nameOf(r), r.id));
        emit(
          r,
          dir,
          lang && model === "standard" ? `${stem}.${lang}.webpage` : `${stem}.webpage`,
          model === "enhanced",
        );
      }
    }
  }

  // Web links sit beside their set: one list file (standard) or one file per link (enhanced).
  const links = sortRecords(model, byTable.get("weblink") ?? []);
  const linkTable = PAGES_TABLES.find((t) => t.key === "weblink")!;
  const bySet = new Map<string, SiteRecord[]>();
  for (const l of links) {
    const set = recordOf("weblinkset", l.fields[col(linkTable, "weblinksetid")]);
    const key = set ? set.id : "";
    bySet.set(key, [...(bySet.get(key) ?? []), l]);
  }
  for (const [setId, members] of [...bySet].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
    const set = setId ? byId.get(`weblinkset:${setId}`) : undefined;
    const at = set ? placed.get(set) : undefined;
    const dir = at?.dir ?? "weblink-sets";
    if (model === "standard") {
      const path = at ? `${dir}/${at.stem}.weblink.yml` : "weblink-sets/weblinks.weblinkset.weblink.yml";
      files.push({ path, kind: "yaml", data: members.map((r) => yamlFields(model, r)), owners: members });
    } else {
      for (const r of members) {
        const stem = names.allocate(dir, fileBase(nameOf(r), r.id));
        emit(r, dir, `${stem}.weblink`, false);
      }
    }
  }
  files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return files;
}
