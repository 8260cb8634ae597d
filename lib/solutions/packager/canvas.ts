/**
 * Canvas apps (`.msapp`): a zip inside the solution whose entry names use `\`. With
 * --process-canvas-apps, unpack expands it to `CanvasApps/src/<app>/` and pack rebuilds it from there
 * (same entries and bytes; the container itself is rebuilt, as with every packer).
 *
 * @module
 */

import { ValidationError } from "../../errors.ts";
import { advised } from "../advice.ts";
import type { ZipLimits } from "../zip/limits.ts";
import { openZip } from "../zip/read.ts";
import { ZipWriter } from "../zip/write.ts";
import type { Staging } from "./staging.ts";

/** The app name of a `CanvasApps/<app>_DocumentUri.msapp` path, or undefined for other paths. */
export function canvasAppOf(treePath: string): string | undefined {
  const m = /^CanvasApps\/([^/]+?)(?:_DocumentUri)?\.msapp$/i.exec(treePath);
  return m?.[1];
}

/** Expands an extracted .msapp file into `CanvasApps/src/<app>/`; returns the files written. */
export async function expandMsapp(
  msapp: string,
  app: string,
  staging: Staging,
  limits?: ZipLimits,
): Promise<number> {
  const zip = await openZip(msapp, `CanvasApps/${app}_DocumentUri.msapp`, limits);
  try {
    for (const entry of zip.entries) {
      await zip.extractTo(entry, await staging.reserve(`CanvasApps/src/${app}/${entry.path}`));
    }
    return zip.entries.length;
  } finally {
    zip.close();
  }
}

/** Builds a .msapp at `out` from the files of `CanvasApps/src/<app>/` (`files` relative to it). */
export async function buildMsapp(
  app: string,
  files: { rel: string; abs: string }[],
  out: string,
): Promise<void> {
  if (files.some((f) => f.rel.toLowerCase() === "canvasmanifest.json")) {
    throw advised(
      new ValidationError(
        `CanvasApps/src/${app} is in the Power Apps source format (CanvasManifest.json), which ppx cannot rebuild.`,
        {
          hint: "Pack the app with `pac canvas pack` into CanvasApps/" + app +
            "_DocumentUri.msapp, or unpack the solution again with its canvas apps expanded.",
        },
      ),
      { kind: "canvas-source", app },
    );
  }
  const writer = new ZipWriter(out);
  try {
    for (const f of [...files].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))) {
      writer.addFile(f.rel.replaceAll("/", "\\"), f.abs);
    }
    await writer.finish();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
