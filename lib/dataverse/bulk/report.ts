/**
 * The per-row report of a bulk load, written from the journal when the run ends: CSV with the columns
 * `row,key,status,httpStatus,code,message` or a JSON array of objects with exactly those fields (one name
 * per field in both), in row order. It goes to a temporary file (0600: it holds record data) first and is
 * renamed into place, so a report is never half written.
 *
 * @module
 */

import { stringify } from "csv-stringify/sync";
import { readJournal, type RowOutcome } from "./journal.ts";

/** Report formats. */
export type ReportFormat = "csv" | "json";

/** The format a report path asks for: `.json` -> json, anything else csv. */
export function reportFormatOf(path: string): ReportFormat {
  return /\.json$/i.test(path) ? "json" : "csv";
}

/** The report's fields, in order: the CSV header and the keys of every JSON object. */
export const REPORT_FIELDS = ["row", "key", "status", "httpStatus", "code", "message"] as const;

/**
 * Writes the report for the journal at `journal` to `path`, in row order, each row once. Memory holds only
 * the rows that finished ahead of an earlier one. Returns the row count.
 */
export async function writeReport(journal: string, path: string, format: ReportFormat): Promise<number> {
  const tmp = `${path}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  const file = await Deno.open(tmp, { createNew: true, write: true, mode: 0o600 });
  const encoder = new TextEncoder();
  let count = 0;
  try {
    let buffer = format === "csv" ? stringify([REPORT_FIELDS as unknown as string[]]) : "[";
    const write = async (text: string) => {
      const bytes = encoder.encode(text);
      let n = 0;
      while (n < bytes.length) n += await file.write(bytes.subarray(n));
    };
    const emit = async (o: RowOutcome) => {
      buffer += format === "csv"
        ? stringify([[o.row, o.key, o.status, o.httpStatus, o.code, o.message]])
        : `${count ? "," : ""}\n  ${JSON.stringify(pick(o))}`;
      count++;
      if (buffer.length > 65536) {
        await write(buffer);
        buffer = "";
      }
    };
    // The journal is in completion order, which trails row order only by the rows in flight (and, after a
    // resume, the rows the first run left unfinished): rows that arrive early wait here until their turn.
    const early = new Map<number, RowOutcome>();
    let next = 1;
    for await (const o of readJournal(journal)) {
      if (o.row < next || early.has(o.row)) continue;
      early.set(o.row, o);
      for (let ready = early.get(next); ready; ready = early.get(next)) {
        early.delete(next++);
        await emit(ready);
      }
    }
    for (const row of [...early.keys()].sort((a, b) => a - b)) await emit(early.get(row)!);
    buffer += format === "json" ? (count ? "\n]\n" : "]\n") : "";
    await write(buffer);
    file.close();
    await Deno.rename(tmp, path);
  } catch (error) {
    try {
      file.close();
    } catch {
      // already closed
    }
    await Deno.remove(tmp).catch(() => {});
    throw error;
  }
  return count;
}

function pick(o: RowOutcome): RowOutcome {
  return {
    row: o.row,
    key: o.key,
    status: o.status,
    httpStatus: o.httpStatus,
    code: o.code,
    message: o.message,
  };
}
