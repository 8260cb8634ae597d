/**
 * Unpacking writes into a staging folder beside the target and only then moves the result into place,
 * so a failure leaves the target as it was. Into an existing folder only changed files are replaced
 * (an unchanged file keeps its bytes and timestamp), and with `allowDelete` only files this unpack
 * would not write are removed — never dot-files, never links, never anything outside the folder. The
 * target is changed only through SafeTree (lib/fs/safe_tree.ts): a link inside it is never written through.
 *
 * @module
 */

import { basename, dirname, join } from "node:path";
import { ValidationError } from "../../errors.ts";
import { advised } from "../advice.ts";
import { safeEntryPath } from "../zip/names.ts";
import { SafeTree } from "../../fs/safe_tree.ts";

/** Options of committing a staged tree. */
export interface CommitOptions {
  /** Remove files of the target that this unpack does not produce. */
  allowDelete?: boolean;
  /** Overwrite or delete read-only files too. */
  clobber?: boolean;
  /** Report what would change without changing anything. */
  dryRun?: boolean;
  /** Relative paths (lower case) never deleted, e.g. files the map says live elsewhere. */
  keep?: ReadonlySet<string>;
}

/** What a commit did (relative paths, `/` separators). */
export interface CommitResult {
  written: string[];
  unchanged: number;
  deleted: string[];
  /** Read-only files left alone (use clobber). */
  skipped: string[];
  /** With allowDelete: links in the folder this unpack does not produce, left alone (never followed). */
  links: string[];
}

/** A staging folder being filled. */
export class Staging {
  readonly dir: string;
  readonly #files = new Map<string, string>();
  readonly #dirs = new Set<string>();
  /** Folders being created by {@link writeReserved}, each once. */
  readonly #making = new Map<string, Promise<void>>();
  /** Set while {@link reserveName} runs: reserveSync then records the name without creating folders. */
  #namesOnly = false;

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** Creates a staging folder beside `target`. */
  static async create(target: string): Promise<Staging> {
    const parent = dirname(target);
    await Deno.mkdir(parent, { recursive: true });
    const dir = join(parent, `.${basename(target)}.ppx-${crypto.randomUUID().slice(0, 8)}`);
    await Deno.mkdir(dir);
    return new Staging(dir);
  }

