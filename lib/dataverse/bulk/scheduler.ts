/**
 * The scheduler unit of a bulk load: keeps up to the pacer's limit of requests in flight, groups queued rows
 * into chunks (never two rows for one record in one request or in flight together, so the file's order
 * decides), sends rows again after transient failures (up to `maxAttempts`) or throttling, and waits —
 * for a request to finish or a pause to end — only through the Clock, so a ManualClock drives pacing and
 * retries in tests.
 *
 * @module
 */

import { CancelledError } from "../../errors.ts";
import type { Clock } from "../../clock.ts";
import type { JournalEntry } from "./journal.ts";
import type { Pacer } from "./pacer.ts";
import type { Item } from "./plan.ts";
import { RowQueue } from "./queue.ts";
import type { SendResult } from "./sender.ts";

/** What the scheduler needs. */
export interface SchedulerOptions {
  chunkSize: number;
  /** Attempts per row for transient failures before it is reported failed. */
  maxAttempts: number;
  pacer: Pacer;
  clock: Clock;
  signal?: AbortSignal;
  /** The next row: an item to send, an outcome that is already final (invalid row), undefined at the end. */
  next: () => Promise<Item | JournalEntry | undefined>;
  /** Sends one chunk. A rejection stops the run (after the requests in flight settle). */
  send: (items: Item[]) => Promise<SendResult>;
  /** Rows finished, in completion order. */
  finish: (entries: JournalEntry[]) => void;
  /** Called every turn; throws to stop the run (e.g. a journal write failed). */
  check?: () => void;
  /** Called after each request with the requests still in flight and the current limit. */
  onProgress?: (inFlight: number, limit: number) => void;
}

/** What the scheduler did. */
export interface SchedulerStats {
  /** Requests sent, retried ones included. */
  requests: number;
  /** Rows sent again after a transient failure or throttling. */
  retriedRows: number;
  /** Requests in flight on average over the sending time (time-weighted). */
  averageInFlight: number;
}

/** Runs rows from `next` through `send` until every row is finished. */
export async function schedule(o: SchedulerOptions): Promise<SchedulerStats> {
  const { pacer, clock, chunkSize } = o;
  const stats: SchedulerStats = { requests: 0, retriedRows: 0, averageInFlight: 0 };
  const queue = new RowQueue<Item>();
  const locks = new Map<string, number>();
  const running = new Set<Promise<void>>();
  let eof = false;

  const lockItems = (items: Item[], delta: number) => {
    for (const item of items) {
      if (item.lock === undefined) continue;
      const n = (locks.get(item.lock) ?? 0) + delta;
      if (n <= 0) locks.delete(item.lock);
      else locks.set(item.lock, n);
    }
  };

  const settle = (result: SendResult) => {
    const finished = [...result.finished];
    const again: Item[] = [];
    let attempts = 0;
    for (const { item, code, message } of result.transient) {
      attempts = Math.max(attempts, item.attempts + 1);
      if (++item.attempts >= o.maxAttempts) {
        finished.push({
          row: item.row,
          key: item.label,
          status: "failed",
          httpStatus: 0,
          code,
          message:
            `${message} (gave up after ${item.attempts} attempts; the change may or may not be applied)`,
          hash: item.hash,
        });
      } else again.push(item);
    }
    // A throttled request ran nothing: its rows go again without counting an attempt.
    again.push(...result.throttled);
    if (result.signal.kind === "throttled") pacer.throttled(clock.now(), result.signal.retryAfterMs);
    else if (result.signal.kind === "failed") pacer.failed(clock.now(), attempts - 1);
    else pacer.success();
    stats.retriedRows += again.length;
    queue.unshift(...again.sort((a, b) => a.row - b.row));
    if (finished.length) o.finish(finished);
  };

  const fill = async () => {
    while (!eof && queue.length < chunkSize * (pacer.limit + 1)) {
      const next = await o.next();
      if (next === undefined) {
        eof = true;
        break;
      }
      if ("status" in next) o.finish([next]);
      else queue.push(next);
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
  let lastChange = clock.now();
  let sendingFrom: number | undefined;
  const tally = () => {
    const t = clock.now();
    sendingFrom ??= t;
    inFlightArea += running.size * (t - lastChange);
    lastChange = t;
  };
  const start = (batch: Item[]) => {
    stats.requests++;
    const p: Promise<void> = o.send(batch).then(settle).catch((error) => {
      if (!fatal.failed) Object.assign(fatal, { error, failed: true });
    }).finally(() => {
      lockItems(batch, -1);
      tally();
      running.delete(p);
      o.onProgress?.(running.size, pacer.limit);
      wake();
    });
    tally();
    running.add(p);
  };

  try {
    for (;;) {
      if (o.signal?.aborted) throw new CancelledError();
      if (fatal.failed) throw fatal.error;
      o.check?.();
      await fill();
      if (eof && queue.length === 0 && running.size === 0) break;
      const wait = pacer.pausedUntil - clock.now();
      if (queue.length && running.size < pacer.limit && wait <= 0) {
        const batch = take();
        if (batch.length) {
          start(batch);
          continue;
        }
      }
      // Wait for a request to finish, or for the pause to end.
      // (A pause matters only when there is something to start.)
      let timer: AbortController | undefined;
      if ((wait > 0 && queue.length > 0) || running.size === 0) {
        timer = new AbortController();
        clock.sleep(Math.max(wait, 5), timer.signal).then(() => wake(), () => {});
      }
      await next;
      next = woken();
      timer?.abort();
    }
  } finally {
    // Requests in flight settle before the caller closes the journal (a fatal error or Ctrl-C).
    if (running.size) await Promise.allSettled([...running]);
  }
  if (fatal.failed) throw fatal.error;
  if (sendingFrom !== undefined && lastChange > sendingFrom) {
    stats.averageInFlight = Math.round((inFlightArea / (lastChange - sendingFrom)) * 10) / 10;
  }
  return stats;
}
