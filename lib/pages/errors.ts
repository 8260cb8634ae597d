/**
 * The Power Pages errors that carry data instead of advice: why (`reason`) and with what (the folder,
 * the model, the site, the records); the CLI words the flags and commands that fix them.
 *
 * @module
 */

import { NotFoundError, UsageError, ValidationError } from "../errors.ts";
import type { DataModel } from "./tables.ts";

/** Why a site folder cannot be used as asked. */
export type SiteFolderReason =
  /** The folder holds no site (no website.yml or .powerpages-site/) to upload or diff. */
  | "no-site"
  /** The folder holds files but no website.yml record. */
  | "no-website-yml"
  /** Nothing to convert: neither pac's layout nor the earlier ppx JSON. */
  | "nothing-to-convert"
  /** The folder's model is not the one asked for (`model`, `expected`). */
  | "model-mismatch"
  /** The folder's model is not the environment site's (download; `model`, `expected`). */
  | "download-model-mismatch"
  /** The site asked for is not the folder's (`websiteId`, `folderSite`). */
  | "not-the-folders-site"
  /** The folder holds another site (download; `folderSite`). */
  | "other-site"
  /** Records changed locally since the last sync (download; `changed`). */
  | "local-changes";

/** A site folder that cannot be used as asked (exit 2). */
export class SiteFolderError extends ValidationError {
  /** Why. */
  readonly reason: SiteFolderReason;
  /** The folder. */
  readonly path: string;
  /** The folder's data model, when it matters. */
  readonly model?: DataModel;
  /** The data model asked for (or the environment site's). */
  readonly expected?: DataModel;
  /** The website id asked for. */
  readonly websiteId?: string;
  /** The folder's website id. */
  readonly folderSite?: string;
  /** Records changed locally (table/name), for `local-changes`. */
  readonly changed?: string[];

  /** `message` says what is wrong without naming a flag. */
  constructor(
    reason: SiteFolderReason,
    path: string,
    message: string,
    data: {
      model?: DataModel;
      expected?: DataModel;
      websiteId?: string;
      folderSite?: string;
      changed?: string[];
    } = {},
  ) {
    super(message);
    this.reason = reason;
    this.path = path;
    Object.assign(this, data);
  }
}

/** No such site in the environment (of `model`, when one was asked for). */
export class SiteNotFoundError extends NotFoundError {
  /** The website id. */
  readonly websiteId: string;
  /** The data model looked in, when it was given or detected. */
  readonly model?: DataModel;

  /** Names the site (and the model). */
  constructor(websiteId: string, model?: DataModel) {
    super(`No ${model ? `${model} ` : ""}Power Pages site ${websiteId} in this environment.`);
    this.websiteId = websiteId;
    this.model = model;
  }
}

/** A table name the Power Pages commands do not know, in the include (`include`) or exclude list. */
export class UnknownTableError extends UsageError {
  /** Which list it was in. */
  readonly list: "include" | "exclude";
  /** The name as given. */
  readonly table: string;
  /** The names that are known. */
  readonly known: string[];

  /** Names the table and the known ones (the hint lists them). */
  constructor(list: "include" | "exclude", table: string, known: string[]) {
    super(`Unknown table '${table}'.`, { hint: `Use one of ${known.join(", ")} (or their adx_ names).` });
    this.list = list;
    this.table = table;
    this.known = known;
  }
}

/** A plan that cannot be applied whole: files the environment would refuse, or create-only conflicts. */
export class PlanNotApplicableError extends ValidationError {
  /** Why. */
  readonly reason: "refused-files" | "create-only-conflicts";
  /** How many files or records. */
  readonly count: number;

  /** `message` lists the files or records without naming a flag. */
  constructor(reason: "refused-files" | "create-only-conflicts", count: number, message: string) {
    super(message);
    this.reason = reason;
    this.count = count;
  }
}
