/**
 * The latest release of ppx, from GitHub's REST API (`GET /repos/{owner}/{repo}/releases/latest`).
 *
 * Permissions: net (the API host and the asset download host).
 *
 * @module
 */

import { UsageError, ValidationError } from "../errors.ts";
import type { HttpClient } from "../http/client.ts";

/** A published release: its version and the download URL of each asset by name. */
export interface ReleaseInfo {
  /** The version without the leading `v` of its tag. */
  version: string;
  tag: string;
  assets: Map<string, string>;
}

/** Where releases are looked up. */
export interface ReleaseSource {
  /** `owner/name` of the repository that publishes the binaries. */
  repository: string;
  /** The REST API root: https://api.github.com, or a GitHub Enterprise Server's `https://HOST/api/v3`. */
  apiUrl: string;
}

/** Checks `owner/name`; the message names the setting that fixes it. */
export function checkRepository(repository: string | undefined): string {
  if (!repository || !/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(repository)) {
    throw new UsageError(
      repository
        ? `"${repository}" is not a repository name (owner/name).`
        : "This build of ppx does not know the repository it is released from.",
      { hint: "Set PPX_RELEASE_REPO=owner/name (the repository whose releases hold the ppx binaries)." },
    );
  }
  return repository;
}

/** Reads the latest (non-draft, non-prerelease) release. */
export async function latestRelease(http: HttpClient, source: ReleaseSource): Promise<ReleaseInfo> {
  const url = `${source.apiUrl.replace(/\/+$/, "")}/repos/${
    checkRepository(source.repository)
  }/releases/latest`;
  const body = await http.json<{ tag_name?: unknown; assets?: unknown }>("GET", url, {
    anonymous: true,
    headers: { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" },
  });
  if (typeof body?.tag_name !== "string" || !Array.isArray(body.assets)) {
    throw new ValidationError(`${url} did not answer with a release (tag_name and assets).`);
  }
  const assets = new Map<string, string>();
  for (const asset of body.assets as { name?: unknown; browser_download_url?: unknown }[]) {
    if (typeof asset?.name === "string" && typeof asset.browser_download_url === "string") {
      assets.set(asset.name, asset.browser_download_url);
    }
  }
  return { tag: body.tag_name, version: body.tag_name.replace(/^v/, ""), assets };
}

/** Downloads one asset of a release as bytes (anonymous: release assets are public). */
export async function downloadAsset(
  http: HttpClient,
  release: ReleaseInfo,
  name: string,
): Promise<Uint8Array> {
  const url = release.assets.get(name);
  if (!url) {
    throw new ValidationError(`Release ${release.tag} has no asset ${name}.`, {
      hint: "The release may still be uploading; try again in a few minutes.",
    });
  }
  const response = await http.send("GET", url, {
    anonymous: true,
    headers: { accept: "application/octet-stream" },
  });
  return new Uint8Array(await response.arrayBuffer());
}

/** Where releases come from: PPX_RELEASE_REPO / PPX_RELEASE_API, else the repository stamped at build. */
export function releaseSourceFrom(
  env: (name: string) => string | undefined,
  stampedRepository: string,
): ReleaseSource {
  return {
    repository: env("PPX_RELEASE_REPO") ?? stampedRepository,
    apiUrl: env("PPX_RELEASE_API") ?? "https://api.github.com",
  };
}
