/**
 * `deno task release X.Y.Z`: cuts a release on a clean tree. It checks the version is a semantic version
 * above the current one, bumps deno.json (and the emulator package's), lib/version.ts, moves the changelog's
 * Unreleased section into `## [X.Y.Z] - date` (leaving an empty Unreleased), commits and tags `vX.Y.Z`.
 * Pushing the tag runs the release workflow.
 *
 *   deno task release 0.2.0            cut the release
 *   deno task release 0.2.0 --dry-run  check and print what would change
 */

import { compareVersions } from "../lib/upgrade/version_order.ts";

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;

export { compareVersions };

/** Moves the Unreleased section's entries under a new version heading; throws when there are none. */
export function cutChangelog(changelog: string, version: string, date: string): string {
  const heading = "## [Unreleased]";
  const start = changelog.indexOf(heading);
  if (start < 0) throw new Error("CHANGELOG.md has no `## [Unreleased]` section.");
  const after = start + heading.length;
  const next = changelog.indexOf("\n## ", after);
  const body = changelog.slice(after, next < 0 ? undefined : next);
  if (body.trim() === "") throw new Error("CHANGELOG.md's Unreleased section is empty: nothing to release.");
  if (changelog.includes(`## [${version}]`)) {
    throw new Error(`CHANGELOG.md already has a section for ${version}.`);
  }
  return changelog.slice(0, after) + `\n\n## [${version}] - ${date}` + changelog.slice(after);
}

/** Replaces the version constant in lib/version.ts. */
export function bumpVersionModule(source: string, version: string): string {
  const pattern = /export const VERSION = "[^"]*";/;
  if (!pattern.test(source)) throw new Error("lib/version.ts has no VERSION constant.");
  return source.replace(pattern, `export const VERSION = "${version}";`);
}

async function git(args: string[], cwd: string): Promise<string> {
  const out = await new Deno.Command("git", { args, cwd, stdout: "piped", stderr: "piped" }).output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    throw new Error(`git ${args.join(" ")} failed: ${new TextDecoder().decode(out.stderr).trim()}`);
  }
  return text;
}

/** Cuts the release in the repository at `root`; returns the files it changed. */
export async function release(
  root: string,
  version: string,
  options: { dryRun?: boolean; date?: string } = {},
): Promise<string[]> {
  if (!SEMVER.test(version)) throw new Error(`"${version}" is not a semantic version (X.Y.Z).`);
  if ((await git(["status", "--porcelain"], root)).trim() !== "") {
    throw new Error("The working tree has uncommitted changes; commit or stash them first.");
  }
  const configPath = `${root}/deno.json`;
  const config = JSON.parse(await Deno.readTextFile(configPath));
  if (compareVersions(version, config.version) <= 0) {
    throw new Error(`${version} is not above the current version ${config.version}.`);
  }
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const changes = new Map<string, string>();
  const bumpJson = async (path: string) => {
    const text = await Deno.readTextFile(path);
    changes.set(path, text.replace(/"version":\s*"[^"]*"/, `"version": "${version}"`));
  };
  await bumpJson(configPath);
  for (const member of config.workspace ?? []) {
    await bumpJson(`${root}/${String(member).replace(/^\.\//, "").replace(/\/$/, "")}/deno.json`);
  }
  const versionPath = `${root}/lib/version.ts`;
  changes.set(versionPath, bumpVersionModule(await Deno.readTextFile(versionPath), version));
  const changelogPath = `${root}/CHANGELOG.md`;
  changes.set(changelogPath, cutChangelog(await Deno.readTextFile(changelogPath), version, date));
  const files = [...changes.keys()].map((p) => p.slice(root.length + 1));
  if (options.dryRun) return files;
  for (const [path, text] of changes) await Deno.writeTextFile(path, text);
  await git(["add", ...files], root);
  await git(["commit", "-q", "-m", `chore(release): v${version}`], root);
  await git(["tag", "-a", `v${version}`, "-m", `ppx ${version}`], root);
  return files;
}

if (import.meta.main) {
  const version = Deno.args.find((a) => !a.startsWith("-"));
  const dryRun = Deno.args.includes("--dry-run");
  if (!version) {
    console.error("usage: deno task release X.Y.Z [--dry-run]");
    Deno.exit(2);
  }
  try {
    const files = await release(Deno.cwd(), version, { dryRun });
    console.log(`${dryRun ? "Would change" : "Changed"}: ${files.join(", ")}`);
    if (!dryRun) console.log(`Tagged v${version}. Push it to release: git push origin main v${version}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    Deno.exit(1);
  }
}
