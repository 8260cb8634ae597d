/**
 * Replaces the running executable atomically: the new binary is written beside it and renamed over it.
 * Windows cannot overwrite a running .exe, so there the old one is first renamed aside (`ppx.exe.old`,
 * removed by the next upgrade).
 *
 * Permissions: read and write of the executable's folder.
 *
 * @module
 */

import { dirname } from "node:path";
import { PpxError } from "../errors.ts";

/** Writes `bytes` as the executable at `path`, keeping it whole at every moment. */
export async function replaceExecutable(path: string, bytes: Uint8Array, os: string): Promise<void> {
  const temp = `${path}.${crypto.randomUUID().slice(0, 8)}.new`;
  const aside = `${path}.old`;
  await Deno.remove(aside).catch(() => {});
  try {
    await Deno.writeFile(temp, bytes, { createNew: true, mode: 0o755 });
    if (os === "windows") {
      await Deno.rename(path, aside);
      try {
        await Deno.rename(temp, path);
      } catch (error) {
        await Deno.rename(aside, path).catch(() => {});
        throw error;
      }
    } else {
      await Deno.chmod(temp, 0o755);
      await Deno.rename(temp, path);
    }
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    if (error instanceof Deno.errors.PermissionDenied) {
      throw new PpxError(
        "upgrade.not-writable",
        `Cannot replace ${path}: no write access to ${dirname(path)}.`,
        1,
        {
          hint: "Run the upgrade as the user who installed ppx, or reinstall with install.sh / install.ps1.",
          cause: error,
        },
      );
    }
    throw error;
  }
}
