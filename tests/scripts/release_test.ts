import { buildSbom, npmPurl, parseLockKey } from "../../scripts/sbom.ts";
import { changelogSection } from "../../scripts/release_notes.ts";
import { compareVersions, cutChangelog, release } from "../../scripts/release.ts";
import { assert, assertEquals, assertRejects } from "../helpers/assert.ts";

const CHANGELOG =
  "# Changelog\n\n## [Unreleased]\n\n### Added\n\n- pages download\n\n## [0.1.0] - 2026-01-01\n\n### Added\n\n- first\n";

async function git(args: string[], cwd: string): Promise<void> {
  const out = await new Deno.Command("git", { args, cwd, stdout: "null", stderr: "piped" }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
}

async function fixtureRepo(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "ppx-release-" });
  await Deno.mkdir(`${dir}/lib`);
  await Deno.mkdir(`${dir}/emulator`);
  await Deno.writeTextFile(
    `${dir}/deno.json`,
    '{\n  "name": "@pacx/cli",\n  "version": "0.1.0",\n  "workspace": ["./emulator"]\n}\n',
  );
  await Deno.writeTextFile(
    `${dir}/emulator/deno.json`,
    '{\n  "name": "@pacx/emulator",\n  "version": "0.1.0"\n}\n',
  );
  await Deno.writeTextFile(`${dir}/lib/version.ts`, 'export const VERSION = "0.1.0";\n');
  await Deno.writeTextFile(`${dir}/CHANGELOG.md`, CHANGELOG);
  await git(["init", "-q"], dir);
  await git(["-c", "user.email=t@example.com", "-c", "user.name=t", "add", "."], dir);
  await git(["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "init"], dir);
  await git(["config", "user.email", "t@example.com"], dir);
  await git(["config", "user.name", "t"], dir);
  return dir;
}

Deno.test("release: bumps both packages and the version constant, cuts the changelog, commits and tags", async () => {
  const dir = await fixtureRepo();
  try {
    const files = await release(dir, "0.2.0", { date: "2026-12-04" });
    assertEquals(files.sort(), ["CHANGELOG.md", "deno.json", "emulator/deno.json", "lib/version.ts"]);
    assertEquals(JSON.parse(await Deno.readTextFile(`${dir}/deno.json`)).version, "0.2.0");
    assertEquals(JSON.parse(await Deno.readTextFile(`${dir}/emulator/deno.json`)).version, "0.2.0");
    assertEquals(await Deno.readTextFile(`${dir}/lib/version.ts`), 'export const VERSION = "0.2.0";\n');
    const changelog = await Deno.readTextFile(`${dir}/CHANGELOG.md`);
    assertEquals(changelogSection(changelog, "0.2.0"), "### Added\n\n- pages download");
    assertEquals(changelogSection(changelog, "Unreleased"), "");
    const tags = new TextDecoder().decode(
      (await new Deno.Command("git", { args: ["tag", "-l"], cwd: dir, stdout: "piped" }).output()).stdout,
    );
    assertEquals(tags.trim(), "v0.2.0");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("release: refuses a dirty tree, a version not above the current one, and an empty Unreleased", async () => {
  const dir = await fixtureRepo();
  try {
    await assertRejects(() => release(dir, "0.1.0"), Error, "not above the current version 0.1.0");
    await assertRejects(() => release(dir, "1.2"), Error, "not a semantic version");
    await Deno.writeTextFile(`${dir}/notes.txt`, "wip");
    await assertRejects(() => release(dir, "0.2.0"), Error, "uncommitted changes");
    assertEquals(JSON.parse(await Deno.readTextFile(`${dir}/deno.json`)).version, "0.1.0");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  let message = "";
  try {
    cutChangelog("# Changelog\n\n## [Unreleased]\n\n## [0.1.0] - 2026-01-01\n- x\n", "0.2.0", "2026-12-04");
  } catch (error) {
    message = (error as Error).message;
  }
  assert(message.includes("empty"), message);
  assert(compareVersions("1.0.0-rc.1", "1.0.0") < 0 && compareVersions("0.10.0", "0.9.9") > 0);
});

Deno.test("sbom: every npm package of deno.lock with its purl and SHA-512 hash, in CycloneDX 1.5", async () => {
  const lock = JSON.parse(await Deno.readTextFile(new URL("../../deno.lock", import.meta.url)));
  const sbom = buildSbom(lock, { name: "@pacx/cli", version: "0.1.0" }) as {
    specVersion: string;
    components: { purl: string; hashes?: { content: string }[] }[];
  };
  assertEquals(sbom.specVersion, "1.5");
  const purls = sbom.components.map((c) => c.purl);
  for (const key of Object.keys(lock.npm)) {
    const { name, version } = parseLockKey(key);
    assert(purls.includes(npmPurl(name, version)), `${key} missing from the SBOM`);
  }
  assertEquals(
    npmPurl("@commander-js/extra-typings", "15.1.0"),
    "pkg:npm/%40commander-js/extra-typings@15.1.0",
  );
  assertEquals(parseLockKey("@commander-js/extra-typings@15.1.0_commander@15.1.0").version, "15.1.0");
  for (const c of sbom.components) assert(/^[0-9a-f]{128}$/.test(c.hashes?.[0].content ?? ""), c.purl);
});
