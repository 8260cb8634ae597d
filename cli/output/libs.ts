/**
 * The libraries only some output formats need (yaml, csv-stringify, string-width), loaded before a command
 * runs and only for the format it prints: a piped `ppx config list` (TSV) loads none of them. Rendering
 * stays synchronous; `loadFormatLibraries` is awaited once per invocation (the root command's preAction
 * hook, or a test that renders a format directly).
 *
 * @module
 */

import type { OutputFormat } from "./formats.ts";

interface Loaded {
  yaml?: (value: unknown) => string;
  csv?: (rows: unknown[][]) => string;
  width?: (text: string) => number;
}

const loaded: Loaded = {};

/** Loads what `format` needs (literal specifiers, so `deno compile` and `deno publish` see them). */
export async function loadFormatLibraries(format: OutputFormat): Promise<void> {
  if (format === "yaml") loaded.yaml ??= (await import("yaml")).stringify;
  if (format === "csv") loaded.csv ??= (await import("csv-stringify/sync")).stringify;
  if (format === "table") loaded.width ??= (await import("string-width")).default;
}

function missing(name: string, format: OutputFormat): never {
  throw new Error(`${name} is not loaded: await loadFormatLibraries("${format}") before rendering ${format}`);
}

/** YAML text of a value. */
export function yamlStringify(value: unknown): string {
  return (loaded.yaml ?? missing("yaml", "yaml"))(value);
}

/** CSV lines of rows (RFC 4180 quoting). */
export function csvRows(rows: unknown[][]): string {
  return (loaded.csv ?? missing("csv-stringify", "csv"))(rows);
}

/** Display width of text in terminal columns (wide characters count two, ANSI codes none). */
export function displayWidth(text: string): number {
  return (loaded.width ?? missing("string-width", "table"))(text);
}
