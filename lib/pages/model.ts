/**
 * The in-memory site: records of the Power Pages tables in one data model's field names, plus web-file
 * binaries by reference (a path or a byte source), so both layouts and both Dataverse shapes meet here.
 *
 * @module
 */

import { createHash } from "node:crypto";
import type { DataModel, PagesTable } from "./tables.ts";
import { canonicalJson } from "./yaml.ts";

/** A web file's bytes, read when sent or written (never held by the model). */
export interface BinarySource {
  /** The file name (the note's `filename`, or the web file's name). */
  fileName: string;
  /** Size in bytes. */
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  /** The bytes as a stream (opened anew on each call). */
  open(): Promise<ReadableStream<Uint8Array>>;
  /** Removes a temporary copy, when the source is one (downloads). */
  dispose?(): Promise<void>;
}

/** One record of a site table. */
export interface SiteRecord {
  /** Its table. */
  table: PagesTable;
  /** Its primary key (lower-case GUID). */
  id: string;
  /** Fields in the site's model naming (`adx_name` or `name`), content fields included, no id. */
  fields: Record<string, unknown>;
  /** Web files: the binary. */
  binary?: BinarySource;
  /** Standard model, read from Dataverse: every column the row had (null ones too). */
  columns?: Set<string>;
  /** Files that held it in a folder (relative paths), when read from one. */
  paths?: string[];
}

/** A whole site. */
export interface Site {
  /** Its data model. */
  model: DataModel;
  /** The website id. */
  websiteId: string;
  /** Every record, the website itself included. */
  records: SiteRecord[];
}

/** A record's display name (its name field, else its id). */
export function displayName(model: DataModel, record: SiteRecord): string {
  const key = model === "standard" ? `adx_${record.table.name}` : record.table.name;
  const v = record.fields[key];
  return typeof v === "string" && v !== "" ? v : record.id;
}

/** The SHA-256 (hex) of a text or bytes. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Empty content and nulls are the same thing on disk; dropped so both sides hash alike. */
export function normalizedFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== null && v !== undefined && v !== ""),
  );
}

/** The record's checksum: its fields (sorted, nulls and empty text dropped) and its binary's hash. */
export function recordChecksum(record: SiteRecord): Promise<string> {
  return sha256Hex(canonicalJson({ f: normalizedFields(record.fields), b: record.binary?.sha256 ?? null }));
}

/** A binary held in memory (downloads of small notes, tests). */
export async function bytesSource(fileName: string, bytes: Uint8Array): Promise<BinarySource> {
  return {
    fileName,
    size: bytes.byteLength,
    sha256: await sha256Hex(bytes),
    open: () => Promise.resolve(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()),
  };
}

/** A binary in a file, hashed by streaming. */
export async function fileSource(fileName: string, path: string): Promise<BinarySource> {
  const info = await Deno.stat(path);
  using file = await Deno.open(path);
  const hash = await streamSha256(file.readable);
  return { fileName, size: info.size, sha256: hash, open: async () => (await Deno.open(path)).readable };
}

async function streamSha256(stream: ReadableStream<Uint8Array>): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of stream) hash.update(chunk);
  return hash.digest("hex");
}
