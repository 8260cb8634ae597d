/**
 * The journal of a bulk load (`<checkpoint>l`, JSON Lines, mode 0600: it holds record data): one line
 * per finished row, appended as rows finish. A row is finished exactly when its line is complete.
 *
 * After a crash (kill -9 mid-append) the last line may be torn. Readers skip it; before a resumed run
 * appends, {@link Journal.open} cuts the file back to its last complete line, so the new lines never
 * land on the fragment (which would make the first of them unreadable and its row vanish from the report).
 *
 * @module
 */

import type { Clock } from "../../clock.ts";
import { systemClock } from "../../clock.ts";

/** One finished row, as reported. */
export interface RowOutcome {
  /** Data row number, the first row after the header being 1. */
  row: number;
  /** The record address: id, or `name=value,…` for an alternate key. */
  key: string;
  /** succeeded: the service applied it; failed: the service refused it; invalid: never sent. */
  status: "succeeded" | "failed" | "invalid";
  /** HTTP status of the row's request (0 when not sent). */
  httpStatus: number;
  /** Dataverse or ppx error code, empty on success. */
  code: string;
  message: string;
}

/** A journal line: the outcome plus the fingerprint of the row's cells (see `rowHash`). */
export interface JournalEntry extends RowOutcome {
  /** Hash of the row as read (`rowHash`), so `--resume` can tell that a finished row was changed. */
  hash?: number;
}

/** The journal path of a checkpoint. */
export function journalPath(checkpointPath: string): string {
  return `${checkpointPath}l`;
}

/** Yields the complete lines of a journal; a torn last line (crash mid-write) is skipped. */
export async function* readJournal(path: string): AsyncGenerator<JournalEntry> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of file.readable) {
    rest += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = rest.indexOf("\n")) >= 0) {
      const line = rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      const entry = parseLine(line);
      if (entry) yield entry;
    }
  }
  // Text after the last newline was never completed: that row is not finished.
}

function parseLine(line: string): JournalEntry | undefined {
  try {
    const o = JSON.parse(line) as JournalEntry;
    return typeof o?.row === "number" ? o : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Cuts a torn last line off the journal at `path` (bytes after the last newline). Returns the bytes
 * removed (0 when the file ends cleanly or does not exist).
 */
export async function truncateTornTail(path: string): Promise<number> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true, write: true });
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return 0;
    throw error;
  }
  try {
    const size = (await file.stat()).size;
    const block = new Uint8Array(64 * 1024);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - block.length);
      await file.seek(start, Deno.SeekMode.Start);
      const view = block.subarray(0, end - start);
      let read = 0;
      while (read < view.length) {
        const n = await file.read(view.subarray(read));
        if (n === null) break;
        read += n;
      }
      const nl = view.subarray(0, read).lastIndexOf(0x0a);
      if (nl >= 0) {
        const keep = start + nl + 1;
        if (keep < size) await file.truncate(keep);
        return size - keep;
      }
      end = start;
    }
    if (size > 0) await file.truncate(0);
    return size;
  } finally {
    file.close();
  }
}

const encoder = new TextEncoder();

/**
 * Appends entries to the journal in call order. Lines are gathered and written at most every 50 ms (or
 * once 64 KB are waiting), so a busy load makes twenty writes a second instead of one per request. A row
 * answered in the last moments before a crash may miss the journal; `--resume` then sends it again, which
 * an upsert addressed by id or key applies once.
 */
export class Journal {
  #file: Deno.FsFile | undefined;
  #chain: Promise<void> = Promise.resolve();
  #pending = "";
  #timer: AbortController | undefined;
  #error: unknown;
  readonly path: string;
  readonly #intervalMs: number;
  readonly #clock: Clock;

  /** `intervalMs` is the longest a line waits before it is written; the wait goes through `clock`. */
  constructor(path: string, options: { intervalMs?: number; clock?: Clock } = {}) {
    this.path = path;
    this.#intervalMs = options.intervalMs ?? 50;
    this.#clock = options.clock ?? systemClock;
  }

  /** Opens for appending (creating it 0600), after cutting a torn last line off. */
  async open(): Promise<void> {
    await truncateTornTail(this.path);
    this.#file = await Deno.open(this.path, { create: true, append: true, write: true, mode: 0o600 });
    // A journal left by an older ppx may be 0644; it holds record data.
    if (Deno.build.os !== "windows") await Deno.chmod(this.path, 0o600);
  }

  /** The first write failure (disk full, file removed), if any: the run must stop. */
  get error(): unknown {
    return this.#error;
  }

  /** Queues entries; they reach the file within the flush interval. */
  append(entries: JournalEntry[]): void {
    for (const o of entries) this.#pending += JSON.stringify(o) + "\n";
    if (this.#pending.length >= 64 * 1024) void this.flush().catch(() => {});
    else if (this.#pending && this.#timer === undefined) {
      const timer = new AbortController();
      this.#timer = timer;
      this.#clock.sleep(this.#intervalMs, timer.signal).then(
        () => {
          if (this.#timer === timer) void this.flush().catch(() => {});
        },
        () => {},
      );
    }
  }

  /** Writes what is waiting; the promise settles once it is on disk (and rejects on a write failure). */
  flush(): Promise<void> {
    this.#timer?.abort();
    this.#timer = undefined;
    if (this.#pending) {
      const bytes = encoder.encode(this.#pending);
      this.#pending = "";
      this.#chain = this.#chain.then(async () => {
        if (this.#error) return;
        try {
          let written = 0;
          while (written < bytes.length) written += await this.#file!.write(bytes.subarray(written));
        } catch (error) {
          this.#error = error;
        }
      });
    }
    return this.#chain.then(() => {
      if (this.#error) throw this.#error;
    });
  }

  /** Waits for pending writes and closes the file. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.#file?.close();
      this.#file = undefined;
    }
  }
}
