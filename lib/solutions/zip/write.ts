/**
 * Writes zip archives with yazl, deterministically: entries in the order given, a fixed timestamp
 * (1980-01-01 00:00, DOS time only) and fixed permissions, so the same input gives the same bytes.
 * The archive is written to a temporary file beside the target and renamed into place at the end.
 *
 * @module
 */

import { createReadStream, createWriteStream, openSync, type WriteStream } from "node:fs";
import { Buffer } from "node:buffer";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { Readable } from "node:stream";
import { crc32, deflateRawSync } from "node:zlib";
// @ts-types="@types/yazl"
import yazl from "yazl";

/**
 * yazl checksums every byte in JavaScript (its dependency buffer-crc32), which was a fifth of a pack's
 * CPU time; node:zlib's crc32 gives the same values natively. yazl calls `crc32.unsigned(bytes, prev)` on
 * the module it required, so that function is replaced on that very module. Where the module cannot be
 * reached (a bundling that hides it), yazl keeps its own, equally correct, checksum.
 */
function nativeChecksums(): void {
  try {
    const module = createRequire(import.meta.resolve("yazl"))("buffer-crc32") as {
      unsigned?: (bytes: Uint8Array, previous?: number) => number;
    };
    if (typeof module.unsigned !== "function") return;
    module.unsigned = (bytes, previous) => crc32(bytes, previous ?? 0) >>> 0;
  } catch {
    // yazl's own checksum stays
  }
}
nativeChecksums();

/** The fixed entry time: the DOS epoch in local time, so the stored fields are the same in every zone. */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);
/** Files up to this size are read ahead whole; larger ones are streamed. */
const SMALL = 1024 * 1024;
const ENTRY_OPTIONS = { mtime: FIXED_TIME, mode: 0o100644, forceDosTimestamp: true, compress: true };
const STORED_OPTIONS = { ...ENTRY_OPTIONS, compress: false };
/** Content shorter than this is always deflated: judging it would cost more than deflating it. */
const JUDGE_FROM = 8 * 1024;
/** Bytes from the start of the content that decide whether deflating is worth it. */
const SAMPLE = 4 * 1024;

/**
 * False for content that is already compressed (images, fonts, nested zips such as .msapp): when a fast
 * deflate of its first 4 KB saves under 3%, the entry is stored. Deflating such data costs most of a
 * pack's time and makes nothing smaller; the choice depends only on the bytes, so output stays
 * deterministic.
 */
export function worthDeflating(sample: Uint8Array, size: number): boolean {
  if (size < JUDGE_FROM) return true;
  const head = sample.subarray(0, SAMPLE);
  return deflateRawSync(head, { level: 1 }).length < head.length * 0.97;
}

function fileWorthDeflating(path: string): boolean {
  const size = Deno.statSync(path).size;
  if (size < JUDGE_FROM) return true;
  const file = Deno.openSync(path);
  try {
    const head = new Uint8Array(SAMPLE);
    let n = 0;
    while (n < head.length) {
      const got = file.readSync(head.subarray(n));
      if (got === null || got === 0) break;
      n += got;
    }
    return worthDeflating(head.subarray(0, n), size);
  } finally {
    file.close();
  }
}

/** Builds one archive; call `finish()` to move it into place or `abort()` to discard it. */
export class ZipWriter {
  readonly path: string;
  readonly #temp: string;
  readonly #zip = new yazl.ZipFile();
  readonly #done: Promise<void>;
  readonly #out: WriteStream;
  readonly #closed: Promise<void>;
  #count = 0;

