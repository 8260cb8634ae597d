/** Writing the files the solution use-cases produce (exported zips, settings templates). */

import { ValidationError } from "../../errors.ts";
import { writeFileAtomic } from "../../fs/atomic.ts";
import { advised } from "../advice.ts";

/** The error for a target that exists when it must not be replaced. */
function exists(path: string): ValidationError {
  return advised(
    new ValidationError(`${path} already exists.`, { hint: "Allow overwriting it, or write another file." }),
    { kind: "overwrite" },
  );
}

/** Throws (advice `overwrite`) when `path` exists; checked before long work whose result would be lost. */
export async function refuseExisting(path: string): Promise<void> {
  try {
    await Deno.lstat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  throw exists(path);
}

/** Writes bytes atomically, creating folders; refuses to replace an existing file unless `overwrite`. */
export async function writeOutputFile(path: string, bytes: Uint8Array, overwrite: boolean): Promise<void> {
  try {
    await writeFileAtomic(path, bytes, { overwrite, mkdirs: true });
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) throw exists(path);
    throw error;
  }
}
