/**
 * `--payload` text as a JSON object, with errors that name the source (a file, stdin or the flag) and the
 * line and column of the mistake.
 *
 * @module
 */

import { parse, type ParseError, printParseErrorCode } from "jsonc-parser";
import { ValidationError } from "../errors.ts";

/**
 * Parses payload text (strict JSON: no comments, no trailing commas). `source` names where it came from
 * in messages, e.g. `payload.json` or `--payload`. Throws ValidationError (exit 2) with the line.
 */
export function parsePayload(text: string, source: string): Record<string, unknown> {
  if (text.trim() === "") {
    throw new ValidationError(`${source} is empty; a JSON object is expected.`, {
      hint: `Example: --payload '{"label":"nightly"}'`,
    });
  }
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length) {
    const { line, column } = position(text, errors[0].offset);
    throw new ValidationError(
      `${source} is not valid JSON: ${
        describe(printParseErrorCode(errors[0].error))
      } at line ${line}, column ${column}.`,
      { hint: "Fix the JSON there and run the command again." },
    );
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new ValidationError(
      `${source} must hold a JSON object ({...}), not ${Array.isArray(value) ? "an array" : typeof value}.`,
    );
  }
  return value as Record<string, unknown>;
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

function describe(code: string): string {
  // "CloseBraceExpected" -> "close brace expected"
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
