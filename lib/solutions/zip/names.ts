/** Checks and normalises entry names so nothing can be written outside the target folder. */

import { ValidationError } from "../../errors.ts";

/**
 * The entry name with `/` separators, or a ValidationError for names that are absolute, climb out
 * with `..`, contain NUL or empty segments. Backslashes count as separators (canvas apps use them).
 */
export function safeEntryPath(name: string, archive: string): string {
  const unified = name.replaceAll("\\", "/");
  const fail = (why: string) =>
    new ValidationError(`${archive}: entry '${name}' ${why}; the archive was not extracted.`, {
      hint: "The archive is damaged or hostile. Re-export it from the environment or rebuild it.",
    });
  if (unified.includes("\0")) throw fail("contains a NUL character");
  if (unified.startsWith("/") || /^[a-zA-Z]:/.test(unified)) throw fail("has an absolute path");
  const trimmed = unified.endsWith("/") ? unified.slice(0, -1) : unified;
  const segments = trimmed.split("/").filter((s) => s !== ".");
  if (segments.includes("..")) throw fail("would extract outside the target folder");
  if (segments.length === 0 || segments.some((s) => s === "")) throw fail("has an empty path segment");
  return segments.join("/") + (unified.endsWith("/") ? "/" : "");
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
