import { assertEquals, assertIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { startOrg } from "../helpers/dataverse.ts";

Deno.test("the Dataverse host comes from flag, then DATAVERSE_HOST, then the profile, then config.json", async () => {
  await using org = await startOrg();
  const dir = org.dir;
  const env = { PPX_ACCESS_TOKEN: org.env.PPX_ACCESS_TOKEN, PPX_CONFIG_DIR: dir };
  const none = await runPpx(["dv", "whoami"], { env });
  assertEquals(none.code, 1);
  assertIncludes(none.stderr, "ppx profile set-host");

  assertEquals((await runPpx(["config", "set", "dataverse_host", org.emu.url], { env })).code, 0);
  const fromFile = await runPpx(["dv", "whoami", "--json"], { env });
  assertEquals(fromFile.code, 0, fromFile.stderr);
  assertEquals(JSON.parse(fromFile.stdout).org, org.emu.url);

  // The environment wins over the file; a wrong host proves the file was not used.
  const fromEnv = await runPpx(["dv", "whoami"], { env: { ...env, DATAVERSE_HOST: "http://127.0.0.1:9" } });
  assertEquals(fromEnv.code, 1);
  assertIncludes(fromEnv.stderr, "127.0.0.1:9");
});
