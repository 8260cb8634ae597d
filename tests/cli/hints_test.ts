// Hints name what exists: the entity set for a logical name or a typo, a solution (not a table), and the
// variables `ppx help environment` lists.
import { startTestEmulator } from "../helpers/emulator.ts";
import { assertEquals, assertIncludes, assertNotIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { dataverseService } from "@pacx/emulator";
import { solutionsService } from "@pacx/emulator";
import { closestMatches } from "../../lib/text/edit_distance.ts";

Deno.test("dv list with a typo or a logical name suggests the entity set; a missing solution is a solution", async () => {
  const dv = dataverseService();
  const sol = solutionsService(dv, { exportDurationMs: 0 });
  await using emu = await startTestEmulator({ services: [dv, sol] });
  const token = await emu.tokens.issue({ aud: emu.url, expiresIn: 3600 });
  const env = { PPX_ACCESS_TOKEN: token, DATAVERSE_HOST: emu.url };
  const typo = await runPpx(["dv", "list", "acounts"], { env });
  assertEquals(typo.code, 5);
  assertIncludes(typo.stderr, "Did you mean the entity set 'accounts'");
  const logical = await runPpx(["dv", "list", "account"], { env });
  assertIncludes(logical.stderr, "'account' is the table's logical name");
  assertIncludes(logical.stderr, "ppx dv list accounts");
  const far = await runPpx(["dv", "list", "zzzzzzzz"], { env });
  assertEquals(far.code, 5);
  assertNotIncludes(far.stderr, "Did you mean");

  const missing = await runPpx(["solution", "export", "--name", "Nope"], {
    env,
    cwd: await Deno.makeTempDir(),
  });
  assertEquals(missing.code, 5);
  assertIncludes(missing.stderr, "ppx solution list");
  assertNotIncludes(missing.stderr, "table");
});

Deno.test("closestMatches: near names only", () => {
  assertEquals(closestMatches("acounts", ["accounts", "contacts"]), ["accounts"]);
  assertEquals(closestMatches("xyz", ["accounts"]), []);
});

Deno.test("ppx help environment names no flag that does not exist", async () => {
  const r = await runPpx(["help", "environment"], { columns: 300 });
  assertNotIncludes(r.stdout, "--environment-id");
  assertIncludes(r.stdout, "PPX_ENVIRONMENT_ID");
  assertIncludes(r.stdout, "ppx profile set-env");
});
