/**
 * The sender unit of a bulk load: sends one chunk of rows (a `$batch` with one change set per row, or one
 * UpsertMultiple) and sorts what came back into finished rows, rows to send again after a transient
 * failure, and rows to send again because the service throttled the request (nothing in it ran). It never
 * waits and never decides when to retry; the scheduler does, through the pacer and the clock.
 *
 * @module
 */

import { ApiError, PpxError } from "../../errors.ts";
import { isTransientStatus } from "../../http/retry.ts";
import { partError } from "../batch_parser.ts";
import type { BatchOperation } from "../batch_writer.ts";
import { BatchRejectedError, type DataverseClient } from "../client.ts";
import type { JournalEntry } from "./journal.ts";
import { matchAnswers } from "./match.ts";
import type { Item } from "./plan.ts";

/** A row to send again, with why. */
export interface TransientRow {
  item: Item;
  code: "transient" | "no-answer";
  message: string;
}

/** What one request did. */
export interface SendResult {
  /** Rows finished (succeeded or refused for good). */
  finished: JournalEntry[];
  /** Rows that failed for a transient reason: sent again, counting an attempt. */
  transient: TransientRow[];
  /** Rows of a throttled request: sent again without counting an attempt. */
  throttled: Item[];
  /** How the service answered, for the pacer. */
  signal: { kind: "ok" } | { kind: "throttled"; retryAfterMs?: number } | { kind: "failed" };
}

/** How the sender writes rows. */
export interface SenderOptions {
  entitySet: string;
  logicalName: string;
  mode: "batch" | "multiple";
  createIfMissing: boolean;
  signal?: AbortSignal;
  /** Every `$batch` answer's `x-ms-dop-hint` header (the pacer's starting point). */
  onHint?: (value: string | null) => void;
}

const TRANSIENT_CODES = new Set(["network", "timeout", "throttled", "dataverse.batch-format"]);

function isTransient(error: unknown): boolean {
  if (error instanceof ApiError && (error.status === 0 || isTransientStatus(error.status))) return true;
  // A broken answer body (dropped connection) surfaces as a batch-format or network error.
  return error instanceof PpxError && TRANSIENT_CODES.has(error.code);
}

function succeeded(item: Item, httpStatus: number): JournalEntry {
  return {
    row: item.row,
    key: item.label,
    status: "succeeded",
    httpStatus,
    code: "",
    message: "",
    hash: item.hash,
  };
}

function failed(item: Item, httpStatus: number, code: string, message: string): JournalEntry {
  return { row: item.row, key: item.label, status: "failed", httpStatus, code, message, hash: item.hash };
}

/** Sends chunks of rows to one table. */
export class BulkSender {
  readonly #client: DataverseClient;
  readonly #o: SenderOptions;

  constructor(client: DataverseClient, options: SenderOptions) {
    this.#client = client;
    this.#o = options;
  }

  /** Sends `items` in one request. Throws only for failures that must stop the run (and on abort). */
  async send(items: Item[]): Promise<SendResult> {
    const result: SendResult = { finished: [], transient: [], throttled: [], signal: { kind: "ok" } };
    try {
      if (this.#o.mode === "multiple") await this.#multiple(items, result);
      else await this.#batch(items, result);
    } catch (error) {
      if (this.#o.signal?.aborted) throw error;
      if (error instanceof BatchRejectedError && error.status === 429) {
        result.signal = { kind: "throttled", retryAfterMs: error.retryAfterMs };
        result.throttled = items;
      } else if (error instanceof ApiError && error.status === 429) {
        result.signal = { kind: "throttled" };
        result.throttled = items;
      } else if (
        error instanceof ApiError && error.status >= 400 && error.status < 500 && this.#o.mode === "multiple"
      ) {
        for (const item of items) {
          result.finished.push(failed(item, error.status, error.serviceCode ?? error.code, error.message));
        }
      } else if (isTransient(error)) {
        result.signal = { kind: "failed" };
        const message = error instanceof Error ? error.message : String(error);
        result.transient = items.map((item) => ({ item, code: "transient", message }));
      } else throw error;
    }
    return result;
  }

  async #multiple(items: Item[], result: SendResult): Promise<void> {
    await this.#client.upsertMultiple(this.#o.entitySet, this.#o.logicalName, items.map((i) => i.body));
    for (const item of items) result.finished.push(succeeded(item, 200));
  }

  async #batch(items: Item[], result: SendResult): Promise<void> {
    const headers: Record<string, string> = this.#o.createIfMissing ? {} : { "If-Match": "*" };
    // One change set per row, its Content-ID the row's place in the request (1, 2, …): answers are matched
    // by it, whatever their order.
    const entries = items.map((item, i) => ({
      changeSet: [
        {
          method: "PATCH",
          url: item.path,
          body: item.body,
          headers,
          contentId: String(i + 1),
        } satisfies BatchOperation,
      ],
    }));
    const parts = [];
    for await (
      const part of this.#client.batchStream(entries, {
        continueOnError: true,
        noRetry: true,
        signal: this.#o.signal,
        onResponse: (response) => this.#o.onHint?.(response.headers.get("x-ms-dop-hint")),
      })
    ) {
      parts.push(part);
    }
    const answers = matchAnswers(items.map((_, entry) => ({ entry, contentId: String(entry + 1) })), parts);
    items.forEach((item, i) => {
      const part = answers.get(i);
      if (!part) {
        // The answer ended early or did not name this row: it may or may not have run; send it again.
        result.transient.push({ item, code: "no-answer", message: "The answer for this row never arrived" });
      } else if (part.status < 300) {
        result.finished.push(succeeded(item, part.status));
      } else if (isTransientStatus(part.status)) {
        result.transient.push({ item, code: "transient", message: "The service failed this row" });
      } else {
        const e = partError(part);
        result.finished.push(
          failed(item, part.status, e.code ?? String(part.status), e.message ?? part.statusText),
        );
      }
    });
  }
}
