/** Helpers shared by the Dataverse solution commands (list, export, import, ...). */

import { writeFileAtomic } from "../../../lib/fs/atomic.ts";
import { UsageError, ValidationError } from "../../../lib/errors.ts";
import { isGuid, sanitizeGuid } from "../../../lib/dataverse/odata.ts";
import type { Context } from "../../context.ts";

/**
 * Parses an import job id: a GUID, with or without braces, or the 32 hex digits PACX generates (the Web API
 * only takes the 8-4-4-4-12 form, so that is what is sent).
 */
export function parseJobId(flag: string) {
  return (value: string): string => {
    let id = sanitizeGuid(value);
    if (/^[0-9a-f]{32}$/i.test(id)) {
      id = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
    }
    if (!isGuid(id)) {
      throw new UsageError(`${flag} must be an import job id (a GUID), not '${value}'.`, {
        hint: "Use the id `ppx solution import` printed.",
      });
    }
    return id.toLowerCase();
  };
}

/** Writes bytes atomically (lib/fs/atomic.ts); refuses to replace an existing file without overwrite. */
export async function writeAtomic(path: string, bytes: Uint8Array, overwrite: boolean): Promise<void> {
  try {
    await writeFileAtomic(path, bytes, { overwrite, mkdirs: true });
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) {
      throw new ValidationError(`${path} already exists.`, {
        hint: "Pass --overwrite to replace it, or another --out.",
      });
    }
    throw error;
  }
}

/** A progress reporter for polling loops: a TTY progress line, silent when piped or with --json. */
export function pollProgress(ctx: Context, label: string): {
  update: (percent: number | undefined, status: string) => void;
  done: () => void;
} {
  const progress = ctx.progress();
  return {
    update: (percent, status) => progress.update(Math.round(percent ?? 0), 100, `${label}: ${status}`),
    done: () => progress.done(),
  };
}
