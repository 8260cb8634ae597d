/**
 * JSON parsing that says where a file is broken. `JSON.parse` stays the judge of validity; when it
 * fails, jsonc-parser (strict mode) locates the first error so the message can name line and column.
 *
 * @module
 */

import { parse as scan, type ParseError, printParseErrorCode } from "jsonc-parser";

/** Where and why a JSON text is invalid. */
export interface JsonProblem {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** A short description, e.g. "PropertyNameExpected". */
  detail: string;
}

/** Converts a character offset into a 1-based line and column. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parses JSON; on failure returns the location of the first problem instead of throwing. A leading
 * UTF-8 byte order mark (some Windows editors write one) is skipped, as JSON readers may do (RFC 8259 §8.1).
 */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: JsonProblem } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const errors: ParseError[] = [];
    scan(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const offset = first?.offset ?? text.length;
    const detail = first ? describe(printParseErrorCode(first.error)) : (error as Error).message;
    return { ok: false, problem: { ...lineColumnAt(text, offset), detail } };
  }
}

function describe(code: string): string {
  // "PropertyNameExpected" -> "property name expected"
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
