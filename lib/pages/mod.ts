/**
 * Power Pages sites in pac's folder layouts (standard and enhanced data model): download, upload (status ->
 * plan -> apply), diff, list and convert, as `run(options, deps)` use-cases returning data.
 *
 * @module
 */

export { type DownloadDeps, type DownloadOptions, type DownloadResult, runDownload } from "./download.ts";
export {
  type DiffOptions,
  runDiff,
  runUpload,
  type UploadDeps,
  type UploadOptions,
  type UploadResult,
} from "./upload.ts";
export { type ConvertOptions, type ConvertResult, runConvert } from "./convert.ts";
export { listSites, type RemoteSite } from "./remote.ts";
export {
  type PlanAction,
  planHasWrites,
  type PlanItem,
  planSummary,
  type RefusedFile,
  STRATEGIES,
  type Strategy,
  type UploadPlan,
} from "./plan.ts";
export { type ApplyResult } from "./apply.ts";
export { detectFolder, readSiteFolder, type SiteFolder } from "./folder.ts";
export { type BinarySource, type Site, type SiteRecord } from "./model.ts";
export { type DataModel, PAGES_TABLES, type PagesTable, type Placement } from "./tables.ts";
