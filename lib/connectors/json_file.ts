/**
 * Connector JSON files as they are found in real repositories: strict JSON first; when that fails, a
 * tolerant JSONC read (trailing commas, comments, missing commas, stray whitespace) that keeps going and
 * reports each slip as a warning naming file, line and column. A file that cannot be read even so is an
 * error naming the first problem.
 *
 * Permissions: none.
 *
 * @module
 */

import { parse as parseTolerant, type ParseError, printParseErrorCode, visit } from "jsonc-parser";
import { ValidationError } from "../errors.ts";
import { lineColumnAt, parseJson } from "../config/json_text.ts";

/** A slip the tolerant reader forgave. */
export interface JsonSlip {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A parsed JSON document and what had to be forgiven to read it. */
export interface JsonDocument {
  value: unknown;
  /** The text as read (after decoding), for locating paths. */
  text: string;
  slips: JsonSlip[];
}

/** Parses connector JSON text; throws ValidationError when even the tolerant reader cannot make sense of it. */
export function parseConnectorJson(text: string, file: string): JsonDocument {
  const strict = parseJson(text);
  if (strict.ok) return { value: strict.value, text, slips: [] };
  const errors: ParseError[] = [];
  const value = parseTolerant(text, errors, { allowTrailingComma: true, disallowComments: false });
  const slips = errors.map((e) => ({
    file,
    ...lineColumnAt(text, e.offset),
    message: describe(printParseErrorCode(e.error)),
  }));
  // Comments are accepted silently by the tolerant parser; strict JSON readers (the service) are not so kind.
  visit(text, {
    onComment: (_offset, _length, line, character) => {
      slips.push({ file, line: line + 1, column: character + 1, message: "comment (JSON has none)" });
    },
  });
  if (trailingComma(text)) {
    // jsonc-parser accepts trailing commas silently when allowed; the user should still hear of them.
    for (const offset of trailingComma(text)!) {
      slips.push({ file, ...lineColumnAt(text, offset), message: "trailing comma" });
    }
  }
  if (slips.length === 0) {
    slips.push({
      file,
      line: strict.problem.line,
      column: strict.problem.column,
      message: strict.problem.detail,
    });
  }
  if (value === undefined || value === null || typeof value !== "object" || Array.isArray(value)) {
    const where = slips[0] ?? { ...strict.problem, message: strict.problem.detail };
    throw new ValidationError(
      `${file} is not valid JSON (line ${where.line}, column ${where.column}: ${where.message}).`,
      { hint: "Fix the file; ppx reads trailing commas and comments with a warning, but not this." },
    );
  }
  slips.sort((a, b) => a.line - b.line || a.column - b.column);
  return { value, text, slips };
}

function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** Offsets of commas followed only by whitespace/comments before `}` or `]`; undefined when none. */
function trailingComma(text: string): number[] | undefined {
  const found: number[] = [];
  const re = /,(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*[}\]]/g;
  let inString = false;
  // A cheap scan: skip commas inside strings by tracking quotes (escapes respected).
  const inside = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && inString) {
      inside[i] = 1;
      inside[i + 1] = 1;
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    else if (inString) inside[i] = 1;
  }
  for (const m of text.matchAll(re)) if (!inside[m.index!]) found.push(m.index!);
  return found.length ? found : undefined;
}
