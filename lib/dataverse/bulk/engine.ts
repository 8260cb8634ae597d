/**
 * The bulk CSV upsert engine: checks the file, types each row from the table's metadata, and sends the rows
 * as `$batch` requests (one change set per row, continue-on-error, so a bad row fails alone) or
 * UpsertMultiple chunks, several at a time under an adaptive Pacer. It returns data and never prints.
 *
 * The work is split into units, each with its own tests: validate.ts (the cheap pass over the whole file
 * before anything is sent), plan.ts (row -> request), checkpoint.ts / journal.ts (what is finished),
 * scheduler.ts + pacer.ts (how many requests, when) and sender.ts (one request and its answers). This
 * module wires them together.
 *
 * Exactly once: every request is an upsert addressed by id or alternate key (`PATCH set(id)` /
 * `PATCH set(key='v')`). A row with neither gets an id derived from the file and the row (plan.ts), so its
 * create is addressed too, the same in every run of the same file. Sending such a request twice leaves the
 * same single record with the same values; that is what makes it safe to resend rows whose answer was lost
 * (dropped connection, crash before the journal line) and the only kind of request this engine retries.
 *
 * @module
 */

import { basename } from "node:path";
import { type Clock, systemClock } from "../../clock.ts";
import { option, phrase, UsageError, ValidationError } from "../../errors.ts";
import type { DataverseClient } from "../client.ts";
import {
  type CheckpointData,
  checkResume,
  readCheckpoint,
  RowHashes,
  RowSet,
  writeCheckpoint,
} from "./checkpoint.ts";
import { planColumns } from "./columns.ts";
import { type CsvStream, openCsv } from "./csv_rows.ts";
import type { CsvEncoding } from "./encoding.ts";
import { Journal, type JournalEntry, journalPath, readJournal, type RowOutcome } from "./journal.ts";
import { loadTableMetadata } from "./metadata.ts";
import { Pacer, type PacerStats } from "./pacer.ts";
import {
  checkRow,
  fingerprintOptions,
  type Item,
  planRow,
  type RowContext,
  rowHash,
  type SendingOptions,
} from "./plan.ts";
import { type ReportFormat, reportFormatOf, writeReport } from "./report.ts";
import { schedule } from "./scheduler.ts";
import { BulkSender } from "./sender.ts";
import { validateCsvFile } from "./validate.ts";

/** How to run a bulk load. */
export interface BulkOptions extends SendingOptions {
  entitySet: string;
  /** The CSV file (absolute path). */
  file: string;
  /** The file's text encoding (default UTF-8, read strictly). */
  encoding?: CsvEncoding;
  /** `batch` (default): `$batch`, one change set per row; `multiple`: UpsertMultiple per chunk. */
  mode?: "batch" | "multiple";
  /** Rows per request (default 50; at most 1,000). May differ on `--resume`. */
  chunkSize?: number;
  /** Create records that do not exist (default true); false sends `If-Match: *` (update only). */
  createIfMissing?: boolean;
  /** Fixed number of concurrent requests (default: adaptive from `x-ms-dop-hint`). */
  concurrency?: number;
  /** Upper bound of the adaptive concurrency (default 52, Dataverse's concurrent-request limit). */
  maxConcurrency?: number;
  /** Validate and plan only; nothing is sent. */
  dryRun?: boolean;
  /** Continue the run recorded in the checkpoint. */
  resume?: boolean;
  /** Checkpoint path (default `<file>.ppx-bulk.json`). */
  checkpointPath?: string;
  /** Attempts per row for transient failures before it is reported failed (default 10). */
  maxAttempts?: number;
  signal?: AbortSignal;
  /** Called once the checkpoint exists, from when `--resume` can continue the run. */
  onCheckpoint?: (checkpointPath: string) => void;
  /** Called as rows finish (done counts rows finished in this and earlier runs). */
  onProgress?: (done: number, inFlight: number, concurrency: number) => void;
  /** Write the per-row report here when the run completes (or stops at a CSV error). */
  report?: string;
  /** Report format (default: from the extension, `.json` or CSV). */
  reportFormat?: ReportFormat;
  /** Time and waits (default the system clock; tests pass a ManualClock). */
  clock?: Clock;
  /** Jitter source of the retry backoff (tests pin it). */
  random?: () => number;
  /**
   * Check the whole file before sending (default true). Only tests turn it off, to reach the safety net:
   * a CSV error met while sending ends the run as a partial success that `--resume` continues.
   */
  prevalidate?: boolean;
}

