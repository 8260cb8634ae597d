/**
 * Resumable state of a bulk load, in two files next to each other:
 *
 * - the checkpoint (`<csv>.ppx-bulk.json`, written atomically once at the start): the run id that seeds
 *   generated record ids, and a fingerprint of the file and options so `--resume` refuses a changed input;
 * - the journal (`<checkpoint>l`, JSON Lines, appended as rows finish): one outcome per finished row.
 *
 * A row is finished exactly when its journal line is complete. After a crash the journal's last line may be
 * torn; it is ignored and that row is sent again, which is safe because every request is addressed by id
 * or alternate key (an idempotent upsert).
 *
 * @module
 */

import { ValidationError } from "../../errors.ts";
import { writeAtomic } from "../../config/files.ts";

/** What the checkpoint file holds. */
export interface CheckpointData {
  version: 1;
  runId: string;
  entitySet: string;
  file: { path: string; size: number; mtimeMs: number | null };
  /** Options that change what is sent (mapping, keys, mode); a resume must use the same. */
  options: Record<string, unknown>;
  startedAt: string;
}

/** One finished row, as journalled and reported. */
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

/** The journal path of a checkpoint. */
export function journalPath(checkpointPath: string): string {
  return `${checkpointPath}l`;
}

/** Reads a checkpoint; undefined when there is none. Throws ValidationError for an unreadable one. */
export async function readCheckpoint(path: string): Promise<CheckpointData | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  try {
    const data = JSON.parse(text) as CheckpointData;
    if (data?.version !== 1 || typeof data.runId !== "string") throw new Error("unknown format");
    return data;
  } catch (error) {
    throw new ValidationError(`The checkpoint ${path} cannot be read: ${(error as Error).message}.`, {
      hint: "Delete it (and its journal) to start over.",
    });
  }
}

/** Writes the checkpoint atomically (temp file + rename). */
export function writeCheckpoint(path: string, data: CheckpointData): Promise<void> {
  return writeAtomic(path, JSON.stringify(data, null, 2) + "\n");
}

/** A growable bit set of finished row numbers (1 bit per row: 125 KB for a million rows). */
export class RowSet {
  #bits = new Uint8Array(1024);
  size = 0;

  has(row: number): boolean {
    return (this.#bits[row >> 3] ?? 0) & (1 << (row & 7)) ? true : false;
  }

  add(row: number): void {
    if (row >> 3 >= this.#bits.length) {
      const next = new Uint8Array(Math.max(this.#bits.length * 2, (row >> 3) + 1));
      next.set(this.#bits);
      this.#bits = next;
    }
    if (!this.has(row)) this.size++;
    this.#bits[row >> 3] |= 1 << (row & 7);
  }
}

const encoder = new TextEncoder();

/** Yields the complete lines of a journal; a torn last line (crash mid-write) is skipped. */
export async function* readJournal(path: string): AsyncGenerator<RowOutcome> {
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
      const outcome = parseLine(line);
      if (outcome) yield outcome;
    }
  }
  // Text after the last newline was never completed: that row is not finished.
}

function parseLine(line: string): RowOutcome | undefined {
  try {
    const o = JSON.parse(line) as RowOutcome;
    return typeof o?.row === "number" ? o : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Appends outcomes to the journal in call order. Lines are gathered and written at most every 50 ms (or
 * once 64 KB are waiting), so a busy load makes twenty writes a second instead of one per request. A row
 * answered in the last moments before a crash may miss the journal; `--resume` then sends it again, which
 * an upsert addressed by id or key applies once.
 */
export class Journal {
  #file: Deno.FsFile | undefined;
  #chain: Promise<void> = Promise.resolve();
  #pending = "";
  #timer: ReturnType<typeof setTimeout> | undefined;
  #error: unknown;
  readonly path: string;
  readonly #intervalMs: number;

  constructor(path: string, options: { intervalMs?: number } = {}) {
    this.path = path;
    this.#intervalMs = options.intervalMs ?? 50;
  }

  /** Opens (creating or appending). */
  async open(): Promise<void> {
    this.#file = await Deno.open(this.path, { create: true, append: true, write: true });
  }

  /** The first write failure (disk full, file removed), if any: the run must stop. */
  get error(): unknown {
    return this.#error;
  }

  /** Queues outcomes; they reach the file within the flush interval. */
  append(outcomes: RowOutcome[]): void {
    for (const o of outcomes) this.#pending += JSON.stringify(o) + "\n";
    if (this.#pending.length >= 64 * 1024) this.flush();
    else if (this.#pending && this.#timer === undefined) {
      this.#timer = setTimeout(() => this.flush(), this.#intervalMs);
    }
  }

  /** Writes what is waiting; the promise settles once it is on disk (and rejects on a write failure). */
  flush(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
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
