/** Option parsing shared by `ppx solution pack` and `unpack`. */

import { isAbsolute, join } from "node:path";
import { UsageError } from "../../../lib/errors.ts";
import { PACKAGE_TYPES, type PackageType } from "../../../lib/solutions/packager/options.ts";

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

/**
 * A pac switch that also takes a value: pac and SolutionPackager scripts write `--allowDelete true`,
 * `--allowDelete No` or `--allowWrite false`, so yes/no/true/false are read as the switch's value.
 */
export function pacBoolean(flag: string) {
  return (value: string): boolean => {
    const v = value.trim().toLowerCase();
    if (v === "true" || v === "yes") return true;
    if (v === "false" || v === "no") return false;
    throw new UsageError(`${flag} takes true, false, yes or no, not '${value}'.`, {
      hint: `Write ${flag} alone to turn it on, or ${flag} false.`,
    });
  };
}

/** A path resolved against the invocation's working folder. */
export function resolvePath(cwd: string, path: string): string {
  return isAbsolute(path) ? path : join(cwd, path);
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
