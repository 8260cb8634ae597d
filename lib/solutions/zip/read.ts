/**
 * Reads zip archives with yauzl: the central directory is listed first and checked against the
 * limits, then entries are streamed one at a time, so memory does not grow with the archive.
 *
 * @module
 */

import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
// @ts-types="@types/yauzl"
import yauzl from "yauzl";
import { ValidationError } from "../../errors.ts";
import { DEFAULT_LIMITS, type ZipLimits } from "./limits.ts";
import { assertNoCaseDuplicates, safeEntryPath } from "./names.ts";

/** One file in an archive. */
export interface ZipEntry {
  /** The name exactly as stored (canvas apps keep `\` separators). */
  rawName: string;
  /** The checked name with `/` separators. */
  path: string;
  size: number;
  compressedSize: number;
  /** @internal yauzl's entry. */
  entry: yauzl.Entry;
}

/** An open archive whose entries have been listed and checked. */
export interface ZipReader {
  /** File entries in archive order (directory entries are left out). */
  entries: ZipEntry[];
  /** The whole content of an entry. */
  read(entry: ZipEntry): Promise<Uint8Array>;
  /** Streams an entry into a new file at `path`. */
  extractTo(entry: ZipEntry, path: string): Promise<void>;
  close(): void;
}

/** Opens and checks an archive; `label` names it in messages. */
export async function openZip(
  path: string,
  label = path,
  limits: ZipLimits = DEFAULT_LIMITS,
): Promise<ZipReader> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (error) {
    throw new ValidationError(`${label} is not a zip archive (${(error as Error).message}).`, {
      hint: "Pass a solution .zip exported from Dataverse or built by `ppx solution pack`.",
      cause: error,
    });
  }
  try {
    const entries = await listEntries(zip, label, limits);
    return reader(zip, entries, label);
  } catch (error) {
    zip.close();
    throw error;
  }
}

function reader(zip: yauzl.ZipFile, entries: ZipEntry[], label: string): ZipReader {
  const stream = async (e: ZipEntry) => {
    try {
      return await zip.openReadStreamPromise(e.entry);
    } catch (error) {
      throw damaged(label, e, error);
    }
  };
  return {
    entries,
    async read(e) {
      const chunks: Uint8Array[] = [];
      let length = 0;
      try {
        for await (const chunk of await stream(e)) {
          chunks.push(chunk as Uint8Array);
          length += (chunk as Uint8Array).length;
        }
      } catch (error) {
        throw damaged(label, e, error);
      }
      if (chunks.length === 1) return chunks[0];
      const out = new Uint8Array(length);
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      return out;
    },
    async extractTo(e, target) {
      try {
        await pipeline(await stream(e), createWriteStream(target, { flags: "wx" }));
      } catch (error) {
        throw damaged(label, e, error);
      }
    },
    close: () => zip.close(),
  };
}

function damaged(label: string, e: ZipEntry, error: unknown): ValidationError {
  if (error instanceof ValidationError) return error;
  return new ValidationError(`${label}: entry '${e.rawName}' cannot be read (${(error as Error).message}).`, {
    hint: "The archive is damaged or truncated; re-export it.",
    cause: error,
  });
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function listEntries(zip: yauzl.ZipFile, label: string, limits: ZipLimits): Promise<ZipEntry[]> {
  if (zip.entryCount > limits.maxEntries) {
    return Promise.reject(tooBig(label, `has ${zip.entryCount} entries (limit ${limits.maxEntries})`));
  }
  return new Promise((resolve, reject) => {
    const entries: ZipEntry[] = [];
    const all: string[] = [];
    let total = 0;
    zip.on("error", (error: Error) =>
      reject(
        new ValidationError(`${label} is damaged: ${error.message}.`, {
          hint: "Re-export the solution or rebuild the archive.",
          cause: error,
        }),
      ));
    zip.on("end", () => {
      try {
        assertNoCaseDuplicates(all, label);
        resolve(entries);
      } catch (error) {
        reject(error);
      }
    });
    zip.on("entry", (entry: yauzl.Entry) => {
      try {
        const raw = yauzl.getFileNameLowLevel(
          entry.generalPurposeBitFlag,
          entry.fileNameRaw,
          entry.extraFields,
          true,
        );
        const path = safeEntryPath(raw, label);
        all.push(path);
        if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
          throw new ValidationError(
            `${label}: entry '${raw}' is a symbolic link; the archive was not extracted.`,
            {
              hint: "Solutions never contain links. Rebuild the archive without them.",
            },
          );
        }
        if (entry.isEncrypted()) {
          throw new ValidationError(`${label}: entry '${raw}' is encrypted.`, {
            hint: "Solutions are never encrypted. Rebuild the archive without a password.",
          });
        }
        if (!path.endsWith("/")) {
          const size = entry.uncompressedSize;
          if (size > limits.maxEntrySize) throw tooBig(label, `entry '${raw}' unpacks to ${size} bytes`);
          total += size;
          if (total > limits.maxTotalSize) {
            throw tooBig(label, `unpacks to more than ${limits.maxTotalSize} bytes`);
          }
          if (size > limits.ratioFloor && size / Math.max(entry.compressedSize, 1) > limits.maxRatio) {
            throw tooBig(label, `entry '${raw}' is compressed ${Math.round(size / entry.compressedSize)}:1`);
          }
          entries.push({ rawName: raw, path, size, compressedSize: entry.compressedSize, entry });
        }
        zip.readEntry();
      } catch (error) {
        reject(error);
      }
    });
    zip.readEntry();
  });
}

function tooBig(label: string, what: string): ValidationError {
  return new ValidationError(`${label} ${what}; refusing to extract what looks like a zip bomb.`, {
    hint: "If the archive is genuine, check that it is the right file; limits are far above real solutions.",
  });
}
