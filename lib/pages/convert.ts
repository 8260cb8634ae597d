/**
 * `ppx pages convert`: a site folder in one layout (pac standard, pac enhanced, or the earlier PACX JSON
 * layout) written in pac's layout of the chosen data model. Field names follow the model (`adx_name` <->
 * `name`); values, ids and binaries are kept.
 *
 * Permissions: `--allow-read` for the source, `--allow-read` and `--allow-write` for the target.
 *
 * @module
 */

import { ValidationError } from "../errors.ts";
import { SiteFolderError } from "./errors.ts";
import { detectFolder, readSiteFolder, writeSiteFolder } from "./folder.ts";
import { layoutSite } from "./layout.ts";
import type { Site } from "./model.ts";
import { isPacxJson, readPacxJson } from "./pacx_json.ts";
import { toModel } from "./remote.ts";
import type { DataModel } from "./tables.ts";
import { join } from "node:path";

/** Options of a conversion. */
export interface ConvertOptions {
  /** The source folder. */
  path: string;
  /** The target folder (must not hold a site). */
  out: string;
  /** Target model (default: the source's; the earlier JSON layout converts to standard). */
  to?: DataModel;
}

/** What a conversion did. */
export interface ConvertResult {
  /** `standard`, `enhanced` or `pacx-json`. */
  from: string;
  /** The model written. */
  to: DataModel;
  /** Records written. */
  records: number;
  /** Files written. */
  files: number;
  /** Source folders without a counterpart, left out. */
  unsupported: string[];
}

/** Converts a folder. */
export async function runConvert(options: ConvertOptions): Promise<ConvertResult> {
  let site: Site;
  let from: string;
  let unsupported: string[] = [];
  const folder = await detectFolder(options.path);
  if (folder) {
    site = await readSiteFolder(folder);
    from = folder.model;
  } else if (await isPacxJson(options.path)) {
    ({ site, unsupported } = await readPacxJson(options.path));
    from = "pacx-json";
  } else {
    throw new SiteFolderError("nothing-to-convert", options.path, `No site in ${options.path}.`);
  }
  if (await detectFolder(options.out)) {
    throw new ValidationError(`${options.out} already holds a site.`, {
      hint: "Convert into an empty folder.",
    });
  }
  const to = options.to ?? site.model;
  const converted: Site = {
    model: to,
    websiteId: site.websiteId,
    records: site.records.map((r) => site.model === to ? r : toModel(r, to)),
  };
  const root = to === "enhanced" ? join(options.out, ".powerpages-site") : options.out;
  const files = layoutSite(converted);
  if (to === "enhanced") {
    files.push({ path: ".portalconfig/manifest.yml", kind: "yaml", data: {}, owners: [] });
  }
  const stats = await writeSiteFolder(root, files);
  return { from, to, records: converted.records.length, files: stats.written.length, unsupported };
}
