/**
 * A new user's path against `ppx emulator start --persist`: make a publisher and a solution with
 * `ppx dv create`, export it (the names given are in its manifest), stop the emulator, start it again:
 * the solution and the publisher are still there.
 */

import { join } from "node:path";
import { assert, assertEquals, assertIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { startPersistingEmulator } from "../helpers/emulator_process.ts";
import { zipEntries } from "../lib/solutions/fixtures.ts";
import { tempDir } from "../helpers/fixtures.ts";

async function startEmulatorProcess(dir: string) {
  const { child, reader, url } = await startPersistingEmulator(dir);
  const env = {
    DATAVERSE_HOST: url,
    PPX_ACCESS_TOKEN: (await Deno.readTextFile(join(dir, "token.txt"))).trim(),
  };
  const run = (argv: string[]) => runPpx(argv, { env, cwd: dir });
  const stop = async () => {
    child.kill("SIGTERM");
    const status = await child.status;
    reader.releaseLock();
    await child.stdout.cancel().catch(() => {});
    const err = await new Response(child.stderr).text();
    assertEquals(status.code, 0, err);
  };
  return { run, stop };
}

Deno.test("emulator: dv create publishers/solutions, export with their names, kept by --persist", async () => {
  await using dirTemp = await tempDir("ppx-emu-sol-");
  const dir = dirTemp.path;
  const first = await startEmulatorProcess(dir);
  const pub = await first.run([
    "dv",
    "create",
    "publishers",
    "--data",
    JSON.stringify({
      uniquename: "contoso",
      friendlyname: "Contoso Ltd",
      customizationprefix: "cto",
      customizationoptionvalueprefix: 72700,
    }),
    "--json",
  ]);
  assertEquals(pub.code, 0, pub.stderr);
  const publisherId = JSON.parse(pub.stdout).id;
  assert(/^[0-9a-f-]{36}$/.test(publisherId), pub.stdout);

  const sol = await first.run([
    "dv",
    "create",
    "solutions",
    "--data",
    JSON.stringify({
      uniquename: "ContosoCore",
      friendlyname: "Contoso Core",
      version: "1.0.0.0",
      "publisherid@odata.bind": `/publishers(${publisherId})`,
    }),
    "--json",
  ]);
  assertEquals(sol.code, 0, sol.stderr);

  // Bad input gets Dataverse's answer, not a 404.
  const noPublisher = await first.run([
    "dv",
    "create",
    "solutions",
    "--data",
    JSON.stringify({ uniquename: "Orphan", friendlyname: "Orphan", version: "1.0.0.0" }),
  ]);
  assertEquals(noPublisher.code === 0, false);
  assertIncludes(noPublisher.stderr, "publisherid@odata.bind");
  const badPrefix = await first.run([
    "dv",
    "create",
    "publishers",
    "--data",
    JSON.stringify({ uniquename: "x", friendlyname: "X", customizationprefix: "mscrmx" }),
  ]);
  assertIncludes(badPrefix.stderr, "customization prefix");

  const exported = await first.run(["solution", "export", "--name", "ContosoCore", "--out", "core.zip"]);
  assertEquals(exported.code, 0, exported.stderr);
  const manifest = new TextDecoder().decode((await zipEntries(join(dir, "core.zip"))).get("solution.xml"));
  assertIncludes(manifest, '<LocalizedName description="Contoso Core" languagecode="1033" />');
  assertIncludes(manifest, '<LocalizedName description="Contoso Ltd" languagecode="1033" />');
  assertIncludes(manifest, "<CustomizationPrefix>cto</CustomizationPrefix>");
  assertIncludes(manifest, "<CustomizationOptionValuePrefix>72700</CustomizationOptionValuePrefix>");
  await first.stop();

  const second = await startEmulatorProcess(dir);
  try {
    const listed = await second.run(["dv", "list", "solutions", "--json"]);
    assertEquals(listed.code, 0, listed.stderr);
    const found = JSON.parse(listed.stdout).find((s: { uniquename: string }) =>
      s.uniquename === "ContosoCore"
    );
    assertEquals(found?.friendlyname, "Contoso Core", listed.stdout);
    const pubs = await second.run(["dv", "list", "publishers", "--json"]);
    assertIncludes(pubs.stdout, "Contoso Ltd");
    const again = await second.run(["solution", "export", "--name", "ContosoCore", "--out", "again.zip"]);
    assertEquals(again.code, 0, again.stderr);
  } finally {
    await second.stop();
  }
});
