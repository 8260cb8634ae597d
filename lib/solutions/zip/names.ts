/** Checks and normalises entry names so nothing can be written outside the target folder. */

import { ValidationError } from "../../errors.ts";
import { checkRelativePath, UnsafePathError } from "../../fs/safe_tree.ts";

/**
 * The entry name with `/` separators, or an UnsafePathError (a ValidationError) for names that are
 * absolute, climb out with `..`, contain NUL or empty segments, or that Windows cannot hold (see
 * checkRelativePath). Backslashes count as separators (canvas apps use them).
 */
export function safeEntryPath(name: string, archive: string): string {
  const check = checkRelativePath(name);
  if (!check.ok) {
    throw new UnsafePathError(
      name,
      check.reason,
      `${archive}: entry '${name}' ${check.why}; the archive was not extracted.`,
      check.reason === "reserved" || check.reason === "character"
        ? check.hint
        : "The archive is damaged or hostile. Re-export it from the environment or rebuild it.",
    );
  }
  return check.path + (name.replaceAll("\\", "/").endsWith("/") ? "/" : "");
}

/** Throws when two paths differ only in case (they would overwrite each other on Windows and macOS). */
export function assertNoCaseDuplicates(paths: Iterable<string>, where: string): void {
  const seen = new Map<string, string>();
  for (const path of paths) {
    const key = path.toLowerCase().replace(/\/$/, "");
    const other = seen.get(key);
    if (other !== undefined && other !== path.replace(/\/$/, "")) {
      throw new ValidationError(`${where}: '${other}' and '${path}' differ only in case.`, {
        hint: "Rename or remove one of them; names are matched case-insensitively.",
      });
    }
    if (other !== undefined) {
      throw new ValidationError(`${where}: '${path}' appears twice.`, {
        hint: "The archive is damaged; re-export it.",
      });
    }
    seen.set(key, path.replace(/\/$/, ""));
  }
}
