/**
 * Reading connector files as text the way real folders need: a UTF-8 byte-order mark is dropped, bytes
 * that are not UTF-8 are refused with their position (line, column, byte offset) unless an encoding is
 * chosen on purpose.
 *
 * Permissions: none.
 *
 * @module
 */

import { ValidationError } from "../errors.ts";
import { NotUtf8Error } from "./errors.ts";

/** The encodings `--encoding` accepts (names the platform's TextDecoder knows). */
export const TEXT_ENCODINGS = ["utf-8", "latin1", "windows-1252", "utf-16le", "utf-16be"] as const;

/** One of {@link TEXT_ENCODINGS}. */
export type TextEncodingName = typeof TEXT_ENCODINGS[number];

/** Checks an `--encoding` value; `utf-16` means little-endian (Windows' default). */
export function checkEncoding(value: string): TextEncodingName {
  const name = value.toLowerCase() === "utf-16"
    ? "utf-16le"
    : value.toLowerCase() === "utf8"
    ? "utf-8"
    : value;
  if (!(TEXT_ENCODINGS as readonly string[]).includes(name.toLowerCase())) {
    throw new ValidationError(`Unknown encoding "${value}".`, {
      hint: `Use one of: ${TEXT_ENCODINGS.join(", ")}.`,
    });
  }
  return name.toLowerCase() as TextEncodingName;
}

/** Decodes a file's bytes; `label` names the file in errors. */
export function decodeText(bytes: Uint8Array, label: string, encoding: TextEncodingName = "utf-8"): string {
  if (encoding !== "utf-8") return new TextDecoder(encoding).decode(bytes).replace(/^\uFEFF/, "");
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder().decode(bytes.subarray(0, offset));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    const hex = bytes[offset].toString(16).toUpperCase().padStart(2, "0");
    throw new NotUtf8Error(label, hex, line, column, offset);
  }
}

/** The offset of the first byte that does not belong to a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80
      ? 0
      : b >= 0xc2 && b <= 0xdf
      ? 1
      : b >= 0xe0 && b <= 0xef
      ? 2
      : b >= 0xf0 && b <= 0xf4
      ? 3
      : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}
