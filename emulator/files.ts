/**
 * The emulator's own atomic file write (it shares no file code with the product, so its persisted
 * state is written independently of the config store it emulates a peer of).
 *
 * @module
 */

/** Replaces `path` with `text`: written to a private temp file, synced, then renamed over the target. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  try {
    await Deno.writeTextFile(temp, text, { createNew: true, mode: 0o600 });
    const file = await Deno.open(temp, { read: true, write: true });
    try {
      await file.sync();
    } finally {
      file.close();
    }
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}
