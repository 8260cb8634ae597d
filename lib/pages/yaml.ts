/**
 * YAML as pac writes it: keys in alphabetical order, sequences flush with their key, single-quoted strings
 * where quoting is needed, empty values for nulls, LF line ends and no BOM. Reading accepts any YAML and
 * remembers the BOM and line ends, so a file ppx did not change is never rewritten.
 *
 * @module
 */

import { parse, stringify } from "yaml";
import { ValidationError } from "../errors.ts";

const BOM = "\uFEFF";

/** A decoded text file and how it was encoded. */
export interface DecodedText {
  /** The text without BOM. */
  text: string;
  /** The file started with a UTF-8 BOM. */
  bom: boolean;
  /** The file's line ends (CRLF when any line ends so). */
  eol: "\n" | "\r\n";
}

/** Decodes UTF-8 bytes, noting BOM and line ends. */
export function decodeText(bytes: Uint8Array): DecodedText {
  let text = new TextDecoder().decode(bytes);
  const bom = text.startsWith(BOM);
  if (bom) text = text.slice(1);
  return { text, bom, eol: text.includes("\r\n") ? "\r\n" : "\n" };
}

/** Parses a YAML file; `where` names it in the error. */
export function parseYaml(text: string, where: string): unknown {
  try {
    return parse(text.replaceAll("\r\n", "\n"));
  } catch (error) {
    throw new ValidationError(`${where} is not valid YAML: ${(error as Error).message}`, {
      hint: "Fix the file (or download the site again) and retry.",
    });
  }
}

/** Serialises a record map or a list of them the way pac does. */
export function toYaml(value: unknown): string {
  return stringify(value, {
    sortMapEntries: true,
    lineWidth: 0,
    nullStr: "",
    indentSeq: false,
    singleQuote: true,
  });
}

/** Same data, regardless of formatting. */
export function sameYaml(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON with sorted keys: the form hashed for checksums and compared for changes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  });
}
