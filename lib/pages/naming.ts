/**
 * File names of site records, as pac derives them (spaces become dashes, Unicode, `%` and parentheses
 * kept, a clash gets `-(2)`), made safe: no path separators or traversal, no Windows-reserved names or
 * characters, and no two names in one folder that differ only by case.
 *
 * @module
 */

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// deno-lint-ignore no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/g;

/** A record name as a file name part: dashes for spaces, forbidden characters replaced, never empty. */
export function fileBase(name: string, fallback: string): string {
  let base = name.trim().replace(/\s+/g, "-").replace(/[/\\]/g, "-").replace(FORBIDDEN, "_").replace(
    /[. ]+$/,
    "",
  );
  if (base === "" || base === "." || base === "..") base = fallback;
  if (RESERVED.test(base)) base = `_${base}`;
  return base;
}

/** The lower-cased folder name pac uses for a record (`web-pages/home/`). */
export function slugOf(base: string): string {
  return base.toLowerCase();
}

/** Hands out unique names per folder, case-insensitively, in the order asked. */
export class NameAllocator {
  readonly #used = new Map<string, Set<string>>();

  /** `base` or `base-(2)`, `base-(3)`, … so that no name in `folder` clashes, ignoring case. */
  allocate(folder: string, base: string, extension = ""): string {
    const used = this.#used.get(folder.toLowerCase()) ?? new Set<string>();
    this.#used.set(folder.toLowerCase(), used);
    let candidate = base;
    for (let n = 2; used.has(`${candidate}${extension}`.toLowerCase()); n++) candidate = `${base}-(${n})`;
    used.add(`${candidate}${extension}`.toLowerCase());
    return candidate;
  }
}
