/**
 * Writing and removing files only inside one target folder, whatever is already in it.
 *
 * A folder a user points ppx at (an unpacked solution, a downloaded Pages site, connector files) may
 * already hold symbolic links or Windows junctions, and the names written into it come from archives
 * and services ppx does not control. {@link SafeTree} makes every write land inside the folder:
 *
 * - names are relative, without `..`, NUL or control characters, drive letters or UNC prefixes
 *   ({@link safeRelativePath});
 * - names Windows cannot hold are refused on every system (`CON`, `aux.txt`, `COM1`, `LPT9`, a name
 *   ending in a dot or a space, `< > : " | ? *`), so a tree unpacked on Linux still checks out on Windows;
 * - two names that differ only in case are refused ({@link SafeTree.claim}): they would overwrite each
 *   other on Windows and macOS;
 * - every parent folder is checked with `lstat` (links are never followed) and must be a real folder:
 *   a link or junction where a folder is expected is an {@link UnsafePathError} naming the entry, and
 *   nothing is written through it; an existing link is never replaced, written through or removed;
 * - files are written to a temporary name in their own folder and renamed into place (atomic), and the
 *   temporary file is created exclusively (`createNew`), so it can never be an existing link;
 * - {@link SafeTree.removeFile} removes real files only, never a link or what it points to.
 *
 * The root folder itself is the user's choice and may be a link. Checks run right before each
 * operation; Deno has no `openat`/`O_NOFOLLOW`, so a process racing ppx inside the folder between the
 * check and the write is outside what this guards against (nothing ppx writes creates a link).
 *
 * @example
 * ```ts
 * const tree = await SafeTree.open("out", { create: true });
 * await tree.writeFile("WebResources/app.js", new TextEncoder().encode("..."));
 * const { files, links } = await tree.list();
 * for (const rel of files) if (!keep(rel)) await tree.removeFile(rel);
 * ```
 *
 * @module
 */

import { dirname, join } from "node:path";
import { ValidationError } from "../errors.ts";

/** Why {@link UnsafePathError} refused an entry. */
export type UnsafeReason =
  | "absolute"
  | "traversal"
  | "empty"
  | "character"
  | "reserved"
  | "case"
  | "link"
  | "not-a-folder"
  | "not-a-file";

/** An entry ppx will not write or remove. `entry` is the relative name as given, `reason` says why. */
export class UnsafePathError extends ValidationError {
  /** The entry as given (relative to the target folder). */
  readonly entry: string;
  /** Machine-readable reason. */
  readonly reason: UnsafeReason;

  /** `message` names the entry; `hint` says what to do. */
  constructor(entry: string, reason: UnsafeReason, message: string, hint: string) {
    super(message, { hint });
    this.entry = entry;
    this.reason = reason;
  }

