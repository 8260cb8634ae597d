/**
 * Resumable state of a bulk load, in two files next to each other (both 0600):
 *
 * - the checkpoint (`<csv>.ppx-bulk.json`, written atomically once at the start): the run id, and a
 *   fingerprint of what decides what is sent (entity set, header, options) so `--resume` refuses a
 *   changed input;
 * - the journal (`<checkpoint>l`, see journal.ts): one line per finished row, with the hash of the row.
 *
 * `--resume` checks the file row by row against the journal: the rows already applied must be as they were,
 * the rest of the file may have changed (a fixed syntax error, a corrected value further on).
 *
 * @module
 */

import { UsageError, ValidationError } from "../../errors.ts";
import { writeAtomic } from "../../config/files.ts";

/** What the checkpoint file holds. */
export interface CheckpointData {
  version: 2;
  runId: string;
  entitySet: string;
  /** The CSV file as given (for messages), and the hash of its header row. */
  file: { path: string; header: number };
  /** Options that change what is sent (mapping, keys, mode, encoding); a resume must use the same. */
  options: Record<string, unknown>;
  startedAt: string;
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
  let data: CheckpointData;
  try {
    data = JSON.parse(text) as CheckpointData;
    if (typeof data?.runId !== "string" || typeof data.version !== "number") {
      throw new Error("unknown format");
    }
  } catch (error) {
    throw new ValidationError(`The checkpoint ${path} cannot be read: ${(error as Error).message}.`, {
      hint: "Delete it (and its journal) to start over.",
    });
  }
  if (data.version !== 2) {
    throw new ValidationError(`The checkpoint ${path} was written by an older ppx.`, {
      hint: "Finish that run with the ppx that started it, or delete the checkpoint and its journal.",
    });
  }
  return data;
}

/** Writes the checkpoint atomically (temp file + rename). */
export function writeCheckpoint(path: string, data: CheckpointData): Promise<void> {
  return writeAtomic(path, JSON.stringify(data, null, 2) + "\n");
}

/**
 * Refuses a resume whose entity set, header or options differ from the checkpoint's (the `--chunk-size`
 * and concurrency are not part of it: every row is its own idempotent upsert, so regrouping is harmless).
 */
export function checkResume(
  checkpoint: CheckpointData,
  current: { entitySet: string; header: number; options: Record<string, unknown> },
  checkpointPath: string,
): void {
  const hint = `Resume with the same entity set, header and options as the run that wrote ${checkpointPath}.`;
  if (checkpoint.entitySet !== current.entitySet) {
    throw new UsageError(
      `The checkpoint is for ${checkpoint.entitySet}, not ${current.entitySet}.`,
      { hint },
    );
  }
  if (checkpoint.file.header !== current.header) {
    throw new UsageError("The CSV header changed since the interrupted run.", { hint });
  }
  const changed = Object.keys({ ...checkpoint.options, ...current.options }).filter((k) =>
    JSON.stringify(checkpoint.options[k] ?? null) !== JSON.stringify(current.options[k] ?? null)
  );
  if (changed.length) {
    throw new UsageError(
      `The checkpoint was made with other options: ${changed.join(", ")} differ.`,
      { hint },
    );
  }
}

/** A growable bit set of finished row numbers (1 bit per row: 125 KB for a million rows). */
export class RowSet {
  #bits = new Uint8Array(1024);
  size = 0;

  /** True when `row` is in the set. */
  has(row: number): boolean {
    return (this.#bits[row >> 3] ?? 0) & (1 << (row & 7)) ? true : false;
  }

  /** Adds `row`. */
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

/** A growable map of row number -> 32-bit row hash (4 bytes per row). */
export class RowHashes {
  #values = new Uint32Array(1024);

  /** The hash recorded for `row` (0 when none). */
  get(row: number): number {
    return this.#values[row] ?? 0;
  }

  /** Records `hash` for `row`. */
  set(row: number, hash: number): void {
    if (row >= this.#values.length) {
      const next = new Uint32Array(Math.max(this.#values.length * 2, row + 1));
      next.set(this.#values);
      this.#values = next;
    }
    this.#values[row] = hash;
  }
}
