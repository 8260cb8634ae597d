/**
 * Reads zip archives with yauzl: the central directory is listed first and checked against the
 * limits, then entries are streamed one at a time, so memory does not grow with the archive.
 *
 * yauzl reads through {@link SyncFileReader}: a solution has thousands of small entries, and one
 * asynchronous file operation per header and per entry costs more than the reads themselves. Small
 * entries are inflated in one call; every entry's CRC-32 is checked (yauzl checks only sizes).
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { createWriteStream } from "node:fs";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { crc32, inflateRawSync } from "node:zlib";
// @ts-types="@types/yauzl"
import yauzl from "yauzl";
import { ValidationError } from "../../errors.ts";
import { advised } from "../advice.ts";
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
  /**
   * The content of an entry piece by piece as it is inflated (one piece when small), checked against its
   * size and CRC-32 when the last piece has been read: a large entry is never in memory whole.
   */
  chunks(entry: ZipEntry): AsyncIterable<Uint8Array>;
  /** Writes an entry into a new file at `path` (streamed when large). */
  extractTo(entry: ZipEntry, path: string): Promise<void>;
  close(): void;
}

/** Opens and checks an archive; `label` names it in messages. */
export async function openZip(
  path: string,
  label = path,
  limits: ZipLimits = DEFAULT_LIMITS,
): Promise<ZipReader> {
  const file = await Deno.open(path);
  const source = new SyncFileReader(file);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(source, file.statSync().size, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (error) {
    file.close();
    throw advised(
      new ValidationError(`${label} is not a zip archive (${(error as Error).message}).`, {
        hint: "Pass a solution .zip exported from Dataverse or packed from its source folder.",
        cause: error,
      }),
      { kind: "not-a-zip" },
    );
  }
  try {
    const entries = await listEntries(zip, label, limits);
    return reader(zip, source, entries, label);
  } catch (error) {
    zip.close();
    throw error;
  }
}

/** Entries up to this size (both compressed and not) are read and inflated in one piece. */
const WHOLE = 1024 * 1024;
/** Entries up to this size are written to disk in one synchronous call. */
const SMALL_FILE = 256 * 1024;
const STORED = 0;
const DEFLATED = 8;

/**
 * yauzl's random-access reader over a Deno file with synchronous positioned reads. Callbacks still
 * run on a later microtask, as yauzl expects of a reader.
 */
class SyncFileReader extends yauzl.RandomAccessReader {
  readonly #file: Deno.FsFile;
  #closed = false;

  constructor(file: Deno.FsFile) {
    super();
    this.#file = file;
  }

  /** Fills `target` from `position`; returns the bytes read (fewer only at the end of the file). */
  readAt(target: Uint8Array, position: number): number {
    this.#file.seekSync(position, Deno.SeekMode.Start);
    let n = 0;
    while (n < target.length) {
      const got = this.#file.readSync(target.subarray(n));
      if (got === null || got === 0) break;
      n += got;
    }
    return n;
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (error: Error | null, bytesRead?: number) => void,
  ): void {
    let n: number;
    try {
      n = this.readAt(buffer.subarray(offset, offset + length), position);
    } catch (error) {
      queueMicrotask(() => callback(error as Error));
      return;
    }
    queueMicrotask(() => callback(null, n));
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const readAt = (target: Uint8Array, position: number) => this.readAt(target, position);
    let at = start;
    return new Readable({
      highWaterMark: WHOLE,
      read() {
        try {
          if (at >= end) return void this.push(null);
          const chunk = Buffer.allocUnsafe(Math.min(WHOLE, end - at));
          const n = readAt(chunk, at);
          if (n === 0) throw new Error("unexpected end of archive");
          at += n;
          this.push(n < chunk.length ? chunk.subarray(0, n) : chunk);
        } catch (error) {
          this.destroy(error as Error);
        }
      },
    });
  }

  override close(callback: (error: Error | null) => void): void {
    if (!this.#closed) {
      this.#closed = true;
      try {
        this.#file.close();
      } catch {
        // already closed by the runtime at exit
      }
    }
    queueMicrotask(() => callback(null));
  }
}

function reader(zip: yauzl.ZipFile, source: SyncFileReader, entries: ZipEntry[], label: string): ZipReader {
  const stream = async (e: ZipEntry) => {
    try {
      return await zip.openReadStreamPromise(e.entry);
    } catch (error) {
      throw damaged(label, e, error);
    }
  };
  /** Reads a small entry's stored bytes at once and inflates them in one call. */
  const whole = async (e: ZipEntry): Promise<Uint8Array> => {
    const { fileDataStart } = await zip.readLocalFileHeaderPromise(e.entry, { minimal: true });
    const stored = new Uint8Array(e.compressedSize);
    if (source.readAt(stored, fileDataStart) < stored.length) throw new Error("unexpected end of archive");
    if (e.entry.compressionMethod === STORED) return stored;
    // maxOutputLength: a header that understates the size cannot make inflation run away.
    const out = inflateRawSync(stored, { maxOutputLength: Math.max(e.size, 1) });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  };
  return {
    entries,
    async read(e) {
      let out: Uint8Array;
      try {
        const method = e.entry.compressionMethod;
        if ((method === STORED || method === DEFLATED) && e.size <= WHOLE && e.compressedSize <= WHOLE) {
          out = await whole(e);
        } else {
          out = concat(await Array.fromAsync(await stream(e) as AsyncIterable<Uint8Array>));
        }
        if (out.length !== e.size) throw new Error(`expected ${e.size} bytes, got ${out.length}`);
        checkCrc(e, crc32(out));
      } catch (error) {
        throw damaged(label, e, error);
      }
      return out;
    },
    async *chunks(e) {
      if (e.size <= WHOLE && e.compressedSize <= WHOLE) {
        yield await this.read(e);
        return;
      }
      let crc = 0;
      let size = 0;
      try {
        for await (const chunk of await stream(e) as AsyncIterable<Uint8Array>) {
          crc = crc32(chunk, crc);
          size += chunk.length;
          yield chunk;
        }
        if (size !== e.size) throw new Error(`expected ${e.size} bytes, got ${size}`);
        checkCrc(e, crc);
      } catch (error) {
        throw damaged(label, e, error);
      }
    },
    async extractTo(e, target) {
      if (e.size <= SMALL_FILE) {
        // One synchronous write: see SyncFileReader for why small files avoid asynchronous operations.
        return Deno.writeFileSync(target, await this.read(e), { createNew: true });
      }
      let crc = 0;
      const check = new Transform({
        transform(chunk: Uint8Array, _encoding, done) {
          crc = crc32(chunk, crc);
          done(null, chunk);
        },
        flush(done) {
          try {
            checkCrc(e, crc);
            done();
          } catch (error) {
            done(error as Error);
          }
        },
      });
      try {
        await pipeline(await stream(e), check, createWriteStream(target, { flags: "wx" }));
      } catch (error) {
        throw damaged(label, e, error);
      }
    },
    close: () => zip.close(),
  };
}

function checkCrc(e: ZipEntry, actual: number): void {
  const expected = e.entry.crc32 >>> 0;
  if ((actual >>> 0) !== expected) {
    throw new Error(`CRC-32 is ${hex(actual)}, the archive says ${hex(expected)}`);
  }
}

const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
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
