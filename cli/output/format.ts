/** Cell formatting shared by every renderer. */

/** A column of tabular output. */
export interface Column {
  /** Property of the record; dots reach into nested objects (`owner.name`). */
  key: string;
  /** Header text; defaults to the key in upper case. */
  header?: string;
  /** Turns the value into text for table / TSV / CSV. */
  format?: (value: unknown, record: Record<string, unknown>) => string;
}

/** Accepts `"name"` or a full Column. */
export type ColumnSpec = string | Column;

/** Normalises column specs. */
export function toColumns(specs: ColumnSpec[]): Column[] {
  return specs.map((c) => typeof c === "string" ? { key: c } : c);
}

/** Reads `a.b.c` out of a record. */
export function pick(record: Record<string, unknown>, key: string): unknown {
  if (key in record) return record[key];
  let value: unknown = record;
  for (const part of key.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Text for one cell: empty for null, compact JSON for objects. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** Value of a column for a record, as text. */
export function columnText(column: Column, record: Record<string, unknown>): string {
  const value = pick(record, column.key);
  return column.format ? column.format(value, record) : cellText(value);
}

/** Derives columns from the records' keys when a command names none; OData annotations are left out. */
export function inferColumns(records: Record<string, unknown>[]): Column[] {
  const keys = new Set<string>();
  for (const record of records.slice(0, 50)) {
    for (const key of Object.keys(record)) if (!key.includes("@")) keys.add(key);
  }
  return [...keys].map((key) => ({ key }));
}

/** Header text of a column. */
export function headerOf(column: Column): string {
  return column.header ?? column.key.toUpperCase();
}

/** TSV cells may not hold tabs or newlines: they would break `cut` and `awk`. */
export function tsvEscape(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\r?\n/g, "\\n");
}