  /** Relative paths written so far, in write order. */
  get files(): string[] {
    return [...this.#files.values()];
  }

  /** True when a path (any case) has been written. */
  has(rel: string): boolean {
    return this.#files.has(rel.toLowerCase());
  }

  /** Reserves a relative path and returns its absolute path, creating parent folders. */
  reserve(rel: string): Promise<string> {
    try {
      return Promise.resolve(this.reserveSync(rel));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * {@link reserve}, synchronously. Thousands of small files are created here, and the file system
   * operations themselves are cheaper than a round trip through the runtime's thread pool each.
   */
  reserveSync(rel: string): string {
    const path = safeEntryPath(rel, "unpack");
    const key = path.toLowerCase();
    const other = this.#files.get(key);
    if (other !== undefined) {
      throw new ValidationError(
        `Two components would both be written to '${path}'${other !== path ? ` ('${other}')` : ""}.`,
        {
          hint: "The solution has components whose names differ only in case; rename one in the environment.",
        },
      );
    }
    this.#files.set(key, path);
    this.#mkdir(dirname(path));
    return join(this.dir, path);
  }

  /**
   * Checks and records `rel` as {@link reserveSync} does (the same refusals, in call order) and returns
   * its absolute path, but creates no folder: {@link writeReserved} does, asynchronously.
   */
  reserveName(rel: string): string {
    this.#namesOnly = true;
    try {
      return this.reserveSync(rel);
    } finally {
      this.#namesOnly = false;
    }
  }

  /**
   * Writes a new file at a path from {@link reserveName}: `data`, or whatever `write(path)` writes there.
   * Its folders are created first, each once and asynchronously, so writes into different folders run
   * in parallel: creating a file holds its folder's lock in the kernel, and on a busy file system that,
   * not the bytes, is what an unpack of thousands of small files waits for.
   */
  async writeReserved(
    target: string,
    data: Uint8Array | ((target: string) => Promise<void>),
  ): Promise<void> {
    await this.#folder(dirname(target.slice(this.dir.length + 1)));
    if (data instanceof Uint8Array) await Deno.writeFile(target, data, { createNew: true });
    else await data(target);
  }

  /** {@link writeReserved} of bytes, synchronously (folders included): cheaper when creates are fast. */
  writeReservedSync(target: string, bytes: Uint8Array): void {
    this.#mkdir(dirname(target.slice(this.dir.length + 1)));
    Deno.writeFileSync(target, bytes, { createNew: true });
  }

  /** Creates a folder (relative, `/` separators) and its parents asynchronously, each once. */
  #folder(rel: string): Promise<void> {
    if (rel === "." || this.#dirs.has(rel)) return Promise.resolve();
    let made = this.#making.get(rel);
    if (made === undefined) {
      made = this.#folder(dirname(rel)).then(() => Deno.mkdir(join(this.dir, rel))).catch((error) => {
        if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      });
      this.#making.set(rel, made);
    }
    return made;
  }

  /** Creates a folder (and its parents) once. */
  #mkdir(rel: string): void {
    if (this.#namesOnly) return;
    if (rel === "." || this.#dirs.has(rel)) return;
    this.#mkdir(dirname(rel));
    try {
      Deno.mkdirSync(join(this.dir, rel));
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    }
    this.#dirs.add(rel);
  }

  /** Writes a new file. */
  write(rel: string, bytes: Uint8Array): Promise<void> {
    try {
      Deno.writeFileSync(this.reserveSync(rel), bytes, { createNew: true });
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Removes the staging folder. */
  async discard(): Promise<void> {
    await Deno.remove(this.dir, { recursive: true }).catch(() => {});
  }

  /** Moves the staged files into `target` (see the module notes). Removes the staging folder. */
  async commit(target: string, options: CommitOptions = {}): Promise<CommitResult> {
    try {
      return await this.#commit(target, options);
    } finally {
      await this.discard();
    }
  }

  async #commit(target: string, options: CommitOptions): Promise<CommitResult> {
    const staged = this.files.sort();
    const result: CommitResult = { written: [], unchanged: 0, deleted: [], skipped: [], links: [] };
    const existing = await statOrUndefined(target);
    if (!existing) {
      result.written = staged;
      if (!options.dryRun) await Deno.rename(this.dir, target);
      return result;
    }
    if (!existing.isDirectory) {
      throw advised(
        new ValidationError(`${target} exists and is not a folder.`, { hint: "Choose another folder." }),
        { kind: "choose-another", input: "folder" },
      );
    }
    // Every destination is checked before anything moves: a link inside the target (where a folder or
    // a file would go) fails the unpack with the target unchanged.
    const tree = await SafeTree.open(target);
    const { files: current, links } = await tree.list();
    const byLower = new Map(current.map((p) => [p.toLowerCase(), p]));
    const moves: [string, string][] = [];
    for (const rel of staged) {
      const onDisk = byLower.get(rel.toLowerCase());
      const dest = onDisk ?? rel;
      tree.assertWritable(dest);
      const from = join(this.dir, rel);
      if (onDisk && await sameContent(from, join(target, onDisk))) {
        result.unchanged++;
        continue;
      }
      if (onDisk && !options.clobber && await readOnly(join(target, onDisk))) {
        result.skipped.push(onDisk);
        continue;
      }
      result.written.push(dest);
      moves.push([from, dest]);
    }
    if (!options.dryRun) { for (const [from, dest] of moves) tree.moveInSync(from, dest); }
    if (options.allowDelete) {
      const produced = new Set(staged.map((p) => p.toLowerCase()));
      const spared = (rel: string) =>
        produced.has(rel.toLowerCase()) || options.keep?.has(rel.toLowerCase()) ||
        rel.split("/").some((s) => s.startsWith("."));
      // A link is not the unpack's to delete, and what it points to even less so.
      result.links = links.filter((rel) => !spared(rel));
      for (const rel of current) {
        if (spared(rel)) continue;
        if (!options.clobber && await readOnly(join(target, rel))) {
          result.skipped.push(rel);
          continue;
        }
        result.deleted.push(rel);
        if (!options.dryRun) await tree.removeFile(rel);
      }
      if (!options.dryRun) await pruneEmpty(tree, result.deleted);
    }
    return result;
  }
}

async function statOrUndefined(path: string): Promise<Deno.FileInfo | undefined> {
  try {
    return await Deno.lstat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

async function readOnly(path: string): Promise<boolean> {
  const info = await Deno.stat(path);
  return info.mode !== null && (info.mode & 0o200) === 0;
}

/** Files under a folder (relative, `/` separators); links are listed but never followed. */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    for await (const e of Deno.readDir(rel ? join(root, rel) : root)) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory) await walk(path);
      else out.push(path);
    }
  };
  await walk("");
  return out;
}

async function sameContent(a: string, b: string): Promise<boolean> {
  // Synchronous for the same reason as reserveSync: most files are small and there are many.
  const [sa, sb] = [Deno.statSync(a), Deno.lstatSync(b)];
  if (!sb.isFile || sa.size !== sb.size) return false;
  if (sa.size > 64 * 1024 * 1024) return await sameStreams(a, b);
  return equalBytes(Deno.readFileSync(a), Deno.readFileSync(b));
}

async function sameStreams(a: string, b: string): Promise<boolean> {
  using fa = await Deno.open(a);
  using fb = await Deno.open(b);
  const ba = new Uint8Array(1 << 20);
  const bb = new Uint8Array(1 << 20);
  while (true) {
    const na = await readFull(fa, ba);
    const nb = await readFull(fb, bb);
    if (na !== nb || !equalBytes(ba.subarray(0, na), bb.subarray(0, nb))) return false;
    if (na === 0) return true;
  }
}

async function readFull(file: Deno.FsFile, buf: Uint8Array): Promise<number> {
  let n = 0;
  while (n < buf.length) {
    const r = await file.read(buf.subarray(n));
    if (r === null) break;
    n += r;
  }
  return n;
}

function equalBytes(x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

async function pruneEmpty(tree: SafeTree, deleted: string[]): Promise<void> {
  const dirs = new Set<string>();
  for (const rel of deleted) for (let d = dirname(rel); d !== "."; d = dirname(d)) dirs.add(d);
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) await tree.removeEmptyFolder(d);
}