/** Where a run stopped early because the file could not be read further. */
export interface BulkStop {
  /** The first row that could not be read. */
  row: number;
  message: string;
}

/** What a run did. */
export interface BulkSummary {
  entitySet: string;
  mode: "batch" | "multiple";
  dryRun: boolean;
  /** Data rows read (including rows finished by an earlier run when resuming). */
  rows: number;
  succeeded: number;
  failed: number;
  invalid: number;
  /** Rows an earlier, interrupted run had finished (not sent again). */
  resumedRows: number;
  /** HTTP requests sent ($batch or UpsertMultiple), including retried ones. */
  requests: number;
  /** Rows sent again after a transient failure. */
  retriedRows: number;
  concurrency: PacerStats;
  /** Requests in flight on average over the sending time (time-weighted): how well the limit was used. */
  averageInFlight: number;
  durationMs: number;
  rowsPerSecond: number;
  /** Where the checkpoint and journal are while the run is unfinished. */
  checkpoint?: string;
  journal?: string;
  /** The report written, if any. */
  report?: string;
  /** Set when a CSV error further on stopped the run: the rows before it are finished and journalled. */
  stopped?: BulkStop;
  /** Up to 20 failed or invalid rows. */
  failures: RowOutcome[];
}

const MAX_FAILURES_KEPT = 20;

function newSummary(options: BulkOptions, mode: "batch" | "multiple"): BulkSummary {
  return {
    entitySet: options.entitySet,
    mode,
    dryRun: options.dryRun === true,
    rows: 0,
    succeeded: 0,
    failed: 0,
    invalid: 0,
    resumedRows: 0,
    requests: 0,
    retriedRows: 0,
    concurrency: { start: 0, min: 0, max: 0, current: 0, throttled: 0 },
    averageInFlight: 0,
    durationMs: 0,
    rowsPerSecond: 0,
    failures: [],
  };
}

function outcomeOf(entry: JournalEntry): RowOutcome {
  const { row, key, status, httpStatus, code, message } = entry;
  return { row, key, status, httpStatus, code, message };
}

/**
 * Runs a bulk load. Throws ValidationError before sending anything when the file, header or options are
 * wrong, UsageError for checkpoint misuse; row failures are data in the summary (and the journal).
 */