  /** A JSON-safe view including the entry and the reason. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), entry: this.entry, reason: this.reason };
  }
}

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// deno-lint-ignore no-control-regex
const BAD_CHARS = /[\x00-\x1f<>:"|?*]/;

/** The outcome of {@link checkRelativePath}: the checked path, or why it was refused. */
export type RelativePathCheck =
  | { ok: true; path: string }
  | { ok: false; reason: UnsafeReason; why: string; hint: string };

/**
 * Checks a relative path without throwing: `{ ok: true, path }` with `/` separators (`\` counts as a
 * separator; `.` segments and one trailing `/` are dropped), or why it is refused — absolute paths,
 * `..`, empty segments, NUL or control characters, characters or names Windows cannot hold.
 */
export function checkRelativePath(rel: string): RelativePathCheck {
  const unified = rel.replaceAll("\\", "/");
  const damaged = "The input is damaged or hostile; nothing was written for it.";
  const portable = "Windows cannot hold this name; rename it at the source.";
  const no = (reason: UnsafeReason, why: string, hint = damaged): RelativePathCheck => ({
    ok: false,
    reason,
    why,
    hint,
  });
  if (unified.includes("\0")) return no("character", "contains a NUL character");
  if (unified.startsWith("/") || /^[a-zA-Z]:/.test(unified)) return no("absolute", "has an absolute path");
  const trimmed = unified.endsWith("/") ? unified.slice(0, -1) : unified;
  const segments = trimmed.split("/").filter((s) => s !== ".");
  if (segments.includes("..")) return no("traversal", "would extract outside the target folder");
  if (segments.length === 0 || segments.some((s) => s === "")) {
    return no("empty", "has an empty path segment");
  }
  for (const s of segments) {
    if (RESERVED.test(s)) return no("reserved", `uses the reserved Windows name '${s}'`, portable);
    if (BAD_CHARS.test(s)) {
      return no("character", `has a character Windows does not allow ('${s}')`, portable);
    }
    if (/[. ]$/.test(s)) return no("character", `has a name ending in a dot or a space ('${s}')`, portable);
  }
  return { ok: true, path: segments.join("/") };
}

/**
 * {@link checkRelativePath}, throwing {@link UnsafePathError} (naming the entry) when refused. `where`
 * prefixes the message (e.g. the archive's name).
 */
export function safeRelativePath(rel: string, where?: string): string {
  const check = checkRelativePath(rel);
  if (check.ok) return check.path;
  throw new UnsafePathError(
    rel,
    check.reason,
    `${where ? `${where}: ` : ""}'${rel}' ${check.why}.`,
    check.hint,
  );
}

/** What is at a path, seen without following links. */
export type EntryKind = "missing" | "file" | "folder" | "link" | "other";

function kindOf(info: Deno.FileInfo): EntryKind {
  if (info.isSymlink) return "link";
  if (info.isDirectory) return "folder";
  if (info.isFile) return "file";
  return "other";
}

function lstatKind(path: string): EntryKind {
  try {
    return kindOf(Deno.lstatSync(path));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "missing";
    throw error;
  }
}

/** Options of {@link SafeTree.open}. */
export interface SafeTreeOpenOptions {
  /** Create the root folder (and its parents) when it does not exist. Default false. */
  create?: boolean;
}

/** Files and links found by {@link SafeTree.list} (relative paths, `/` separators). */
export interface TreeListing {
  /** Real files. */
  files: string[];
  /** Links and junctions (never followed, never removed by this module). */
  links: string[];
}

/** A folder that is written only inside (see the module notes). */
export class SafeTree {
  /** Absolute or caller-relative path of the root folder. */
  readonly root: string;
  readonly #folders = new Set<string>();
  readonly #claims = new Map<string, string>();

  private constructor(root: string) {
    this.root = root;
  }

