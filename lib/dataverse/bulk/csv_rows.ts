/**
 * Streams a CSV file as arrays of cells with csv-parse (RFC 4180: quoted fields with commas, quotes and
 * line breaks, CRLF or LF, a byte-order mark), one record at a time, so memory does not grow with the
 * file. The bytes are decoded first (strict UTF-8 by default, see encoding.ts). Rows with the wrong number
 * of fields are passed on (the engine reports them per row).
 *
 * @module
 */

import { parse } from "csv-parse";
import { once } from "node:events";
import { PpxError, ValidationError } from "../../errors.ts";
import type { CsvEncoding } from "./encoding.ts";
import { decodeFile } from "./validate.ts";

/** One data record: its number (the first record after the header is 1) and its cells. */
export interface CsvRecord {
  row: number;
  cells: string[];
}

/** A CSV file opened for streaming: the header, then the records. */
export interface CsvStream {
  header: string[];
  records: AsyncGenerator<CsvRecord>;
  /** Stops reading (closes the file). */
  close(): void;
}

/**
 * Opens `path`; throws ValidationError when the file is missing, empty, not valid CSV or not valid text in
 * `encoding` (default UTF-8). A CSV error further on is thrown by `records` as a ValidationError whose
 * message names the line.
 */
export async function openCsv(path: string, options: { encoding?: CsvEncoding } = {}): Promise<CsvStream> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true });
  let stopped = false;
  const pump = async () => {
    try {
      for await (const text of decodeFile(path, options.encoding ?? "utf-8")) {
        if (stopped) return;
        if (!parser.write(text)) await once(parser, "drain");
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  };
  void pump();
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const next = async (): Promise<IteratorResult<string[]>> => {
    try {
      return await iterator.next();
    } catch (error) {
      if (error instanceof PpxError) throw error;
      const e = error as { message?: string; lines?: number };
      throw new ValidationError(`${path} is not valid CSV: ${e.message ?? String(error)}`, {
        hint: "Check the quoting near that line: a quoted field must end with a closing quote.",
        cause: error,
      });
    }
  };
  const close = () => {
    stopped = true;
    parser.destroy();
  };
  const first = await next();
  if (first.done) {
    close();
    throw new ValidationError(`${path} is empty; the first line must be a header.`);
  }
  const header = first.value.map((h) => h.trim());
  async function* records(): AsyncGenerator<CsvRecord> {
    let row = 0;
    try {
      for (let r = await next(); !r.done; r = await next()) yield { row: ++row, cells: r.value };
    } finally {
      close();
    }
  }
  return { header, records: records(), close };
}