export async function runBulkCsv(client: DataverseClient, options: BulkOptions): Promise<BulkSummary> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const mode = options.mode ?? "batch";
  const chunkSize = options.chunkSize ?? 50;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 1000) {
    throw new UsageError(
      phrase`${option("chunkSize")} must be a whole number from 1 to 1000, not ${chunkSize}.`,
    );
  }
  const createIfMissing = options.createIfMissing !== false;
  if (!createIfMissing && mode === "multiple") {
    throw new UsageError(
      phrase`${option("createIfMissing", undefined, { negated: true })} works with ${
        option("mode", "batch")
      } only.`,
      {
        hint: phrase`UpsertMultiple always creates missing records; drop ${
          option("mode", "multiple")
        } to update existing ones only.`,
      },
    );
  }
  const encoding = options.encoding ?? "utf-8";
  const checkpointPath = options.checkpointPath ?? `${options.file}.ppx-bulk.json`;

  // The whole file is checked first, so a broken quote at row 3,000 stops the load before row 1 is sent.
  if (options.prevalidate !== false) await validateCsvFile(options.file, encoding);
  const csv = await openCsv(options.file, { encoding });
  let journal: Journal | undefined;
  try {
    const existing = options.dryRun
      ? undefined
      : await inspectCheckpoint(options, checkpointPath, csv.header);
    const meta = await loadTableMetadata(client, options.entitySet, {
      keys: (options.keyColumns?.length ?? 0) > 0,
    });
    const plan = planColumns(csv.header, meta, options);
    const ctx: RowContext = {
      entitySet: options.entitySet,
      fileName: basename(options.file),
      plan,
      options,
      mode,
      createIfMissing,
    };
    const summary = newSummary(options, mode);
    const record = (o: RowOutcome) => {
      if (o.status === "succeeded") summary.succeeded++;
      else {
        if (o.status === "failed") summary.failed++;
        else summary.invalid++;
        if (summary.failures.length < MAX_FAILURES_KEPT) summary.failures.push(outcomeOf(o));
      }
    };

    if (options.dryRun) {
      for await (const { row, cells } of csv.records) {
        summary.rows++;
        record(checkRow(ctx, row, cells));
      }
      summary.durationMs = clock.now() - started;
      return summary;
    }

    const done = new RowSet();
    await openCheckpoint(options, checkpointPath, existing, csv.header, done, summary, record, clock);
    journal = new Journal(journalPath(checkpointPath), { clock });
    await journal.open();
    summary.checkpoint = checkpointPath;
    summary.journal = journal.path;
    options.onCheckpoint?.(checkpointPath);

    const pacer = new Pacer({
      initial: options.concurrency,
      ceiling: options.concurrency ?? options.maxConcurrency ?? 52,
      fixed: options.concurrency !== undefined,
      random: options.random,
    });
    const sender = new BulkSender(client, {
      entitySet: options.entitySet,
      logicalName: plan.logicalName,
      mode,
      createIfMissing,
      signal: options.signal,
      onHint: (value) => pacer.hint(value),
    });
    const open = journal;
    const records = csv.records;
    const stats = await schedule({
      chunkSize,
      maxAttempts: options.maxAttempts ?? 10,
      pacer,
      clock,
      signal: options.signal,
      next: async (): Promise<Item | JournalEntry | undefined> => {
        for (;;) {
          let next: IteratorResult<{ row: number; cells: string[] }>;
          try {
            next = await records.next();
          } catch (error) {
            // The file broke further on (the cheap pass missed it, or the file changed under us): what was
            // sent stands; stop reading, finish the rows in flight, and report a partial success.
            if (!(error instanceof ValidationError)) throw error;
            summary.stopped = { row: summary.rows + 1, message: error.message };
            return undefined;
          }
          if (next.done) return undefined;
          summary.rows++;
          const { row, cells } = next.value;
          if (done.has(row)) continue;
          return planRow(ctx, row, cells);
        }
      },
      send: (items) => sender.send(items),
      finish: (entries) => {
        open.append(entries);
        for (const e of entries) {
          done.add(e.row);
          record(e);
        }
      },
      check: () => {
        if (open.error) throw open.error;
      },
      onProgress: (inFlight, limit) => options.onProgress?.(done.size, inFlight, limit),
    });
    summary.requests = stats.requests;
    summary.retriedRows = stats.retriedRows;
    summary.averageInFlight = stats.averageInFlight;
    await journal.close();
    if (options.report) {
      await writeReport(journal.path, options.report, options.reportFormat ?? reportFormatOf(options.report));
      summary.report = options.report;
    }
    if (!summary.stopped) {
      // Every row is finished: the checkpoint has done its job.
      await Deno.remove(journal.path).catch(() => {});
      await Deno.remove(checkpointPath).catch(() => {});
      summary.checkpoint = undefined;
      summary.journal = undefined;
    }
    summary.concurrency = { ...pacer.stats };
    summary.durationMs = clock.now() - started;
    summary.rowsPerSecond = summary.durationMs > 0
      ? Math.round(((summary.rows - summary.resumedRows) / summary.durationMs) * 1000)
      : 0;
    return summary;
  } finally {
    csv.close();
    await journal?.close();
  }
}

