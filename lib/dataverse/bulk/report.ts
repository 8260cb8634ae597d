/**
 * The per-row report of a bulk load, written from the journal when the run ends: CSV (`row,key,status,
 * http_status,code,message`) or a JSON array, in row order. It goes to a temporary file first and is
 * renamed into place, so a report is never half written.
 *
 * @module
 */

import { stringify } from "csv-stringify/sync";
import { readJournal, type RowOutcome } from "./checkpoint.ts";

/** Report formats. */
export type ReportFormat = "csv" | "json";

/** The format a report path asks for: `.json` -> json, anything else csv. */
export function reportFormatOf(path: string): ReportFormat {
  return /\.json$/i.test(path) ? "json" : "csv";
}

const COLUMNS = ["row", "key", "status", "http_status", "code", "message"];

/**
 * Writes the report for the journal at `journal` to `path`. Rows are sorted by row number; a row
 * journalled twice (resent after a crash) appears once, with its last outcome. Returns the row count.
 */
export async function writeReport(journal: string, path: string, format: ReportFormat): Promise<number> {
  // Row numbers are dense, so an index of outcomes by row is a compact sort.
  const byRow: (RowOutcome | undefined)[] = [];
  for await (const o of readJournal(journal)) byRow[o.row] = o;
  const tmp = `${path}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  const file = await Deno.open(tmp, { create: true, write: true, truncate: true });
  const encoder = new TextEncoder();
  let count = 0;
  try {
    const write = async (text: string) => {
      const bytes = encoder.encode(text);
      let n = 0;
      while (n < bytes.length) n += await file.write(bytes.subarray(n));
    };
    let buffer = format === "csv" ? stringify([COLUMNS]) : "[";
    for (const o of byRow) {
      if (!o) continue;
      buffer += format === "csv"
        ? stringify([[o.row, o.key, o.status, o.httpStatus, o.code, o.message]])
        : `${count ? "," : ""}\n  ${JSON.stringify(o)}`;
      count++;
      if (buffer.length > 65536) {
        await write(buffer);
        buffer = "";
      }
    }
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