  /** Opens `root`, which must be a folder (or a link to one: the root is the user's choice). */
  static async open(root: string, options: SafeTreeOpenOptions = {}): Promise<SafeTree> {
    let info: Deno.FileInfo | undefined;
    try {
      info = await Deno.stat(root);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound) || !options.create) throw error;
      await Deno.mkdir(root, { recursive: true });
      info = await Deno.stat(root);
    }
    if (!info.isDirectory) {
      throw new UnsafePathError(
        ".",
        "not-a-folder",
        `${root} exists and is not a folder.`,
        "Choose another folder.",
      );
    }
    return new SafeTree(root);
  }

  /** The absolute path of a checked relative path (no file system access). */
  path(rel: string): string {
    return join(this.root, safeRelativePath(rel));
  }

  /**
   * Registers `rel` as written by this session and returns it checked. Throws {@link UnsafePathError}
   * (`case`) when another claimed path differs from it only in case; claiming the same path again is
   * allowed.
   */
  claim(rel: string): string {
    const path = safeRelativePath(rel);
    const key = path.toLowerCase();
    const other = this.#claims.get(key);
    if (other !== undefined && other !== path) {
      throw new UnsafePathError(
        rel,
        "case",
        `'${other}' and '${path}' differ only in case; one would overwrite the other on Windows and macOS.`,
        "Rename one of them at the source.",
      );
    }
    this.#claims.set(key, path);
    return path;
  }

  /** What is at `rel`, after checking that every parent is a real folder; links are not followed. */
  inspect(rel: string): EntryKind {
    const path = safeRelativePath(rel);
    const parent = dirname(path);
    if (!this.#checkFolders(parent, false)) return "missing";
    return lstatKind(join(this.root, path));
  }

  /** Creates folder `rel` and its parents inside the tree; each existing one must be a real folder. */
  ensureFolder(rel: string): void {
    const path = rel === "" || rel === "." ? "." : safeRelativePath(rel);
    this.#checkFolders(path, true);
  }

  /** Throws unless the file at `rel` may be replaced: its parents are real folders, and it is missing or a file. */
  assertWritable(rel: string): void {
    const kind = this.inspect(rel);
    if (kind === "missing" || kind === "file") return;
    throw this.#refuse(rel, kind);
  }

  /**
   * Writes a file atomically (temporary name in the same folder, then rename), creating parent folders.
   * Refuses a path whose parent is a link, or which is itself a link or a folder.
   */
  async writeFile(
    rel: string,
    data: Uint8Array | ReadableStream<Uint8Array>,
    options: { mode?: number } = {},
  ): Promise<void> {
    const path = safeRelativePath(rel);
    this.#checkFolders(dirname(path), true);
    const dest = join(this.root, path);
    const kind = lstatKind(dest);
    if (kind !== "missing" && kind !== "file") throw this.#refuse(rel, kind);
    const temp = `${dest}.ppx-${crypto.randomUUID().slice(0, 8)}.tmp`;
    try {
      if (data instanceof Uint8Array) {
        await Deno.writeFile(temp, data, { createNew: true, mode: options.mode });
      } else {
        const file = await Deno.open(temp, { createNew: true, write: true, mode: options.mode });
        await data.pipeTo(file.writable);
      }
      await Deno.rename(temp, dest);
    } catch (error) {
      await Deno.remove(temp).catch(() => {});
      throw error;
    }
  }

  /**
   * Moves the file at `from` (outside the tree, same volume) to `rel`, creating parent folders.
   * Same refusals as {@link writeFile}. Synchronous: thousands of small renames cost less so.
   */
  moveInSync(from: string, rel: string): void {
    const path = safeRelativePath(rel);
    this.#checkFolders(dirname(path), true);
    const dest = join(this.root, path);
    const kind = lstatKind(dest);
    if (kind !== "missing" && kind !== "file") throw this.#refuse(rel, kind);
    Deno.renameSync(from, dest);
  }

  /**
   * Removes the real file at `rel`. Returns false when nothing is there; throws {@link UnsafePathError}
   * for a link (neither the link nor its target is touched), a folder, or a path under a link.
   */
  async removeFile(rel: string): Promise<boolean> {
    const kind = this.inspect(rel);
    if (kind === "missing") return false;
    if (kind !== "file") throw this.#refuse(rel, kind);
    await Deno.remove(join(this.root, safeRelativePath(rel)));
    return true;
  }

  /** Removes the folder `rel` if it is a real, empty folder; returns whether it did. */
  async removeEmptyFolder(rel: string): Promise<boolean> {
    if (this.inspect(rel) !== "folder") return false;
    const path = join(this.root, safeRelativePath(rel));
    for await (const _ of Deno.readDir(path)) return false;
    await Deno.remove(path);
    this.#folders.delete(safeRelativePath(rel));
    return true;
  }

  /** Every file and link under the root, sorted; folders are walked, links never followed. */
  async list(): Promise<TreeListing> {
    const listing: TreeListing = { files: [], links: [] };
    const walk = async (rel: string) => {
      for await (const e of Deno.readDir(rel ? join(this.root, rel) : this.root)) {
        const path = rel ? `${rel}/${e.name}` : e.name;
        if (e.isSymlink) listing.links.push(path);
        else if (e.isDirectory) await walk(path);
        else listing.files.push(path);
      }
    };
    await walk("");
    listing.files.sort();
    listing.links.sort();
    return listing;
  }

  /**
   * Checks (and with `create`, creates) each folder of `path` from the root down. Returns false when
   * one is missing and `create` is false. Folders checked once are remembered for this session.
   */
  #checkFolders(path: string, create: boolean): boolean {
    if (path === "." || path === "") return true;
    if (this.#folders.has(path)) return true;
    if (!this.#checkFolders(dirname(path), create)) return false;
    const abs = join(this.root, path);
    let kind = lstatKind(abs);
    if (kind === "missing") {
      if (!create) return false;
      try {
        Deno.mkdirSync(abs);
      } catch (error) {
        if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      }
      kind = lstatKind(abs);
    }
    if (kind !== "folder") throw this.#refuse(path, kind, true);
    this.#folders.add(path);
    return true;
  }

  #refuse(rel: string, kind: EntryKind, asFolder = false): UnsafePathError {
    if (kind === "link") {
      return new UnsafePathError(
        rel,
        "link",
        `${join(this.root, rel)} is a symbolic link or junction; ppx does not write or delete through links.`,
        "Replace the link with a real folder or file, or choose another folder.",
      );
    }
    if (asFolder) {
      return new UnsafePathError(
        rel,
        "not-a-folder",
        `${join(this.root, rel)} is in the way: a folder is needed there.`,
        "Move or remove that file, or choose another folder.",
      );
    }
    return new UnsafePathError(
      rel,
      "not-a-file",
      `${join(this.root, rel)} is ${
        kind === "folder" ? "a folder" : "not a regular file"
      }; a file is needed there.`,
      "Move or remove it, or choose another folder.",
    );
  }
}
