/**
 * Release asset names: one archive per target, named the same way by the compile script, the installers
 * and `ppx upgrade`.
 *
 * Permissions: none.
 *
 * @module
 */

/** The five release targets (Rust target triples, as `deno compile --target` names them). */
export const RELEASE_TARGETS = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
  "x86_64-pc-windows-msvc",
] as const;

/** One of {@link RELEASE_TARGETS}. */
export type ReleaseTarget = typeof RELEASE_TARGETS[number];

/** The archive of one target: `ppx-<version>-<target>.tar.gz`, or `.zip` for Windows. */
export function archiveName(version: string, target: string): string {
  return `ppx-${version}-${target}.${target.includes("windows") ? "zip" : "tar.gz"}`;
}

/** The executable's name inside the archive. */
export function binaryName(target: string): string {
  return target.includes("windows") ? "ppx.exe" : "ppx";
}

/**
 * The release target for an OS and CPU (Deno.build.os / Deno.build.arch); undefined where no binary is
 * published (for example Windows on ARM, which runs the x86_64 build under emulation: we say so instead of
 * guessing).
 */
export function releaseTargetFor(os: string, arch: string): ReleaseTarget | undefined {
  const key = `${os}/${arch}`;
  const table: Record<string, ReleaseTarget> = {
    "linux/x86_64": "x86_64-unknown-linux-gnu",
    "linux/aarch64": "aarch64-unknown-linux-gnu",
    "darwin/x86_64": "x86_64-apple-darwin",
    "darwin/aarch64": "aarch64-apple-darwin",
    "windows/x86_64": "x86_64-pc-windows-msvc",
  };
  return table[key];
}
