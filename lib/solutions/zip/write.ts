/**
 * Writes zip archives with yazl, deterministically: entries in the order given, a fixed timestamp
 * (1980-01-01 00:00, DOS time only) and fixed permissions, so the same input gives the same bytes.
 * The archive is written to a temporary file beside the target and renamed into place at the end.
 *
 * @module
 */

import { createReadStream, createWriteStream } from "node:fs";
import { Buffer } from "node:buffer";
import { dirname } from "node:path";
import { Readable } from "node:stream";
// @ts-types="@types/yazl"
import yazl from "yazl";

/** The fixed entry time: the DOS epoch in local time, so the stored fields are the same in every zone. */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);
/** Files up to this size are read ahead whole; larger ones are streamed. */
const SMALL = 1024 * 1024;
const READ_AHEAD = 16;
const ENTRY_OPTIONS = { mtime: FIXED_TIME, mode: 0o100644, forceDosTimestamp: true, compress: true };

/** Builds one archive; call `finish()` to move it into place or `abort()` to discard it. */
export class ZipWriter {
  readonly path: string;
  readonly #temp: string;
  readonly #zip = new yazl.ZipFile();
  readonly #done: Promise<void>;
  #count = 0;
  readonly #paths: string[] = [];
  readonly #ahead = new Map<number, Promise<Uint8Array | undefined>>();
  readonly #started = new Set<number>();

  constructor(path: string) {
    this.path = path;
    this.#temp = `${dirname(path)}/.${path.split("/").pop()}.${crypto.randomUUID().slice(0, 8)}.tmp`;
    Deno.mkdirSync(dirname(path), { recursive: true });
    const out = createWriteStream(this.#temp, { flags: "wx" });
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
    this.#zip.addBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name, ENTRY_OPTIONS);
    this.#keepName(name);
  }

  /**
   * Adds an entry read from a file when its turn comes. Small files are read a few entries ahead (the
   * cost of thousands of small reads is latency); large ones are streamed. Memory stays bounded by
   * the read-ahead window.
   */
  addFile(name: string, path: string): void {
    this.#count++;
    const index = this.#paths.length;
    this.#paths.push(path);
    this.#zip.addReadStreamLazy(name, ENTRY_OPTIONS, (cb) => {
      for (let i = index; i < Math.min(index + READ_AHEAD, this.#paths.length); i++) this.#fetch(i);
      const content = this.#ahead.get(index)!;
      this.#ahead.delete(index);
      content.then(
        (bytes) =>
          cb(
            null,
            bytes
              ? Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)])
              : createReadStream(path),
          ),
        (error) => cb(error, undefined as unknown as Readable),
      );
    });
    this.#keepName(name);
  }

  /** Starts reading file `i` unless already started: its bytes when small, undefined to stream it. */
  #fetch(i: number): void {
    if (this.#ahead.has(i) || this.#started.has(i)) return;
    this.#started.add(i);
    const path = this.#paths[i];
    const p = Deno.stat(path).then((info) => info.size <= SMALL ? Deno.readFile(path) : undefined);
    p.catch(() => {});
    this.#ahead.set(i, p);
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
    await Deno.remove(this.#temp).catch(() => {});
  }
}
