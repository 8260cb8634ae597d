/**
 * The one atomic file write: a temp file created next to the target (so the rename stays on one file
 * system), written, fsynced, then renamed over the target (or linked, when an existing file must not be
 * replaced), then the directory fsynced. A crash leaves the old file or the new one, never half of one.
 *
 * @module
 */

import { dirname } from "node:path";

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** File mode of the new file (POSIX), e.g. `0o600` for secrets; the temp file has it from creation. */
  mode?: number;
  /**
   * Replace an existing file (default true). With false, an existing target makes the write fail with
   * `Deno.errors.AlreadyExists`, also when the file appeared between the check and the write.
   */
  overwrite?: boolean;
  /** Create the parent folder when missing (default false). */
  mkdirs?: boolean;
  /** Test hook: runs after the temp file is written and synced, before it replaces the target. */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

const POSIX = Deno.build.os !== "windows";

/** Writes `data` (text as UTF-8) to `path` atomically; see the module comment. */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const overwrite = options.overwrite ?? true;
  if (!overwrite) await refuseExisting(path);
  if (options.mkdirs) await Deno.mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  const file = await Deno.open(temp, { createNew: true, write: true, mode: options.mode });
  try {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    for (let done = 0; done < bytes.length;) done += await file.write(bytes.subarray(done));
    await file.sync();
  } catch (error) {
    file.close();
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
  file.close();
  // Outside the clean-up below: a simulated crash must leave its temp file behind, as a real one would.
  await options.beforeRename?.(temp);
  try {
    if (overwrite) await Deno.rename(temp, path);
    else {
      // link() refuses an existing target, so a file created since the check is not replaced.
      await Deno.link(temp, path);
      await Deno.remove(temp);
    }
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
  await syncDir(path);
}

async function refuseExisting(path: string): Promise<void> {
  try {
    await Deno.lstat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  throw new Deno.errors.AlreadyExists(`${path} already exists`);
}

async function syncDir(path: string): Promise<void> {
  if (!POSIX) return;
  try {
    const handle = await Deno.open(dirname(path), { read: true });
    try {
      await handle.sync();
    } finally {
      handle.close();
    }
  } catch {
    // Some file systems refuse fsync on directories; the rename itself is still atomic.
  }
}
