/**
 * The per-environment manifest pac keeps in `.portalconfig/<org-host>-manifest.yml`: per table, each
 * record's id, display name, SHA-256 checksum and deletion flag. ppx keeps the checksums of the state it
 * last downloaded or uploaded there, which is what makes uploads incremental; one file per environment,
 * so a site moved from dev to test has its own.
 *
 * @module
 */

import { join } from "node:path";
import { SafeTree } from "../fs/safe_tree.ts";
import { decodeText, parseYaml, toYaml } from "./yaml.ts";

/** One manifest entry. */
export interface ManifestEntry {
  /** The record id. */
  RecordId: string;
  /** Its name (or id). */
  DisplayName: string;
  /** SHA-256 (hex) of the record as last synced. */
  CheckSum: string;
  /** Deleted locally, not yet remotely. */
  IsDeleted: boolean;
}

/** Entries per table logical name. */
export type Manifest = Record<string, ManifestEntry[]>;

/** The manifest's file name for an org URL (`https://org.crm.dynamics.com` -> `org.crm.dynamics.com-manifest.yml`). */
export function manifestName(orgUrl: string): string {
  const host = new URL(orgUrl).host.replace(/[^A-Za-z0-9.-]/g, "_");
  return `.portalconfig/${host}-manifest.yml`;
}

/** Reads the manifest for an org; empty when there is none. */
export async function readManifest(siteRoot: string, orgUrl: string): Promise<Manifest> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(join(siteRoot, manifestName(orgUrl)));
  } catch {
    return {};
  }
  const text = decodeText(bytes).text;
  const fast = parseManifestLines(text);
  if (fast) return fast;
  const data = parseYaml(text, manifestName(orgUrl));
  return data && typeof data === "object" ? data as Manifest : {};
}

/**
 * Reads the manifest's own regular shape line by line (a general YAML parser takes seconds for a site of
 * thousands of records); undefined for anything else, which the YAML parser then reads.
 */
function parseManifestLines(text: string): Manifest | undefined {
  const out: Manifest = {};
  let entries: ManifestEntry[] | undefined;
  let entry: ManifestEntry | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line === "" || line === "{}") continue;
    let m = /^([A-Za-z0-9_]+):$/.exec(line);
    if (m) {
      entries = out[m[1]] = [];
      continue;
    }
    m = /^(- | {2})(RecordId|DisplayName|CheckSum|IsDeleted): ?(.*)$/.exec(line);
    if (!m || !entries) return undefined;
    if (m[1] === "- ") {
      if (m[2] !== "RecordId") return undefined;
      entry = { RecordId: "", DisplayName: "", CheckSum: "", IsDeleted: false };
      entries.push(entry);
    }
    if (!entry) return undefined;
    const raw = m[3];
    let value: string;
    if (raw.startsWith("'") || raw.startsWith('"')) {
      const parsed = parseYaml(raw, "manifest");
      if (typeof parsed !== "string") return undefined;
      value = parsed;
    } else if (/^[|>]/.test(raw)) return undefined;
    else value = raw;
    if (m[2] === "IsDeleted") entry.IsDeleted = value === "true";
    else entry[m[2] as "RecordId" | "DisplayName" | "CheckSum"] = value;
  }
  return out;
}

/** Checksums by `logicalname:id`. */
export function checksums(manifest: Manifest): Map<string, ManifestEntry & { table: string }> {
  const out = new Map<string, ManifestEntry & { table: string }>();
  for (const [t, entries] of Object.entries(manifest)) {
    for (const e of entries ?? []) out.set(`${t}:${String(e.RecordId).toLowerCase()}`, { ...e, table: t });
  }
  return out;
}

/** Writes the manifest, entries sorted by table then id (deterministic). */
export async function writeManifest(siteRoot: string, orgUrl: string, manifest: Manifest): Promise<void> {
  const sorted: Manifest = {};
  for (const t of Object.keys(manifest).sort()) {
    if (!manifest[t].length) continue;
    sorted[t] = [...manifest[t]].sort((a, b) =>
      a.RecordId < b.RecordId ? -1 : a.RecordId > b.RecordId ? 1 : 0
    )
      .map((e) => ({
        RecordId: e.RecordId,
        DisplayName: e.DisplayName,
        CheckSum: e.CheckSum,
        IsDeleted: e.IsDeleted,
      }));
  }
  const tree = await SafeTree.open(siteRoot, { create: true });
  // pac's manifest keeps its own key order (RecordId first), so it is not sorted like record files.
  const text = Object.keys(sorted).length ? toYamlUnsorted(sorted) : "{}\n";
  await tree.writeFile(manifestName(orgUrl), new TextEncoder().encode(text));
}

function toYamlUnsorted(manifest: Manifest): string {
  let out = "";
  for (const [t, entries] of Object.entries(manifest)) {
    out += `${t}:\n`;
    for (const e of entries) {
      const item = toYaml({ a: e.RecordId, b: e.DisplayName, c: e.CheckSum, d: e.IsDeleted })
        .replace(/^a:/m, "RecordId:").replace(/^b:/m, "DisplayName:").replace(/^c:/m, "CheckSum:")
        .replace(/^d:/m, "IsDeleted:");
      out += item.split("\n").filter(Boolean).map((line, i) => (i === 0 ? "- " : "  ") + line).join("\n") +
        "\n";
    }
  }
  return out;
}
