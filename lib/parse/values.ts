/**
 * The one reading of values people type: whole and decimal numbers, durations, sizes and yes/no. Each
 * parser returns the value or throws {@link InvalidValueError} carrying the text and what was expected;
 * callers that know a flag name turn that into their own message (see `cli/kit/flags.ts`).
 *
 * @module
 */

import { InvalidValueError } from "../errors.ts";

/** Bounds for a number. */
export interface NumberBounds {
  /** Smallest accepted value (inclusive). */
  min?: number;
  /** Largest accepted value (inclusive). */
  max?: number;
}

function range(bounds: NumberBounds, fallbackMin?: number): string {
  const min = bounds.min ?? fallbackMin;
  if (min === undefined && bounds.max === undefined) return "";
  if (bounds.max === undefined) return ` from ${min}`;
  return ` from ${min ?? "-∞"} to ${bounds.max}`;
}

/** A whole number within `bounds` (`"12"`, `" 12 "`); rejects `1.5`, `1e3`, `0x10` and the empty text. */
export function parseWholeNumber(text: string, bounds: NumberBounds = {}): number {
  const trimmed = text.trim();
  const n = /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  const { min, max } = bounds;
  if (!Number.isSafeInteger(n) || (min !== undefined && n < min) || (max !== undefined && n > max)) {
    throw new InvalidValueError(text, `a whole number${min === 0 && max === undefined ? "" : range(bounds)}`);
  }
  return n;
}

/** A finite decimal number within `bounds` (`"0.25"`, `"3"`). */
export function parseDecimal(text: string, bounds: NumberBounds = {}): number {
  const trimmed = text.trim();
  const n = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed) ? Number(trimmed) : NaN;
  const { min, max } = bounds;
  if (!Number.isFinite(n) || (min !== undefined && n < min) || (max !== undefined && n > max)) {
    throw new InvalidValueError(text, `a number${range(bounds)}`);
  }
  return n;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration in milliseconds: `90s`, `45m`, `2h`, `1.5h`, `250ms`, `1d`. A bare number is in
 * `defaultUnit` (seconds unless told: pac's `--max-async-wait-time` takes minutes).
 */
export function parseDuration(text: string, defaultUnit: "ms" | "s" | "m" = "s"): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) {
    throw new InvalidValueError(
      text,
      defaultUnit === "m" ? "a number of minutes, e.g. 90" : "a duration like 90s, 45m or 2h",
    );
  }
  return Math.round(Number(m[1]) * DURATION_UNITS[m[2] ?? defaultUnit]);
}

const SIZE_UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  kb: 1_000,
  mb: 1_000_000,
  gb: 1_000_000_000,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
};

/** A size in bytes: `512`, `64KB`, `10MB` (powers of 1000), `1MiB` or `1M` (powers of 1024). */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = m ? SIZE_UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new InvalidValueError(text, "a size like 512, 64KB, 10MB or 1MiB");
  return Math.round(Number(m[1]) * unit);
}

const TRUE = new Set(["true", "1", "yes", "y"]);
const FALSE = new Set(["false", "0", "no", "n"]);

/** true or false for true/false, yes/no, y/n, 1/0 (any case); undefined for anything else. */
export function readBoolean(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  return undefined;
}

/** Like {@link readBoolean}, but throws InvalidValueError for anything that is not yes or no. */
export function parseBoolean(text: string): boolean {
  const value = readBoolean(text);
  if (value === undefined) throw new InvalidValueError(text, "true, false, yes or no");
  return value;
}
