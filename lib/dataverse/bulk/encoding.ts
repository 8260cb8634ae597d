/**
 * Text encodings a bulk CSV may be read in. UTF-8 is the default and is read strictly: a byte sequence
 * that is not UTF-8 stops the load with its line and byte offset, instead of turning into U+FFFD. Other
 * encodings are read on purpose, with `--encoding`, through the platform's TextDecoder.
 *
 * @module
 */

import { option, phrase, ValidationError } from "../../errors.ts";

/** The encodings `--encoding` accepts. */
export const CSV_ENCODINGS = ["utf-8", "latin1", "windows-1252", "utf-16"] as const;

/** One of {@link CSV_ENCODINGS}. */
export type CsvEncoding = typeof CSV_ENCODINGS[number];

/**
 * A decoder for `encoding`. `latin1` is decoded as windows-1252, as the Encoding Standard (and every
 * browser) does: the two agree except on bytes 0x80-0x9F, where windows-1252 has letters and ISO 8859-1
 * control codes. `utf-16` is little-endian unless the file starts with a big-endian byte-order mark.
 */
export function csvDecoder(encoding: CsvEncoding, firstBytes?: Uint8Array): TextDecoder {
  switch (encoding) {
    case "utf-8":
      return new TextDecoder("utf-8", { fatal: true });
    case "latin1":
    case "windows-1252":
      return new TextDecoder("windows-1252");
    case "utf-16": {
      const bigEndian = firstBytes !== undefined && firstBytes[0] === 0xfe && firstBytes[1] === 0xff;
      return new TextDecoder(bigEndian ? "utf-16be" : "utf-16le", { fatal: true });
    }
  }
}

/**
 * The offset of the first byte of `bytes` that does not start or continue a valid UTF-8 sequence, or -1.
 * (TextDecoder only says that something is wrong; this says where.)
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** The error for invalid UTF-8 in `path` at byte `offset` (on 1-based `line`). */
export function invalidUtf8Error(path: string, line: number, offset: number): ValidationError {
  return new ValidationError(
    `${path} is not valid UTF-8: line ${line}, byte offset ${offset} (from 0) is not part of a UTF-8 character.`,
    {
      hint: phrase`Save the file as UTF-8, or name its encoding with ${
        option("encoding", "latin1|windows-1252|utf-16")
      }.`,
    },
  );
}

/** Finds where a file stops being UTF-8: the byte offset and its line (counting LF), or undefined. */
export async function locateInvalidUtf8(path: string): Promise<{ line: number; offset: number } | undefined> {
  const bytes = await Deno.readFile(path);
  const offset = invalidUtf8Offset(bytes);
  if (offset < 0) return undefined;
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return { line, offset };
}