  constructor(path: string) {
    this.path = path;
    this.#temp = `${dirname(path)}/.${path.split("/").pop()}.${crypto.randomUUID().slice(0, 8)}.tmp`;
    Deno.mkdirSync(dirname(path), { recursive: true });
    // Opened here, synchronously, so that abort() always finds the file it must remove.
    const out = createWriteStream(this.#temp, { fd: openSync(this.#temp, "wx") });
    this.#out = out;
    this.#closed = new Promise((resolve) => out.once("close", () => resolve()));
    this.#done = new Promise((resolve, reject) => {
      out.on("close", resolve);
      out.on("error", reject);
      this.#zip.outputStream.on("error", reject);
    });
    this.#done.catch(() => {}); // reported by finish(); not an unhandled rejection meanwhile
    this.#zip.outputStream.pipe(out);
  }

  /** Entries added so far. */
  get count(): number {
    return this.#count;
  }

  /** Adds an entry from memory. */
  addBytes(name: string, bytes: Uint8Array): void {
    this.#count++;
    this.#zip.addBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      name,
      worthDeflating(bytes, bytes.length) ? ENTRY_OPTIONS : STORED_OPTIONS,
    );
    this.#keepName(name);
  }

  /**
   * Adds an entry whose text is produced chunk by chunk when its turn comes (writeXml's chunks, say), so
   * a large document is never one string or one buffer. Deflated or stored by the same rule as addBytes:
   * the first chunks are produced now to judge it. The chunks' source must not change until finish().
   */
  addText(name: string, chunks: Iterator<string>): void {
    this.#count++;
    const encoder = new TextEncoder();
    const head: Uint8Array[] = [];
    let size = 0;
    let done = false;
    while (size < JUDGE_FROM) {
      const next = chunks.next();
      if (next.done) {
        done = true;
        break;
      }
      const bytes = encoder.encode(next.value);
      head.push(bytes);
      size += bytes.length;
    }
    const sample = new Uint8Array(Math.min(size, SAMPLE));
    for (let at = 0, i = 0; at < sample.length; i++) {
      const part = head[i].subarray(0, sample.length - at);
      sample.set(part, at);
      at += part.length;
    }
    // When not done, size >= JUDGE_FROM: worthDeflating judges the sample, as for the whole buffer.
    const options = worthDeflating(sample, size) ? ENTRY_OPTIONS : STORED_OPTIONS;
    const fail = (error: unknown) => this.#zip.outputStream.emit("error", error);
    this.#zip.addReadStreamLazy(name, options, (cb) => {
      function* all(): Generator<Buffer> {
        for (const bytes of head.splice(0)) {
          yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        }
        if (done) return;
        try {
          for (let next = chunks.next(); !next.done; next = chunks.next()) {
            const bytes = encoder.encode(next.value);
            yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          }
        } catch (error) {
          // yazl pipes the stream without listening for its errors: fail the archive instead of hanging.
          fail(error);
          throw error;
        }
      }
      cb(null, Readable.from(all(), { objectMode: false }));
    });
    this.#keepName(name);
  }

  /**
   * Adds an entry read from a file when its turn comes, so memory holds one file at a time. Small files
   * are read whole and synchronously (thousands of small asynchronous reads cost more in round trips
   * through the runtime than in reading); large ones are streamed.
   */
  addFile(name: string, path: string): void {
    this.#count++;
    this.#zip.addReadStreamLazy(name, fileWorthDeflating(path) ? ENTRY_OPTIONS : STORED_OPTIONS, (cb) => {
      let stream: Readable;
      try {
        if (Deno.statSync(path).size <= SMALL) {
          const bytes = Deno.readFileSync(path);
          stream = Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
        } else {
          stream = createReadStream(path);
        }
      } catch (error) {
        return cb(error as Error, undefined as unknown as Readable);
      }
      cb(null, stream);
    });
    this.#keepName(name);
  }

  /** yazl turns `\` into `/`; canvas apps need their backslashes, so the stored name is restored. */
  #keepName(name: string): void {
    if (!name.includes("\\")) return;
    const entries = (this.#zip as unknown as { entries: { utf8FileName: Buffer }[] }).entries;
    entries[entries.length - 1].utf8FileName = Buffer.from(name, "utf8");
  }

  /** Completes the archive and renames it into place. */
  async finish(): Promise<void> {
    this.#zip.end();
    try {
      await this.#done;
      await Deno.rename(this.#temp, this.path);
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  /** Discards the partial archive. */
  async abort(): Promise<void> {
    // Closed before removal: a file still open cannot be removed on Windows.
    this.#zip.outputStream.unpipe(this.#out);
    this.#out.destroy();
    await this.#closed;
    await Deno.remove(this.#temp).catch(() => {});
  }
}
