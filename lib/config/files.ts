/**
 * File-system safety for the config: private modes (0700 directory, 0600 file) enforced with a warning
 * when looser, and atomic replacement (temp file created 0600 in the same directory, fsync, rename), so a
 * crash leaves either the old file or the new one, never half of one.
 *
 * @module
 */

import { writeFileAtomic } from "../fs/atomic.ts";

/** Receives human-readable warnings (the CLI prints them on stderr). */
export type WarnSink = (message: string) => void;

/** Test hooks to simulate a crash at a precise point of a write. */
export interface WriteFaults {
  /** Called after the temp file is written and synced, before the rename. */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

const POSIX = Deno.build.os !== "windows";

function octal(mode: number): string {
  return "0" + (mode & 0o777).toString(8);
}

/** Creates the directory (0700) or tightens an existing one that others can read. */
export async function ensurePrivateDir(dir: string, warn: WarnSink): Promise<void> {
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  if (!POSIX) return;
  const info = await Deno.stat(dir);
  if (info.mode !== null && (info.mode & 0o077) !== 0) {
    await Deno.chmod(dir, 0o700);
    warn(
      `The config directory ${dir} was accessible to other users (mode ${
        octal(info.mode)
      }); changed it to 0700.`,
    );
  }
}

/** Tightens a file that others can read to 0600; no-op when it does not exist. */
export async function ensurePrivateFile(path: string, warn: WarnSink): Promise<void> {
  if (!POSIX) return;
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  if (info.mode !== null && (info.mode & 0o077) !== 0) {
    await Deno.chmod(path, 0o600);
    warn(
      `The config file ${path} was readable by other users (mode ${octal(info.mode)}); changed it to 0600.`,
    );
  }
}

/** Reads a text file; undefined when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** Replaces `path` with `text` atomically; the temp file is 0600 from the moment it exists. */
export async function writeAtomic(path: string, text: string, faults: WriteFaults = {}): Promise<void> {
  await writeFileAtomic(path, text, { mode: 0o600, beforeRename: faults.beforeRename });
}

/** Removes temp files a crashed writer left behind (call while holding the lock). */
export async function removeStaleTemps(path: string): Promise<void> {
  const dir = path.replace(/[\\/][^\\/]*$/, "") || ".";
  const base = path.slice(dir.length + 1);
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isFile && entry.name.startsWith(`${base}.`) && entry.name.endsWith(".tmp")) {
        await Deno.remove(`${dir}/${entry.name}`).catch(() => {});
      }
    }
  } catch {
    // nothing to clean
  }
}
