/**
 * Local solution packaging: `unpack` / `pack` in SolutionPackager's layout (no .NET, no network),
 * plain `unzipRaw` / `zipRaw`, and `canonicalSolutionXml` for comparing solutions.
 *
 * @module
 */

import { COLLECTIONS } from "./packager/components/registry.ts";
import { canonicalXml } from "./xml/canonical.ts";

export { pack, type PackResult } from "./packager/pack.ts";
export { bothZips, unpack, type UnpackOptions, type UnpackResult } from "./packager/unpack.ts";
export {
  PACKAGE_TYPES,
  type PackagerOptions,
  type PackageType,
  type SolutionInfo,
} from "./packager/options.ts";
export type { CommitResult } from "./packager/staging.ts";
export { unzipRaw, zipRaw } from "./raw.ts";
export { DEFAULT_LIMITS, type ZipLimits } from "./zip/limits.ts";

/** Canonical text of solution XML: equal for the same solution whatever the layout and component order. */
export function canonicalSolutionXml(text: string): string {
  return canonicalXml(text, { unordered: COLLECTIONS });
}
export {
  defaultFolderFor,
  defaultZipFor,
  type PackagingDeps,
  type PackedSolution,
  packSolution,
  type PackSolutionOptions,
  pathStem,
  type UnpackedSolution,
  unpackSolution,
  type UnpackSolutionOptions,
} from "./packaging.ts";
export { adviceOf, type Advised, advised, type SolutionAdvice, type SolutionInput } from "./advice.ts";
