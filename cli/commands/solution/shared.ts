/** Option parsing shared by `ppx solution pack` and `unpack`. */

import { UsageError } from "../../../lib/errors.ts";
import { PACKAGE_TYPES, type PackageType } from "../../../lib/solutions/mod.ts";

/** Parses `--packagetype` case-insensitively. */
export function parsePackageType(value: string): PackageType {
  const found = PACKAGE_TYPES.find((t) => t.toLowerCase() === value.toLowerCase());
  if (!found) {
    throw new UsageError(`Unknown package type '${value}'.`, {
      hint: `Use one of ${PACKAGE_TYPES.join(", ")}.`,
    });
  }
  return found;
}

/** The first value given, or a UsageError naming the flags. */
export function required(flags: string, ...values: (string | undefined)[]): string {
  const value = values.find((v) => v !== undefined && v !== "");
  if (value === undefined) throw new UsageError(`Missing ${flags}.`, { hint: `Pass ${flags}.` });
  return value;
}

/** `name.zip` -> `name`. */
export function stem(path: string): string {
  const base = path.replace(/[\\/]+$/, "").split(/[\\/]/).pop() ?? path;
  return base.replace(/\.zip$/i, "");
}
