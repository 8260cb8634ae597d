/**
 * `deno task release-notes X.Y.Z`: prints the CHANGELOG.md section of one version (the release's notes).
 * Exits 1 when the changelog has no such section, so a release cannot go out without notes.
 */

/** The body of `## [version]` in a Keep a Changelog file, without its heading; undefined when absent. */
export function changelogSection(changelog: string, version: string): string | undefined {
  const lines = changelog.split(/\r?\n/);
  const start = lines.findIndex((line) => line.startsWith(`## [${version}]`));
  if (start < 0) return undefined;
  let end = lines.findIndex((line, i) => i > start && line.startsWith("## "));
  if (end < 0) end = lines.length;
  const body = lines.slice(start + 1, end).join("\n").replace(/\n\[[^\]]+\]: .*$/gm, "").trim();
  return body;
}

if (import.meta.main) {
  const version = (Deno.args[0] ?? "").replace(/^v/, "");
  const section = changelogSection(await Deno.readTextFile("CHANGELOG.md"), version);
  if (section === undefined || section === "") {
    console.error(
      `CHANGELOG.md has no section "## [${version}]"; run \`deno task release ${version}\` first.`,
    );
    Deno.exit(1);
  }
  console.log(section);
}
