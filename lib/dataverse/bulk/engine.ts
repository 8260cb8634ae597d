/**
 * The bulk CSV upsert engine: streams a CSV, types each row from the table's metadata, and sends the rows
 * as `$batch` requests (one change set per row, continue-on-error, so a bad row fails alone) or
 * UpsertMultiple chunks, several at a time under an adaptive Pacer. It returns data and never prints.
 *
 * Exactly once: every request is an upsert addressed by id or alternate key (`PATCH set(id)` /
 * `PATCH set(key='v')`). A row with neither gets an id generated from the run id and its row number, kept
 * in the checkpoint, so its create is addressed too. Sending such a request twice leaves the same single
 * record with the same values; that is what makes it safe to resend rows whose answer was lost (dropped
 * connection, crash before the journal line) and the only kind of request this engine retries. Rows with
 * the same id or key never run concurrently, so the file's order decides (last row wins).
 *
 * @module
 */

import { ApiError, CancelledError, PpxError, UsageError } from "../../errors.ts";
import type { BatchOperation } from "../batch_writer.ts";
import { partError } from "../batch_parser.ts";
import { isTransientStatus } from "../../http/retry.ts";
import { BatchRejectedError, type DataverseClient } from "../client.ts";
import { keyText } from "../keys.ts";
import { alternateKeySegment } from "../odata.ts";
import {
  type CheckpointData,
  Journal,
  journalPath,
  readCheckpoint,
  readJournal,
  type RowOutcome,
  RowSet,
  writeCheckpoint,
} from "./checkpoint.ts";
import { type ColumnPlan, planColumns, type PlanOptions } from "./columns.ts";
import { type CsvStream, openCsv } from "./csv_rows.ts";
import { loadTableMetadata } from "./metadata.ts";
import { Pacer, type PacerStats } from "./pacer.ts";
import { RowQueue } from "./queue.ts";
import { buildRow } from "./columns.ts";
import { CellError } from "./values.ts";
import { type ReportFormat, reportFormatOf, writeReport } from "./report.ts";

/** How to run a bulk load. */
export interface BulkOptions extends PlanOptions {
  entitySet: string;
  /** The CSV file (absolute path). */
  file: string;
  /** `batch` (default): `$batch`, one change set per row; `multiple`: UpsertMultiple per chunk. */
  mode?: "batch" | "multiple";
  /** Rows per request (default 50; at most 1,000). */
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
  /** Called as rows finish (done counts rows finished in this and earlier runs). */
  onProgress?: (done: number, inFlight: number, concurrency: number) => void;
  /** Write the per-row report here when the run completes. */
  report?: string;
  /** Report format (default: from the extension, `.json` or CSV). */
  reportFormat?: ReportFormat;
  /** Clock (tests pin it). */
  now?: () => number;
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
  /** Up to 20 failed or invalid rows. */
  failures: RowOutcome[];
}

interface Item {
  row: number;
  /** Conflict key: rows with the same one never run at the same time. */
  lock?: string;
  label: string;
  path: string;
  body: Record<string, unknown>;
  attempts: number;
}

const MAX_FAILURES_KEPT = 20;

/** The id a keyless row gets: the run id's first 20 hex digits and the row number (stable across resumes). */
export function generatedId(runId: string, row: number): string {
  const hex = row.toString(16).padStart(12, "0");
  return `${runId.slice(0, 24)}${hex}`.toLowerCase();
}

function fingerprintOptions(o: BulkOptions): Record<string, unknown> {
  return {
    mode: o.mode ?? "batch",
    idColumn: o.idColumn ?? null,
    keyColumns: o.keyColumns ?? [],
    map: o.map ?? null,
    emptyAsNull: o.emptyAsNull === true,
    createIfMissing: o.createIfMissing !== false,
  };
}

/**
 * Runs a bulk load. Throws ValidationError before sending anything when the header or options are wrong,
 * UsageError for checkpoint misuse; row failures are data in the summary (and the journal).
 */
