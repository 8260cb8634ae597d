/**
 * Build metadata. `scripts/compile.ts` rewrites this file for each binary it builds (commit, target and
 * the repository it is released from) and restores it afterwards; from source it says "dev".
 *
 * @module
 */

/** Commit, target and release repository (owner/name) the running binary was built from. */
export const BUILD: { commit: string; target: string; repository: string } = {
  commit: "dev",
  target: "source",
  repository: "",
};
