// A 401 while PPX_ACCESS_TOKEN is set names the variable, which overrides every profile.
import { assertEquals, assertIncludes, assertNotIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { startOrg } from "../helpers/dataverse.ts";

Deno.test("a rejected PPX_ACCESS_TOKEN says the variable overrides every profile", async () => {
  await using org = await startOrg();
  const r = await runPpx(["dv", "whoami"], {
    env: { DATAVERSE_HOST: org.emu.url, PPX_ACCESS_TOKEN: "not-a-token-the-emulator-issued" },
  });
  assertEquals(r.code, 4, r.stderr);
  assertIncludes(r.stderr, "PPX_ACCESS_TOKEN is set, and it overrides every profile");
  assertNotIncludes(r.stderr, "Sign in again with `ppx auth login`");
});
