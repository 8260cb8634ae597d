/**
 * The ppx version. `scripts/compile.ts` checks that it equals the version in deno.json, so a release
 * can never ship a binary that reports a different number.
 *
 * @module
 */

export { BUILD } from "./build_info.ts";

/** The semantic version of this build of ppx. */
export const VERSION = "0.2.0";
