// The Quick start: `ppx emulator start` prints, and --token-file writes, everything `auth create` needs.
import { assert, assertEquals, assertIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { startEmulatorProcess } from "../helpers/emulator_process.ts";
import { tempDir } from "../helpers/fixtures.ts";

Deno.test("the emulator's printout and FILE.env are enough to sign in; a missing secret is explained (exit 4)", async () => {
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const env: Record<string, string> = { NO_COLOR: "1" };
  for (const [k, v] of Object.entries(Deno.env.toObject())) {
    if (k !== "PPX_EMULATOR_CLIENT_SECRET") env[k] = v;
  }
  await using emulator = await startEmulatorProcess(["--token-file", "t.txt"], {
    cwd: dir,
    env,
    clearEnv: true,
  });
  const out = emulator.out;
  {
    const signIn = /Sign in +ppx (auth create .*)/.exec(out)?.[1];
    const secret = /export PPX_EMULATOR_CLIENT_SECRET=(\S+)/.exec(out)?.[1];
    assert(signIn && secret, out);
    const file = await Deno.readTextFile(`${dir}/t.txt.env`);
    assertIncludes(file, `export PPX_EMULATOR_CLIENT_SECRET=${secret}\n`);
    assertIncludes(file, signIn);
    assertEquals((await Deno.stat(`${dir}/t.txt.env`)).mode! & 0o777, 0o600);

    const base = { PPX_CONFIG_DIR: dir, DBUS_SESSION_BUS_ADDRESS: "disabled:" };
    const missing = await runPpx(signIn.split(" "), { env: base });
    assertEquals(missing.code, 4, missing.stderr);
    assertIncludes(missing.stderr, "PPX_EMULATOR_CLIENT_SECRET is not set");
    assertIncludes(missing.stderr, "t.txt.env".replace("t.txt", "FILE"));

    const url = /listening on (http:\/\/\S+)/.exec(out)![1];
    const bare = await runPpx(["auth", "create", "x", "--flow", "client-credential", "--authority", url], {
      env: base,
    });
    assertEquals(bare.code, 2, bare.stderr);
    assertIncludes(bare.stderr, "`ppx emulator start` prints the whole sign-in line");

    const created = await runPpx(signIn.split(" "), { env: { ...base, PPX_EMULATOR_CLIENT_SECRET: secret } });
    assertEquals(created.code, 0, created.stderr);
    const me = await runPpx(["dv", "whoami", "--json"], {
      env: { ...base, PPX_EMULATOR_CLIENT_SECRET: secret },
    });
    assertEquals(me.code, 0, me.stderr);
    // A token that needs the secret again, without it: an auth failure, exit 4 (was 1).
    const noSecret = await runPpx(["auth", "token", "emu", "--audience", "graph"], { env: base });
    assertEquals(noSecret.code, 4, noSecret.stderr);
    assertIncludes(noSecret.stderr, "PPX_EMULATOR_CLIENT_SECRET is not set");
  }
});
