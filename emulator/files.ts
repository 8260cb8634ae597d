/**
 * The emulator's own atomic file write (it shares no file code with the product, so its persisted
 * state is written independently of the config store it emulates a peer of).
 *
 * @module
 */

/**
 * Replaces `path` with `text`: written to a private temp file (`<path>.<pid>.<random>.tmp`), synced,
 * then renamed over the target; the temp file is removed when anything fails. Synchronous on purpose:
 * a save is never "in flight" when the process is told to stop, so a final flush always sees what is
 * dirty and no temp file can be left behind by an exit in the middle of an asynchronous save.
 */
export function writeAtomicSync(path: string, text: string): void {
  const temp = `${path}.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  try {
    const file = Deno.openSync(temp, { createNew: true, write: true, mode: 0o600 });
    try {
      const bytes = new TextEncoder().encode(text);
      for (let at = 0; at < bytes.length;) at += file.writeSync(bytes.subarray(at));
      file.syncSync();
    } finally {
      file.close();
    }
    Deno.renameSync(temp, path);
  } catch (error) {
    try {
      Deno.removeSync(temp);
    } catch {
      // never created, or already renamed
    }
    throw error;
  }
}

/** {@link writeAtomicSync}, as a promise (kept for callers that want one). */
export function writeAtomic(path: string, text: string): Promise<void> {
  try {
    writeAtomicSync(path, text);
    return Promise.resolve();
  } catch (error) {
    return Promise.reject(error);
  }
}
