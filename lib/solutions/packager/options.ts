/** Options and results shared by pack and unpack. */

import type { Env } from "../../env.ts";
import type { ZipLimits } from "../zip/limits.ts";

/** SolutionPackager's package types. */
export const PACKAGE_TYPES = ["Unmanaged", "Managed", "Both"] as const;
/** One package type. */
export type PackageType = typeof PACKAGE_TYPES[number];

/** Identity of the solution that was processed. */
export interface SolutionInfo {
  uniqueName?: string;
  version?: string;
  /** `<Managed>` of the source: 0 unmanaged, 1 managed, 2 both. */
  managed: string;
}

/** Options common to pack and unpack. */
export interface PackagerOptions {
  /** Default: read from the zip (unpack) or Other/Solution.xml (pack). */
  packageType?: PackageType;
  /** Expand / rebuild canvas apps under CanvasApps/src/<app>/. */
  processCanvasApps?: boolean;
  /** A SolutionPackager mapping file. */
  map?: string;
  /** Variables for `%VAR%` in the mapping file. */
  env?: Env;
  /** Archive limits (zip bombs). */
  limits?: ZipLimits;
}