export async function runBulkCsv(client: DataverseClient, options: BulkOptions): Promise<BulkSummary> {
  const now = options.now ?? (() => Date.now());
  const started = now();
  const mode = options.mode ?? "batch";
  const chunkSize = options.chunkSize ?? 50;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 1000) {
    throw new UsageError(`--chunk-size must be a whole number from 1 to 1000, not ${chunkSize}.`);
  }
  const createIfMissing = options.createIfMissing !== false;
  if (!createIfMissing && mode === "multiple") {
    throw new UsageError("--no-create-if-missing works with --mode batch only.", {
      hint:
        "UpsertMultiple always creates missing records; drop --mode multiple to update existing ones only.",
    });
  }
  const maxAttempts = options.maxAttempts ?? 10;
  const checkpointPath = options.checkpointPath ?? `${options.file}.ppx-bulk.json`;

  const csv = await openCsv(options.file);
  let journal: Journal | undefined;
  try {
    const meta = await loadTableMetadata(client, options.entitySet, {
      keys: (options.keyColumns?.length ?? 0) > 0,
    });
    const plan = planColumns(csv.header, meta, options);
    const summary: BulkSummary = {
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
    const record = (o: RowOutcome) => {
      if (o.status === "succeeded") summary.succeeded++;
      else {
        if (o.status === "failed") summary.failed++;
        else summary.invalid++;
        if (summary.failures.length < MAX_FAILURES_KEPT) summary.failures.push(o);
      }
    };

    if (options.dryRun) {
      await dryRun(csv, plan, options, createIfMissing, summary, record);
      summary.durationMs = now() - started;
      return summary;
    }

    // Checkpoint: a fresh run refuses to overwrite an unfinished one; a resume needs the same input.
    const fileInfo = await Deno.stat(options.file);
    const identity = {
      path: options.file,
      size: fileInfo.size,
      mtimeMs: fileInfo.mtime?.getTime() ?? null,
    };
    const existing = await readCheckpoint(checkpointPath);
    const done = new RowSet();
    let checkpoint: CheckpointData;
    if (options.resume) {
      if (!existing) {
        throw new UsageError(`There is no checkpoint at ${checkpointPath} to resume from.`, {
          hint: "Run without --resume to start, or pass the --checkpoint the interrupted run used.",
        });
      }
      if (
        existing.entitySet !== options.entitySet || existing.file.size !== identity.size ||
        existing.file.mtimeMs !== identity.mtimeMs ||
        JSON.stringify(existing.options) !== JSON.stringify(fingerprintOptions(options))
      ) {
        throw new UsageError(
          "The checkpoint belongs to a different file, entity set or options than this run.",
          {
            hint: `Resume with the same file and options, or delete ${checkpointPath} and its journal.`,
          },
        );
      }
      checkpoint = existing;
      for await (const o of readJournal(journalPath(checkpointPath))) {
        if (done.has(o.row)) continue;
        done.add(o.row);
        summary.resumedRows++;
        record(o);
      }
    } else {
      if (existing) {
        throw new UsageError(`An unfinished run left a checkpoint at ${checkpointPath}.`, {
          hint: "Add --resume to finish it without resending finished rows, or delete the checkpoint " +
            "and its journal to start over.",
        });
      }
      checkpoint = {
        version: 1,
        runId: crypto.randomUUID(),
        entitySet: options.entitySet,
        file: identity,
        options: fingerprintOptions(options),
        startedAt: new Date(now()).toISOString(),
      };
      await writeCheckpoint(checkpointPath, checkpoint);
      await Deno.remove(journalPath(checkpointPath)).catch(() => {});
    }
    journal = new Journal(journalPath(checkpointPath));
    await journal.open();
    summary.checkpoint = checkpointPath;
    summary.journal = journal.path;

    const pacer = new Pacer({
      initial: options.concurrency,
      ceiling: options.concurrency ?? options.maxConcurrency ?? 52,
      fixed: options.concurrency !== undefined,
    });
    const finish = (outcomes: RowOutcome[]) => {
      journal!.append(outcomes);
      for (const o of outcomes) {
        done.add(o.row);
        record(o);
      }
    };

    const queue = new RowQueue<Item>();
    const locks = new Map<string, number>();
    const running = new Set<Promise<void>>();
    let eof = false;
    const records = csv.records;

    const itemFor = (row: number, cells: string[]): Item | RowOutcome => {
      try {
        const r = buildRow(plan, cells, options);
        let path: string;
        let label: string;
        let lock: string | undefined;
        let body = r.body;
        if (r.id) {
          path = `${options.entitySet}(${r.id})`;
          label = r.id;
          lock = r.id;
        } else if (r.key) {
          path = `${options.entitySet}(${alternateKeySegment(r.key)})`;
          label = Object.entries(r.key).map(([k, v]) => `${k}=${keyText(v)}`).join(",");
          lock = label.toLowerCase();
        } else {
          if (!createIfMissing) {
            throw new CellError(
              "The row has no id or alternate key, and --no-create-if-missing forbids creating it.",
            );
          }
          const id = generatedId(checkpoint.runId, row);
          path = `${options.entitySet}(${id})`;
          label = id;
        }
        if (mode === "multiple") {
          // UpsertMultiple matches a keyed row only through "@odata.id"; key columns in the body alone
          // would make it a create.
          body = r.key
            ? { ...body, ...r.keyBody, "@odata.id": path }
            : { ...body, [plan.primaryId]: r.id ?? label };
        }
        return { row, lock, label, path, body, attempts: 0 };
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        return {
          row,
          key: rawLabel(plan, cells),
          status: "invalid",
          httpStatus: 0,
          code: "invalid-value",
          message: error.message,
        };
      }
    };

    const lockItems = (items: Item[], delta: number) => {
      for (const item of items) {
        if (item.lock === undefined) continue;
        const n = (locks.get(item.lock) ?? 0) + delta;
        if (n <= 0) locks.delete(item.lock);
        else locks.set(item.lock, n);
      }
    };

    const retryOrFail = (items: Item[], outcomes: RowOutcome[], code: string, message: string) => {
      const again: Item[] = [];
      for (const item of items) {
        if (++item.attempts >= maxAttempts) {
          outcomes.push({
            row: item.row,
            key: item.label,
            status: "failed",
            httpStatus: 0,
            code,
            message:
              `${message} (gave up after ${item.attempts} attempts; the change may or may not be applied)`,
          });
        } else again.push(item);
      }
      summary.retriedRows += again.length;
      queue.unshift(...again);
    };

    const send = async (items: Item[]) => {
      summary.requests++;
      const outcomes: RowOutcome[] = [];
      const unanswered = new Set(items);
      try {
        if (mode === "multiple") {
          await client.upsertMultiple(options.entitySet, plan.logicalName, items.map((i) => i.body));
          pacer.success();
          for (const item of items) {
            outcomes.push({
              row: item.row,
              key: item.label,
              status: "succeeded",
              httpStatus: 200,
              code: "",
              message: "",
            });
            unanswered.delete(item);
          }
        } else {
          const headers: Record<string, string> = createIfMissing ? {} : { "If-Match": "*" };
          const entries = items.map((item) => ({
            changeSet: [
              { method: "PATCH", url: item.path, body: item.body, headers } satisfies BatchOperation,
            ],
          }));
          let index = 0;
          const transient: Item[] = [];
          for await (
            const part of client.batchStream(entries, {
              continueOnError: true,
              noRetry: true,
              signal: options.signal,
              onResponse: (response) => pacer.hint(response.headers.get("x-ms-dop-hint")),
            })
          ) {
            const item = items[index++];
            if (!item) break;
            unanswered.delete(item);
            if (part.status < 300) {
              outcomes.push({
                row: item.row,
                key: item.label,
                status: "succeeded",
                httpStatus: part.status,
                code: "",
                message: "",
              });
            } else if (isTransientStatus(part.status)) {
              transient.push(item);
            } else {
              const e = partError(part);
              outcomes.push({
                row: item.row,
                key: item.label,
                status: "failed",
                httpStatus: part.status,
                code: e.code ?? String(part.status),
                message: e.message ?? part.statusText,
              });
            }
          }
          pacer.success();
          if (transient.length) retryOrFail(transient, outcomes, "transient", "The service failed this row");
          if (unanswered.size) {
            // The answer ended early: those rows may or may not have run; they are resent (idempotent).
            retryOrFail([...unanswered], outcomes, "no-answer", "The answer for this row never arrived");
            unanswered.clear();
          }
        }
      } catch (error) {
        const rest = [...unanswered];
        if (options.signal?.aborted) throw error;
        if (error instanceof BatchRejectedError && error.status === 429) {
          pacer.throttled(now(), error.retryAfterMs);
          // A throttled request ran nothing: resend without counting an attempt.
          summary.retriedRows += rest.length;
          queue.unshift(...rest);
        } else if (error instanceof ApiError && error.status === 429) {
          pacer.throttled(now(), undefined);
          summary.retriedRows += rest.length;
          queue.unshift(...rest);
        } else if (
          error instanceof ApiError && error.status >= 400 && error.status < 500 && mode === "multiple"
        ) {
          for (const item of rest) {
            outcomes.push({
              row: item.row,
              key: item.label,
              status: "failed",
              httpStatus: error.status,
              code: error.serviceCode ?? error.code,
              message: error.message,
            });
          }
        } else if (isTransient(error)) {
          pacer.failed(now(), Math.max(...rest.map((i) => i.attempts), 0));
          retryOrFail(rest, outcomes, "transient", describe(error));
        } else throw error;
      } finally {
        lockItems(items, -1);
      }
      finish(outcomes);
      options.onProgress?.(done.size, running.size - 1, pacer.limit);
    };

    const fill = async () => {
      while (!eof && queue.length < chunkSize * (pacer.limit + 1)) {
        const next = await records.next();
        if (next.done) {
          eof = true;
          break;
        }
        summary.rows++;
        const { row, cells } = next.value;
        if (done.has(row)) continue;
        const item = itemFor(row, cells);
        if ("status" in item) {
          finish([{ ...item }]);
          continue;
        }
        queue.push(item);
      }
    };

    const take = (): Item[] => {
      const batch: Item[] = [];
      const mine = new Set<string>();
      while (batch.length < chunkSize && queue.length) {
        const item = queue.peek()!;
        // The same record twice never shares a request nor runs beside itself: a retried earlier row
        // would otherwise land after a later one and break the file order.
        if (item.lock !== undefined && (locks.has(item.lock) || mine.has(item.lock))) break;
        queue.shift();
        if (item.lock !== undefined) mine.add(item.lock);
        batch.push(item);
      }
      lockItems(batch, +1);
      return batch;
    };

    // One wake-up per finished request (racing every running promise on each turn would pile reactions
    // onto each of them).
    const fatal: { error?: unknown; failed?: true } = {};
    let wake = () => {};
    const woken = () => new Promise<void>((r) => wake = r);
    let next = woken();
    // Time-weighted requests in flight, integrated at every change.
    let inFlightArea = 0;
    let lastChange = now();
    let sendingFrom: number | undefined;
    const tally = () => {
      const t = now();
      sendingFrom ??= t;
      inFlightArea += running.size * (t - lastChange);
      lastChange = t;
    };
    for (;;) {
      if (options.signal?.aborted) throw new CancelledError();
      if (fatal.failed) throw fatal.error;
      if (journal.error) throw journal.error;
      await fill();
      if (eof && queue.length === 0 && running.size === 0) break;
      const wait = pacer.pausedUntil - now();
      if (queue.length && running.size < pacer.limit && wait <= 0) {
        const batch = take();
        if (batch.length) {
          const p: Promise<void> = send(batch).catch((error) => {
            if (!fatal.failed) Object.assign(fatal, { error, failed: true });
          }).finally(() => {
            tally();
            running.delete(p);
            wake();
          });
          tally();
          running.add(p);
          continue;
        }
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      if (wait > 0 || running.size === 0) timer = setTimeout(() => wake(), Math.max(wait, 5));
      await next;
      next = woken();
      if (timer !== undefined) clearTimeout(timer);
    }
    if (fatal.failed) throw fatal.error;
    if (sendingFrom !== undefined && lastChange > sendingFrom) {
      summary.averageInFlight = Math.round((inFlightArea / (lastChange - sendingFrom)) * 10) / 10;
    }
    await journal.close();
    if (options.report) {
      await writeReport(journal.path, options.report, options.reportFormat ?? reportFormatOf(options.report));
      summary.report = options.report;
    }
    // Every row is finished: the checkpoint has done its job.
    await Deno.remove(journal.path).catch(() => {});
    await Deno.remove(checkpointPath).catch(() => {});
    summary.checkpoint = undefined;
    summary.journal = undefined;
    summary.concurrency = { ...pacer.stats };
    summary.durationMs = now() - started;
    summary.rowsPerSecond = summary.durationMs > 0
      ? Math.round(((summary.rows - summary.resumedRows) / summary.durationMs) * 1000)
      : 0;
    return summary;
  } finally {
    csv.close();
    await journal?.close();
  }
}

const TRANSIENT_CODES = new Set(["network", "timeout", "throttled", "dataverse.batch-format"]);

function isTransient(error: unknown): boolean {
  if (error instanceof ApiError && (error.status === 0 || isTransientStatus(error.status))) return true;
  // A broken answer body (dropped connection) surfaces as a batch-format or network error.
  return error instanceof PpxError && TRANSIENT_CODES.has(error.code);
}

/** The address cells of a row as written, for reporting a row that could not be built. */
function rawLabel(plan: ColumnPlan, cells: string[]): string {
  if (plan.idIndex !== undefined && cells[plan.idIndex]) return cells[plan.idIndex];
  if (plan.keys.length && plan.keys.every((k) => cells[k.index])) {
    return plan.keys.map((k) => `${k.property}=${cells[k.index]}`).join(",");
  }
  return "";
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function dryRun(
  csv: CsvStream,
  plan: ColumnPlan,
  options: BulkOptions,
  createIfMissing: boolean,
  summary: BulkSummary,
  record: (o: RowOutcome) => void,
): Promise<void> {
  for await (const { row, cells } of csv.records) {
    summary.rows++;
    try {
      const r = buildRow(plan, cells, options);
      if (!r.id && !r.key && !createIfMissing) {
        throw new CellError(
          "The row has no id or alternate key, and --no-create-if-missing forbids creating it.",
        );
      }
      record({ row, key: r.id ?? "", status: "succeeded", httpStatus: 0, code: "", message: "" });
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      record({
        row,
        key: "",
        status: "invalid",
        httpStatus: 0,
        code: "invalid-value",
        message: error.message,
      });
    }
  }
}
