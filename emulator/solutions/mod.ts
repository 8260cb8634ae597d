/**
 * The emulated solution endpoints of a Dataverse org.
 *
 * @module
 */

export {
  type DependencyRow,
  type ImportFailure,
  type ReceivedImport,
  type SolutionRow,
  type SolutionsEmulator,
  solutionsService,
  type SolutionsServiceOptions,
} from "./service.ts";
export { buildSolutionZip, type ExportSpec } from "./zips.ts";
