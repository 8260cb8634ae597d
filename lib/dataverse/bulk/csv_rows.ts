/**
 * Streams a CSV file as arrays of cells with csv-parse (RFC 4180: quoted fields with commas, quotes and
 * line breaks, CRLF or LF, a byte-order mark), one record at a time, so memory does not grow with the
 * file. The bytes are decoded first (strict UTF-8 by default, see encoding.ts). Rows with the wrong number
 * of fields are passed on (the engine reports them per row).
 *
 * @module
 */

import { parse } from "csv-parse";
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
  // Records are taken as csv-parse finds them (on_record) rather than from its readable side: a stream that
  // fails drops the records it had buffered, and the rows before a syntax error must still be read.
  const parsed: string[][] = [];
  let head = 0;
  let failure: unknown;
  let ended = false;
  let stopped = false;
  let notify: (() => void) | undefined;
  let space: (() => void) | undefined;
  const wakeReader = () => {
    const n = notify;
    notify = undefined;
    n?.();
  };
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    on_record: (record: string[]) => {
      parsed.push(record);
      return null;
    },
  });
  parser.on("error", (error) => {
    failure ??= error;
    wakeReader();
  });
  parser.on("end", () => {
    ended = true;
    wakeReader();
  });
  parser.resume();
  const pump = async () => {
    try {
      for await (const text of decodeFile(path, options.encoding ?? "utf-8")) {
        if (stopped || failure) return;
        parser.write(text);
        wakeReader();
        // Backpressure: read on only when the engine has taken most of what was parsed.
        while (parsed.length - head > 2048 && !stopped) await new Promise<void>((r) => space = r);
      }
      parser.end();
    } catch (error) {
      failure ??= error;
      wakeReader();
    }
  };
  void pump();
  const next = async (): Promise<IteratorResult<string[]>> => {
    while (head === parsed.length && failure === undefined && !ended) {
      await new Promise<void>((r) => notify = r);
    }
    if (head < parsed.length) {
      const record = parsed[head];
      parsed[head++] = undefined as unknown as string[];
      if (head >= 1024 && head * 2 >= parsed.length) {
        parsed.splice(0, head);
        head = 0;
      }
      if (parsed.length - head <= 512) {
        const s = space;
        space = undefined;
        s?.();
      }
      return { done: false, value: record };
    }
    if (failure !== undefined) {
      if (failure instanceof PpxError) throw failure;
      const e = failure as { message?: string };
      throw new ValidationError(`${path} is not valid CSV: ${e.message ?? String(failure)}`, {
        hint: "Check the quoting near that line: a quoted field must end with a closing quote.",
        cause: failure,
      });
    }
    return { done: true, value: undefined };
  };
  const close = () => {
    stopped = true;
    const s = space;
    space = undefined;
    s?.();
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
