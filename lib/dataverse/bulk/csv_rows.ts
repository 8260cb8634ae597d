/**
 * Streams a CSV file as arrays of cells with csv-parse (RFC 4180: quoted fields with commas, quotes and
 * line breaks, CRLF or LF, a UTF-8 byte-order mark), one record at a time, so memory does not grow with
 * the file. Rows with the wrong number of fields are passed on (the engine reports them per row).
 *
 * @module
 */

import { parse } from "csv-parse";
import { createReadStream } from "node:fs";
import { ValidationError } from "../../errors.ts";

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

/** Opens `path`; throws ValidationError when the file is missing, empty or not valid CSV. */
export async function openCsv(path: string): Promise<CsvStream> {
  try {
    const info = await Deno.stat(path);
    if (!info.isFile) throw new ValidationError(`${path} is not a file.`);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError(`Unable to read the CSV file ${path}: ${(error as Error).message}`, {
      hint: "Check the path.",
    });
  }
  const source = createReadStream(path);
  const parser = source.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const next = async (): Promise<IteratorResult<string[]>> => {
    try {
      return await iterator.next();
    } catch (error) {
      const e = error as { message?: string; lines?: number };
      throw new ValidationError(`${path} is not valid CSV: ${e.message ?? String(error)}`, {
        hint: "Check the quoting near that line: a quoted field must end with a closing quote.",
        cause: error,
      });
    }
  };
  const first = await next();
  if (first.done) {
    throw new ValidationError(`${path} is empty; the first line must be a header.`);
  }
  const header = first.value.map((h) => h.trim());
  async function* records(): AsyncGenerator<CsvRecord> {
    let row = 0;
    try {
      for (let r = await next(); !r.done; r = await next()) yield { row: ++row, cells: r.value };
    } finally {
      source.destroy();
    }
  }
  return { header, records: records(), close: () => source.destroy() };
}
