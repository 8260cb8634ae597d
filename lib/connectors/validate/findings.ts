/**
 * A validation finding and the collector the checks report into.
 *
 * Permissions: none.
 *
 * @module
 */

import { rule, type RuleLevel } from "./rules.ts";

/** A JSON location: object keys and array indexes from the document root. */
export type JsonPath = (string | number)[];

/** One problem found. */
export interface Finding {
  level: RuleLevel;
  code: string;
  /** The file's name within the folder. */
  file: string;
  /** `$.paths["/items"].get.operationId` style location. */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/** Formats a JSON path as `$.a.b["/x"][0]`. */
export function formatPath(path: JsonPath): string {
  return "$" +
    path.map((p) =>
      typeof p === "number" ? `[${p}]` : /^[A-Za-z_$][\w$-]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`
    ).join("");
}

/** Collects findings for one file. */
export class Findings {
  readonly items: (Finding & { at: JsonPath })[] = [];
  constructor(readonly file: string) {}

  /** Reports a rule violation at a JSON path. */
  add(code: string, at: JsonPath, message: string, level?: RuleLevel): void {
    this.items.push({
      level: level ?? rule(code).level,
      code,
      file: this.file,
      path: formatPath(at),
      at,
      message,
    });
  }
}

/** A plain object, or undefined. */
export function obj(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
}

/** A string, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