// Hint sentences with no option in them.
const START_OVER =
  "To start over instead, delete the checkpoint and its journal (…ppx-bulk.jsonl): every row " +
  "is then sent again to the same record (ids of rows without id or key come from the file), so nothing is " +
  "created twice.";
const CHANGED_ROW = "Undo the change to that row and resume; rows not yet applied may be changed freely.";

/**
 * Checks the checkpoint before anything else (metadata included): a fresh run refuses to overwrite an
 * unfinished one; a resume needs a checkpoint made for the same entity set, header and options.
 */
async function inspectCheckpoint(
  options: BulkOptions,
  checkpointPath: string,
  header: string[],
): Promise<CheckpointData | undefined> {
  const existing = await readCheckpoint(checkpointPath);
  if (!options.resume) {
    if (existing) {
      throw new UsageError(`An unfinished run left a checkpoint at ${checkpointPath}.`, {
        hint: phrase`Add ${option("resume")} to finish it without sending finished rows again. ${START_OVER}`,
      });
    }
    return undefined;
  }
  if (!existing) {
    throw new UsageError(`There is no checkpoint at ${checkpointPath} to resume from.`, {
      hint: phrase`Run without ${option("resume")} to start, or pass the ${
        option("checkpointPath")
      } the interrupted run used.`,
    });
  }
  checkResume(existing, fingerprint(options, header), checkpointPath);
  return existing;
}

function fingerprint(options: BulkOptions, header: string[]) {
  return { entitySet: options.entitySet, header: rowHash(header), options: fingerprintOptions(options) };
}

/**
 * Writes a fresh checkpoint, or takes over the inspected one: every row the journal says is finished must
 * read as it did then; those rows are counted as finished by the earlier run.
 */
async function openCheckpoint(
  options: BulkOptions,
  checkpointPath: string,
  existing: CheckpointData | undefined,
  header: string[],
  done: RowSet,
  summary: BulkSummary,
  record: (o: RowOutcome) => void,
  clock: Clock,
): Promise<CheckpointData> {
  if (!existing) {
    const current = fingerprint(options, header);
    const checkpoint: CheckpointData = {
      version: 2,
      runId: crypto.randomUUID(),
      entitySet: options.entitySet,
      file: { path: options.file, header: current.header },
      options: current.options,
      startedAt: new Date(clock.now()).toISOString(),
    };
    await writeCheckpoint(checkpointPath, checkpoint);
    await Deno.remove(journalPath(checkpointPath)).catch(() => {});
    return checkpoint;
  }
  const hashes = new RowHashes();
  const finished: JournalEntry[] = [];
  for await (const entry of readJournal(journalPath(checkpointPath))) {
    if (done.has(entry.row)) continue;
    done.add(entry.row);
    hashes.set(entry.row, entry.hash ?? 0);
    finished.push(entry);
  }
  await checkFinishedRows(options, done, hashes);
  for (const entry of finished) {
    summary.resumedRows++;
    record(entry);
  }
  return existing;
}

/** Reads the file once more and refuses the resume if a row the journal says is finished has changed. */
async function checkFinishedRows(options: BulkOptions, done: RowSet, hashes: RowHashes): Promise<void> {
  if (done.size === 0) return;
  const csv: CsvStream = await openCsv(options.file, { encoding: options.encoding ?? "utf-8" });
  let seen = 0;
  try {
    for await (const { row, cells } of csv.records) {
      if (!done.has(row)) continue;
      const expected = hashes.get(row);
      if (expected !== 0 && expected !== rowHash(cells)) {
        throw new UsageError(
          `Row ${row} of ${options.file} changed after the interrupted run had applied it.`,
          {
            hint: phrase`${CHANGED_ROW} To load the changed row, run the file again without ${
              option("resume")
            } after this run completes.`,
          },
        );
      }
      if (++seen === done.size) return;
    }
  } finally {
    csv.close();
  }
  if (seen < done.size) {
    throw new UsageError(
      `${options.file} has fewer rows than the interrupted run had finished (${seen} of ${done.size} found).`,
      { hint: "Resume with the file the interrupted run read." },
    );
  }
}
