// PACX command lines users bring with them: --host everywhere, `ppx login NAME --tenant-id ..`,
// --no-prompt-secret and `solution export --include-dependencies`.
import { startTestEmulator } from "../helpers/emulator.ts";
import { assertEquals, assertIncludes, assertNotIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { tempConfig } from "../helpers/config.ts";
import { dataverseService } from "@pacx/emulator";
import { solutionsService } from "@pacx/emulator";
import { tempDir } from "../helpers/fixtures.ts";

Deno.test("--host works on dv, api and solution; export accepts --include-dependencies", async () => {
  const dv = dataverseService();
  const sol = solutionsService(dv, { exportDurationMs: 0 });
  await using emu = await startTestEmulator({ services: [dv, sol] });
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const token = await emu.tokens.issue({ aud: emu.url, expiresIn: 3600 });
  const env = { PPX_ACCESS_TOKEN: token };
  sol.addSolution({ uniquename: "Contoso", version: "1.0.0.0" });
  for (const argv of [["dv", "whoami"], ["api", "GET", "WhoAmI"], ["solution", "list"]]) {
    const r = await runPpx([...argv, "--host", emu.url], { env, cwd: dir });
    assertEquals(r.code, 0, `${argv.join(" ")}: ${r.stderr}`);
    const long = await runPpx([...argv, "--dataverse-host", emu.url], { env, cwd: dir });
    assertEquals(long.code, 0, `${argv.join(" ")}: ${long.stderr}`);
  }
  const exported = await runPpx(
    ["solution", "export", "--name", "Contoso", "--include-dependencies", "--host", emu.url],
    { env, cwd: dir },
  );
  assertEquals(exported.code, 0, exported.stderr);
  assertIncludes(exported.stderr, "ppx solution deps --name Contoso");
  await Deno.stat(`${dir}/Contoso.zip`);
});

Deno.test("ppx login NAME --tenant-id .. --client-id .. creates an Azure profile, as PACX's alias did", async () => {
  await using cfg = await tempConfig();
  const env = { PPX_CONFIG_DIR: cfg.dir, DBUS_SESSION_BUS_ADDRESS: "disabled:" };
  const r = await runPpx(
    [
      "login",
      "work",
      "--tenant-id",
      "contoso.onmicrosoft.com",
      "--client-id",
      "app-1",
      "--no-login",
      "--json",
    ],
    { env },
  );
  assertEquals(r.code, 0, r.stderr);
  const doc = JSON.parse(await Deno.readTextFile(cfg.file));
  assertEquals([doc.profiles.work.provider, doc.profiles.work.tenant_id, doc.profiles.work.client_id], [
    "azure",
    "contoso.onmicrosoft.com",
    "app-1",
  ]);
  const quiet = await runPpx(
    ["auth", "create", "ci", "--tenant-id", "t", "--client-id", "c", "--no-prompt-secret", "--no-login"],
    { env },
  );
  assertEquals(quiet.code, 0, quiet.stderr);
  assertNotIncludes(quiet.stderr, "unknown option");
});
