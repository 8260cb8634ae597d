/**
 * `ppx upgrade`: find the latest release, download this platform's archive and SHA256SUMS, verify the
 * checksum, and replace the running binary atomically. Nothing is replaced unless every check passed.
 *
 * Permissions: net (the release host), read and write of the executable's folder.
 *
 * @module
 */

import { ExitCode, PpxError } from "../errors.ts";
import { RunsFromSourceError } from "./errors.ts";
import type { HttpClient } from "../http/client.ts";
import { archiveName, binaryName, releaseTargetFor } from "./assets.ts";
import { parseChecksums, sha256Hex } from "./checksums.ts";
import { extractBinary } from "./extract.ts";
import { downloadAsset, latestRelease, type ReleaseSource } from "./release.ts";
import { replaceExecutable } from "./replace.ts";
import { compareVersions } from "./version_order.ts";

/** What `ppx upgrade` is asked to do. */
export interface UpgradeOptions {
  /** Only report whether a newer release exists. */
  checkOnly: boolean;
  /** Reinstall even when the latest release is not newer. */
  force: boolean;
}

/** What the use-case needs from outside. */
export interface UpgradeDeps {
  http: HttpClient;
  source: ReleaseSource;
  /** The running version. */
  currentVersion: string;
  /** The target the binary was built for ("source" when run through `deno run`). */
  buildTarget: string;
  /** The executable to replace. */
  executablePath: string;
  os: string;
  arch: string;
}

/** What happened. */
export interface UpgradeResult {
  current: string;
  latest: string;
  /** Whether the latest is newer than the running version. */
  available: boolean;
  /** Whether the binary was replaced. */
  upgraded: boolean;
  path: string;
  /** The verified SHA-256 of the archive, when one was downloaded. */
  sha256?: string;
}

/** Runs the upgrade (or the check). */
export async function runUpgrade(options: UpgradeOptions, deps: UpgradeDeps): Promise<UpgradeResult> {
  const release = await latestRelease(deps.http, deps.source);
  const available = compareVersions(release.version, deps.currentVersion) > 0;
  const result: UpgradeResult = {
    current: deps.currentVersion,
    latest: release.version,
    available,
    upgraded: false,
    path: deps.executablePath,
  };
  if (options.checkOnly || (!available && !options.force)) return result;
  if (deps.buildTarget === "source") {
    throw new RunsFromSourceError(release.version);
  }
  const target = releaseTargetFor(deps.os, deps.arch) ?? deps.buildTarget;
  const archive = archiveName(release.version, target);
  const sums = parseChecksums(
    new TextDecoder().decode(await downloadAsset(deps.http, release, "SHA256SUMS")),
  );
  const expected = sums.get(archive);
  if (!expected) {
    throw new PpxError(
      "upgrade.no-checksum",
      `SHA256SUMS of ${release.tag} does not list ${archive}.`,
      ExitCode.Failure,
    );
  }
  const bytes = await downloadAsset(deps.http, release, archive);
  const actual = await sha256Hex(bytes);
  if (actual !== expected) {
    throw new PpxError(
      "upgrade.checksum",
      `The checksum of ${archive} does not match SHA256SUMS; nothing was replaced.`,
      ExitCode.Failure,
      { hint: "The download was damaged or tampered with. Try again; report it if it persists." },
    );
  }
  const binary = await extractBinary(archive, bytes, binaryName(target));
  await replaceExecutable(deps.executablePath, binary, deps.os);
  return { ...result, upgraded: true, sha256: actual };
}
