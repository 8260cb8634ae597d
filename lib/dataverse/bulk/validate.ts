/**
 * The cheap pass over a bulk CSV before anything is sent: it decodes the whole file (strict UTF-8 unless
 * another encoding is named) and checks its quoting (RFC 4180, as csv-parse reads it by default), so an
 * unterminated or stray quote at row 3,000 stops the load before row 1 is sent. It reads the file once, in
 * chunks, with a four-state scanner: far cheaper than parsing the records (the load parses them anyway).
 *
 * @module
 */

import { option, phrase, ValidationError } from "../../errors.ts";
import { csvDecoder, type CsvEncoding, invalidUtf8Error, locateInvalidUtf8 } from "./encoding.ts";

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/** Reads `path` in `encoding` and yields its text in chunks; invalid UTF-8 throws naming line and offset. */
export async function* decodeFile(path: string, encoding: CsvEncoding): AsyncGenerator<string> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
    if (!(await file.stat()).isFile) {
      file.close();
      throw new ValidationError(`${path} is not a file.`);
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError(`Unable to read the CSV file ${path}: ${(error as Error).message}`, {
      hint: "Check the path.",
    });
  }
  let decoder: TextDecoder | undefined;
  try {
    for await (const chunk of file.readable) {
      decoder ??= csvDecoder(encoding, chunk);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw await notText(path, encoding);
      }
      if (text) yield text;
    }
    decoder ??= csvDecoder(encoding);
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw await notText(path, encoding);
    }
    if (rest) yield rest;
  } finally {
    try {
      file.close();
    } catch {
      // closed by the readable stream already
    }
  }
}

async function notText(path: string, encoding: CsvEncoding): Promise<ValidationError> {
  if (encoding === "utf-8") {
    const at = await locateInvalidUtf8(path);
    if (at) return invalidUtf8Error(path, at.line, at.offset);
  }
  return new ValidationError(`${path} is not valid ${encoding} text.`, {
    hint: phrase`Name the file's encoding with ${option("encoding", "utf-8|latin1|windows-1252|utf-16")}.`,
  });
}

/**
 * Checks that `path` decodes in `encoding` and that every quoted field is closed and no quote stands inside
 * an unquoted field. Throws ValidationError naming the line; returns the number of lines.
 */
export async function validateCsvFile(path: string, encoding: CsvEncoding): Promise<number> {
  let state = State.FieldStart as State;
  let line = 1;
  let quoteLine = 0;
  let first = true;
  // csv-parse takes the first line break outside quotes as the record delimiter; after a closing quote
  // only that one (or a comma) may follow.
  let delimiter: "\r\n" | "\n" | "\r" | undefined;
  const fail = (message: string) =>
    new ValidationError(`${path} is not valid CSV: ${message}. Nothing was sent.`, {
      hint: "Fix the quoting on that line (a quoted field ends with a quote; a quote inside a field is " +
        'written "" inside a quoted field), then run the command again.',
    });
  let prev = 0;
  // A CR at the end of a chunk is held back until the next character is known (CRLF or a lone CR).
  let carry = "";
  const scan = (text: string) => {
    let i = 0;
    const n = text.length;
    for (; i < n; prev = text.charCodeAt(i++)) {
      const c = text.charCodeAt(i);
      if (c === LF) line++;
      if (state === State.Quoted) {
        if (c === QUOTE) state = State.QuoteInQuoted;
        continue;
      }
      if (delimiter === undefined && (c === CR || c === LF)) {
        delimiter = c === LF ? "\n" : text.charCodeAt(i + 1) === LF ? "\r\n" : "\r";
      }
      // Whether c is (part of) the record delimiter; any other CR or LF is field content to csv-parse.
      const isBreak = c === LF ? delimiter === "\n" || (delimiter === "\r\n" && prev === CR) : c === CR &&
        (delimiter === "\r" || (delimiter === "\r\n" && (text.charCodeAt(i + 1) === LF)));
      switch (state) {
        case State.FieldStart:
          if (c === QUOTE) {
            state = State.Quoted;
            quoteLine = line;
          } else if (c !== COMMA && !isBreak) state = State.Unquoted;
          break;
        case State.Unquoted:
          if (c === COMMA || isBreak) state = State.FieldStart;
          else if (c === QUOTE) throw fail(`line ${line} has a quote inside an unquoted field`);
          break;
        case State.QuoteInQuoted:
          if (c === QUOTE) state = State.Quoted;
          else if (c === COMMA || isBreak) state = State.FieldStart;
          else if (c === CR || c === LF) {
            throw fail(
              `on line ${
                c === LF ? line - 1 : line
              } a closing quote is followed by a line break other than the ` +
                `file's (${delimiter === "\n" ? "LF" : delimiter === "\r" ? "CR" : "CRLF"})`,
            );
          } else {
            throw fail(
              `on line ${line} a closing quote is followed by '${text[i]}' instead of a comma` +
                (quoteLine !== line ? ` (the quoted field opened on line ${quoteLine})` : ""),
            );
          }
          break;
      }
    }
  };
  for await (const chunk of decodeFile(path, encoding)) {
    let text = carry + chunk;
    carry = "";
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.endsWith("\r")) {
      carry = "\r";
      text = text.slice(0, -1);
    }
    scan(text);
  }
  if (carry) scan(carry);
  if (state === State.Quoted) {
    throw fail(`the quoted field opened on line ${quoteLine} is never closed`);
  }
  return line;
}
