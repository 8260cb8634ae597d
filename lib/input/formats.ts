/**
 * Parsers for the text formats users hand to ppx (JSON, JSONC, CSV, YAML, XML). Each throws a
 * ValidationError whose `location` names the file, line and column of the first problem, so an editor
 * (or a person) can jump to it.
 *
 * @module
 */

import { parse as parseCsvText } from "csv-parse";
import { parse as scanJsonc, type ParseError, printParseErrorCode } from "jsonc-parser";
import { SaxesParser } from "saxes";
import { parse as parseYamlText, YAMLParseError } from "yaml";
import { lineColumnAt, parseJson } from "../config/json_text.ts";
import { type SourceLocation, ValidationError } from "../errors.ts";

/** The text formats {@link parseText} reads. */
export type TextFormat = "json" | "jsonc" | "csv" | "yaml" | "xml";

/** What a text is called in messages and where it came from. */
export interface TextSource {
  /** The text itself. */
  text: string;
  /** The file path as given, or `stdin` / `inline`. */
  file: string;
  /** How the input is named in messages, e.g. `--data` or `the settings file`. */
  label: string;
}

const NAMES: Record<TextFormat, string> = {
  json: "JSON",
  jsonc: "JSON (comments allowed)",
  csv: "CSV",
  yaml: "YAML",
  xml: "XML",
};

/** The ValidationError for a text that is not valid `format`, located at `line`/`column`. */
export function syntaxError(
  source: TextSource,
  format: TextFormat,
  detail: string,
  at: { line?: number; column?: number },
): ValidationError {
  const location: SourceLocation = { file: source.file, ...at };
  const where = at.line === undefined ? "" : ` at line ${at.line}${at.column ? `, column ${at.column}` : ""}`;
  if (source.file === "inline") {
    return new ValidationError(`${source.label} must be valid ${NAMES[format]}: ${detail}${where}.`, {
      location,
    });
  }
  const what = source.file === "stdin"
    ? `${source.label} on stdin is not valid ${NAMES[format]}${where}`
    : `The ${source.label} file ${source.file} is not valid ${NAMES[format]}${where}`;
  return new ValidationError(`${what}: ${detail}.`, { location });
}

function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** Parses strict JSON. */
export function parseJsonSource(source: TextSource): unknown {
  const result = parseJson(source.text);
  if (result.ok) return result.value;
  const { line, column, detail } = result.problem;
  throw syntaxError(source, "json", detail, { line, column });
}

/** Parses JSON with comments and trailing commas (settings files people edit by hand). */
export function parseJsoncSource(source: TextSource): unknown {
  const errors: ParseError[] = [];
  const value = scanJsonc(source.text, errors, { allowTrailingComma: true, allowEmptyContent: false });
  if (errors.length === 0) return value;
  const first = errors[0];
  throw syntaxError(
    source,
    "jsonc",
    describe(printParseErrorCode(first.error)),
    lineColumnAt(source.text, first.offset),
  );
}

/** Parses YAML (one document). */
export function parseYamlSource(source: TextSource): unknown {
  try {
    return parseYamlText(source.text);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const pos = error.linePos?.[0];
    const detail = error.message.split("\n")[0].replace(/ at line \d+, column \d+.*$/, "").replace(/\.$/, "");
    throw syntaxError(source, "yaml", detail, { line: pos?.line, column: pos?.col });
  }
}

/** Checks that XML is well formed and returns it unchanged (the consumer parses it its own way). */
export function checkXmlSource(source: TextSource): string {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let failure: { detail: string; line: number; column: number } | undefined;
  parser.on("error", (error) => {
    failure ??= {
      detail: error.message.replace(/^(?:[^:\n]*:)?\d+:\d+: /, "").replace(/\.$/, ""),
      line: parser.line,
      column: parser.column,
    };
  });
  try {
    parser.write(source.text.replace(/^\uFEFF/, "")).close();
  } catch {
    // the error handler above recorded it
  }
  if (failure) {
    throw syntaxError(source, "xml", failure.detail, { line: failure.line, column: failure.column });
  }
  return source.text;
}

/** Parses CSV (RFC 4180, header row included, BOM dropped, blank lines skipped) into rows of cells. */
export function parseCsvSource(source: TextSource): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    parseCsvText(
      source.text,
      { bom: true, skip_empty_lines: true },
      (error, rows: string[][] | undefined) => {
        if (!error) return resolve(rows ?? []);
        const context = error as Error & { lines?: number; column?: number | string };
        const column = typeof context.column === "number" ? context.column + 1 : undefined;
        const detail = error.message.replace(/^[A-Za-z ]+: /, "").replace(/,? (at|on) line \d+.*$/, "");
        reject(syntaxError(source, "csv", detail.replace(/\.$/, ""), { line: context.lines, column }));
      },
    );
  });
}

/** Parses `source` as `format` (XML is checked and returned as text). */
export function parseText(source: TextSource, format: TextFormat): Promise<unknown> | unknown {
  switch (format) {
    case "json":
      return parseJsonSource(source);
    case "jsonc":
      return parseJsoncSource(source);
    case "yaml":
      return parseYamlSource(source);
    case "xml":
      return checkXmlSource(source);
    case "csv":
      return parseCsvSource(source);
  }
}
