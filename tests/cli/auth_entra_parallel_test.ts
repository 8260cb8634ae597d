// Parallel ppx processes on one machine: different profiles never interfere, and several invocations
// refreshing the same profile (with a refresh token that rotates and is single-use) all succeed.
import { assert, assertEquals, assertNoJwt } from "../helpers/assert.ts";
import { runPpx, runPpxProcess } from "../helpers/cli.ts";
import { tempConfig } from "../helpers/config.ts";
import { createArgs, startEntra } from "../helpers/entra.ts";

const DV = "https://org.crm.dynamics.com";

Deno.test("two profiles in parallel processes, and four processes refreshing one profile", async () => {
  await using fixture = await startEntra({
    strictRefreshRotation: true,
    deviceAutoApproveAfterPolls: 0,
    deviceInterval: 1,
  });
  const { emu, entra } = fixture;
  await using cfg = await tempConfig();
  const a = entra.directory.registerApp({ secrets: ["secret-a"] });
  const b = entra.directory.registerApp({ secrets: ["secret-b"] });
  // No keyring in these processes: tokens go to the config file, encrypted with this key.
  const env = {
    PPX_CONFIG_DIR: cfg.dir,
    PPX_CONFIG_ENCRYPTION_KEY: "correct horse battery staple",
    SECRET_A: "secret-a",
    SECRET_B: "secret-b",
    DBUS_SESSION_BUS_ADDRESS: "disabled:",
  };
  for (const [name, app, variable] of [["pa", a, "SECRET_A"], ["pb", b, "SECRET_B"]] as const) {
    const r = await runPpx([
      ...createArgs(name, "client-credential"),
      "--client-id",
      app.clientId,
      "--client-secret-env",
      variable,
      "--authority",
      emu.url,
      "--no-login",
    ], { env });
    assertEquals(r.code, 0, r.stderr);
  }
  const user = await runPpx([
    ...createArgs("me", "device"),
    "--authority",
    emu.url,
    "--environment",
    DV,
  ], { env });
  assertEquals(user.code, 0, user.stderr);

  const [pa, pb] = await Promise.all(
    ["pa", "pb"].map((p) =>
      runPpxProcess(["--profile", p, "auth", "token", "--audience", DV, "--json"], { env })
    ),
  );
  assertEquals([pa.code, pb.code], [0, 0], pa.stderr + pb.stderr);
  assertEquals((await emu.tokens.verify(JSON.parse(pa.stdout).token, DV))?.appid, a.clientId);
  assertEquals((await emu.tokens.verify(JSON.parse(pb.stdout).token, DV))?.appid, b.clientId);

  const refreshesBefore = entra.stats.token.refresh_token ?? 0;
  const runs = await Promise.all(
    [1, 2, 3, 4].map(() =>
      runPpxProcess(["auth", "token", "me", "--audience", "powerplatform", "--json"], { env })
    ),
  );
  for (const r of runs) assertEquals(r.code, 0, r.stderr);
  const tokens = new Set(runs.map((r) => JSON.parse(r.stdout).token));
  assertEquals(tokens.size, 1, "one refresh, shared through the locked store");
  assertEquals(entra.stats.token.refresh_token, refreshesBefore + 1);
  assert(await emu.tokens.verify([...tokens][0], "https://api.powerplatform.com"), "valid PP token");
  const file = await Deno.readTextFile(cfg.file);
  assertNoJwt(file, "tokens are encrypted at rest");
});
