import { assert, assertEquals, assertIncludes } from "../helpers/assert.ts";
import { PPX_PERMISSIONS, runPpx, runPpxProcess } from "../helpers/cli.ts";
import { VERSION } from "../../lib/version.ts";

Deno.test("ppx --version prints the version and exits 0", async () => {
  const r = await runPpx(["--version"]);
  assertEquals(r.code, 0);
  assertEquals(r.stdout.trim(), VERSION);
});

Deno.test("ppx version --json prints version, deno, target and commit", async () => {
  const r = await runPpx(["version", "--json"]);
  assertEquals(r.code, 0);
  const data = JSON.parse(r.stdout);
  assertEquals(Object.keys(data).sort(), ["commit", "deno", "target", "typescript", "v8", "version"]);
  assertEquals(data.version, VERSION);
  assertEquals(data.deno, Deno.version.deno);
});

Deno.test("global flags are accepted before the command too", async () => {
  const r = await runPpx(["--json", "version"]);
  assertEquals(JSON.parse(r.stdout).version, VERSION);
});

Deno.test("version prints key/value TSV when piped and an aligned list on a terminal", async () => {
  const piped = await runPpx(["version"]);
  assertIncludes(piped.stdout, `version\t${VERSION}\n`);
  const tty = await runPpx(["version"], { tty: true, env: { NO_COLOR: "1" } });
  assert(/^version +0\.\d+\.\d+/m.test(tty.stdout), tty.stdout);
});

Deno.test("unknown command exits 2 with a suggestion", async () => {
  const r = await runPpx(["verson"]);
  assertEquals(r.code, 2);
  assertIncludes(r.stderr, "unknown command 'verson'");
  assertIncludes(r.stderr, "Did you mean version?");
  assertEquals(r.stdout, "");
});

Deno.test("unknown flag exits 2 with a suggestion", async () => {
  const r = await runPpx(["version", "--jsn"]);
  assertEquals(r.code, 2);
  assertIncludes(r.stderr, "Did you mean --json?");
});

Deno.test("a bad choice for --output is a usage error", async () => {
  const r = await runPpx(["version", "--output", "xml"]);
  assertEquals(r.code, 2);
  assertIncludes(r.stderr, "Allowed choices are table, tsv, json, yaml, csv");
});

Deno.test("--output yaml renders YAML", async () => {
  const r = await runPpx(["version", "-o", "yaml"]);
  assertEquals(r.code, 0);
  assertIncludes(r.stdout, `version: ${VERSION}\n`);
});

Deno.test("ppx help environment lists the variables ppx reads", async () => {
  const r = await runPpx(["help", "environment"]);
  assertEquals(r.code, 0);
  for (
    const name of ["PPX_PROFILE", "PPX_ACCESS_TOKEN", "PACX_DEBUG", "NO_COLOR", "HTTPS_PROXY", "DENO_CERT"]
  ) {
    assertIncludes(r.stdout, name);
  }
});

Deno.test("ppx help exit-codes documents every exit code", async () => {
  const r = await runPpx(["help", "exit-codes"]);
  for (const code of ["0", "1", "2", "3", "4", "5", "6", "130"]) {
    assert(new RegExp(`^  ${code} `, "m").test(r.stdout), code);
  }
});

Deno.test("ppx help version shows the command's help", async () => {
  const r = await runPpx(["help", "version"]);
  assertEquals(r.code, 0);
  assertIncludes(r.stdout, "Usage: ppx version");
});

Deno.test("ppx help with an unknown topic exits 2 naming the topics", async () => {
  const r = await runPpx(["help", "nonsense"]);
  assertEquals(r.code, 2);
  assertIncludes(r.stderr, "environment, exit-codes, output");
});

Deno.test("the CLI runs as a subprocess with only its documented permissions", async () => {
  const r = await runPpxProcess(["version", "--json"], { permissions: PPX_PERMISSIONS });
  assertEquals(r.code, 0, r.stderr);
  assertEquals(JSON.parse(r.stdout).version, VERSION);
});

Deno.test("--help and --version need no permissions at all (no config, keyring or network)", async () => {
  for (const argv of [["--help"], ["--version"]]) {
    const r = await runPpxProcess(argv, { permissions: [] });
    assertEquals(r.code, 0, `${argv}: ${r.stderr}`);
  }
});

Deno.test("the fast root help is the command tree's own help (deno task docs keeps it fresh)", async () => {
  const fast = await runPpx(["--help"], { columns: 80 });
  const full = await runPpx(["--profile", "x", "--help"], { columns: 80 });
  assertEquals(fast.code, 0);
  assertEquals(fast.stdout, full.stdout);
});
