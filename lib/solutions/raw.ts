/**
 * Plain zip and unzip of a folder (the raw mode), with the same safety checks, atomic writes and
 * deterministic output as the SolutionPackager mode but no transformation.
 *
 * @module
 */

import { assertZipFile } from "./packager/detect.ts";
import { type CommitOptions, type CommitResult, Staging } from "./packager/staging.ts";
import { TreeIndex } from "./packager/tree.ts";
import type { ZipLimits } from "./zip/limits.ts";
import { openZip } from "./zip/read.ts";
import { ZipWriter } from "./zip/write.ts";

/** Extracts every entry of `zipfile` into `folder`. */
export async function unzipRaw(
  zipfile: string,
  folder: string,
  options: CommitOptions & { limits?: ZipLimits } = {},
): Promise<CommitResult & { zipfiles: string[]; folder: string }> {
  await assertZipFile(zipfile, "zipfile");
  const zip = await openZip(zipfile, zipfile, options.limits);
  const staging = await Staging.create(folder);
  try {
    for (const entry of zip.entries) await zip.extractTo(entry, await staging.reserve(entry.path));
    zip.close();
    return { zipfiles: [zipfile], folder, ...await staging.commit(folder, options) };
  } catch (error) {
    zip.close();
    await staging.discard();
    throw error;
  }
}

/** Zips every file under `folder` (sorted, fixed timestamps). */
export async function zipRaw(
  folder: string,
  zipfile: string,
): Promise<{ folder: string; zipfiles: string[]; entries: number }> {
  const tree = await TreeIndex.loadFolder(folder);
  const writer = new ZipWriter(zipfile);
  try {
    const files = [...tree.files.values()].sort();
    for (const rel of files) writer.addFile(rel, tree.abs(rel));
    await writer.finish();
    return { folder, zipfiles: [zipfile], entries: files.length };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
