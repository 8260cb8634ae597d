/**
 * Semantic version order, for "is this release newer than mine".
 *
 * Permissions: none.
 *
 * @module
 */

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/;

/** Negative when a < b, 0 when equal, positive when a > b; pre-releases sort before their release. */
export function compareVersions(a: string, b: string): number {
  const pa = a.match(SEMVER), pb = b.match(SEMVER);
  if (!pa || !pb) throw new Error(`not a semantic version: ${!pa ? a : b}`);
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d;
  }
  if (pa[4] === pb[4]) return 0;
  if (pa[4] === undefined) return 1;
  if (pb[4] === undefined) return -1;
  return pa[4] < pb[4] ? -1 : 1;
}
