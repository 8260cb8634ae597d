/**
 * Build metadata. `scripts/compile.ts` rewrites this file for each binary it builds (commit and target)
 * and restores it afterwards; from source it says "dev".
 *
 * @module
 */

/** Commit and target the running binary was built from. */
export const BUILD: { commit: string; target: string } = { commit: "dev", target: "source" };
