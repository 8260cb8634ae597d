/** Limits that stop zip bombs and hostile archives before anything is written. */

/** Size and shape limits applied to every archive ppx reads. */
export interface ZipLimits {
  /** Most entries an archive may hold. */
  maxEntries: number;
  /** Largest total uncompressed size, in bytes. */
  maxTotalSize: number;
  /** Largest uncompressed size of one entry, in bytes. */
  maxEntrySize: number;
  /** Largest uncompressed/compressed ratio of an entry bigger than `ratioFloor` bytes. */
  maxRatio: number;
  /** Entries up to this size are not ratio-checked (tiny repetitive files compress very well). */
  ratioFloor: number;
}

/** Generous defaults: far above real solutions, far below what would fill a disk. */
export const DEFAULT_LIMITS: ZipLimits = {
  maxEntries: 250_000,
  maxTotalSize: 8 * 1024 ** 3,
  maxEntrySize: 2 * 1024 ** 3,
  maxRatio: 250,
  ratioFloor: 4 * 1024 ** 2,
};
