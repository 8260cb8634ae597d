import { PACX_GROUPS } from "../../cli/suggest.ts";
import { findGroup } from "../../cli/commands/registry.ts";
import { assert, assertEquals, assertIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { VERSION } from "../../lib/version.ts";
import { similarCommands } from "../../cli/suggest.ts";

Deno.test("a leading -- (deno task ppx -- ARGS) is accepted", async () => {
  const version = await runPpx(["--", "--version"]);
  assertEquals(version.code, 0, version.stderr);
  assertEquals(version.stdout.trim(), VERSION);
  // Before: the group was never loaded, so this printed nothing and exited 0.
  const list = await runPpx(["--", "dv", "list", "accounts"], { env: { HOME: "/nonexistent-ppx-home" } });
  assert(list.code !== 0, "a real command must run, not succeed silently");
  assertIncludes(list.stderr, "No Dataverse host is set");
});

Deno.test("a suggestion is never a mangled flag", async () => {
  const r = await runPpx(["dv", "--", "--version"]);
  assertEquals(r.code, 2);
  assert(!r.stderr.includes("--rsion"), r.stderr);
  assert(!/Did you mean --\w/.test(r.stderr), r.stderr);
});

Deno.test("did you mean never offers a destructive command", async () => {
  assertEquals(similarCommands("selete", ["delete", "select"]), ["select"]);
  assertEquals(similarCommands("delet", ["delete"]), []);
  const r = await runPpx(["auth", "selct"]);
  assertEquals(r.code, 2);
  assertIncludes(r.stderr, "Did you mean select?");
  assert(!r.stderr.includes("delete"), r.stderr);
});

Deno.test("pac's auth select, who and clear are accepted", async () => {
  for (const verb of ["select", "who", "clear"]) {
    const r = await runPpx(["auth", verb, "--help"]);
    assertEquals(r.code, 0, `${verb}: ${r.stderr}`);
  }
});

Deno.test("a PACX group ppx lacks points at ppx api", async () => {
  // Only the groups still missing: the pointer disappears by itself as each group lands.
  const missing = [...PACX_GROUPS].filter((g) => !findGroup(g));
  for (const group of missing) {
    const r = await runPpx([group, "list"]);
    assertEquals(r.code, 2);
    assertIncludes(r.stderr, `ppx has no '${group}' command group`);
    assertIncludes(r.stderr, "ppx api");
  }
  const typo = await runPpx(["solutoin"]);
  assertIncludes(typo.stderr, "Did you mean solution?");
});
