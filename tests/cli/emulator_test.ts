import { assert, assertEquals, assertIncludes } from "../helpers/assert.ts";
import { runPpx, runPpxProcess } from "../helpers/cli.ts";
import { tempDir } from "../helpers/fixtures.ts";
import { startEmulatorProcess } from "../helpers/emulator_process.ts";

function startProcess(args: string[], cwd: string, env: Record<string, string> = {}) {
  return startEmulatorProcess(args, { cwd, env });
}

async function stop(p: Awaited<ReturnType<typeof startProcess>>): Promise<string> {
  p.child.kill("SIGTERM");
  const status = await p.child.status;
  p.reader.releaseLock();
  await p.child.stdout.cancel().catch(() => {});
  const err = await new Response(p.child.stderr).text();
  assertEquals(status.code, 0, err);
  return err;
}

Deno.test("ppx emulator start: ready line, token file, seed data, persistence across runs", async () => {
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  await Deno.writeTextFile(
    `${dir}/seed.json`,
    JSON.stringify({ accounts: [{ name: "Seeded", accountnumber: "S-1" }] }),
  );
  const first = await startProcess([
    "--data",
    "seed.json",
    "--persist",
    "state.json",
    "--token-file",
    "token.txt",
    "--latency",
    "1",
  ], dir);
  assert(first.url, first.out);
  assertIncludes(first.out, "Dataverse Web API");
  assertEquals((await Deno.stat(`${dir}/token.txt`)).mode! & 0o777, 0o600);
  const env = {
    DATAVERSE_HOST: first.url!,
    PPX_ACCESS_TOKEN: (await Deno.readTextFile(`${dir}/token.txt`)).trim(),
  };
  const created = await runPpxProcess([
    "dv",
    "create",
    "contacts",
    "--data",
    '{"firstname":"Kept","lastname":"Person"}',
  ], { env });
  assertEquals(created.code, 0, created.stderr);
  const err = await stop(first);
  assertIncludes(err, "Emulator stopped.");
  const saved = JSON.parse(await Deno.readTextFile(`${dir}/state.json`));
  assertEquals(saved.accounts[0].name, "Seeded");
  assertEquals(saved.contacts[0].firstname, "Kept");

  const second = await startProcess(
    ["--persist", "state.json", "--token-file", "token.txt", "--json"],
    dir,
  );
  const info = JSON.parse(second.out.slice(0, second.out.indexOf("Ready.")));
  assertEquals(info.records, 2);
  await stop(second);
});

Deno.test("ppx emulator start refuses bad schema and data files with a clear message", async () => {
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  await Deno.writeTextFile(`${dir}/schema.json`, JSON.stringify({ tables: [{ logicalName: "x" }] }));
  await Deno.writeTextFile(`${dir}/seed.json`, JSON.stringify({ nothere: [] }));
  const schema = await runPpxProcess(["emulator", "start", "--schema", "schema.json"], { cwd: dir });
  assertEquals(schema.code, 2);
  assertIncludes(
    schema.stderr,
    '--schema: tables[0] (x): "entitySetName" must be a lower-case logical name.',
  );
  const seed = await runPpxProcess(["emulator", "start", "--data", "seed.json"], { cwd: dir });
  assertEquals(seed.code, 2);
  assertIncludes(seed.stderr, "Unknown entity set 'nothere'");
  const rate = await runPpxProcess(["emulator", "start", "--error-rate", "2"], { cwd: dir });
  assertEquals(rate.code, 2);
  assertIncludes(rate.stderr, "--error-rate must be a number from 0 to 1");
});

Deno.test("ppx emulator start hosts Entra, GitHub and Key Vault: the printed sign-in command works for all", async () => {
  const dir = await Deno.makeTempDir();
  const secret = "local-only-secret";
  const p = await startProcess([], dir, { PPX_EMULATOR_CLIENT_SECRET: secret });
  try {
    const signIn = /Sign in +ppx (auth create .*)/.exec(p.out)?.[1];
    assert(signIn && p.url, p.out);
    assertIncludes(p.out, "/login/device");
    const env = {
      PPX_CONFIG_DIR: dir,
      PPX_EMULATOR_CLIENT_SECRET: secret,
      DBUS_SESSION_BUS_ADDRESS: "disabled:",
    };
    const created = await runPpx(signIn.split(" "), { env });
    assertEquals(created.code, 0, created.stderr);
    const me = await runPpx(["dv", "whoami", "--json"], { env });
    assertEquals(me.code, 0, me.stderr);
    assertEquals(JSON.parse(me.stdout).org, p.url);
    // The printed vault takes the same profile's token for https://vault.azure.net.
    const vault = /Key Vault +(http\S+)/.exec(p.out)?.[1];
    assertEquals(vault, `${p.url}/keyvault/ppx`);
    const put = await runPpx(
      [
        "api",
        "PUT",
        `${vault}/secrets/greeting?api-version=7.4`,
        "--audience",
        "keyvault",
        "--data",
        '{"value":"hi"}',
      ],
      { env },
    );
    assertEquals(put.code, 0, put.stderr);
    const got = await runPpx([
      "api",
      "GET",
      `${vault}/secrets/greeting?api-version=7.4`,
      "--audience",
      "keyvault",
    ], {
      env,
    });
    assertEquals([got.code, JSON.parse(got.stdout).value], [0, "hi"], got.stderr);
    const wrong = await runPpx(signIn.split(" "), { env: { ...env, PPX_EMULATOR_CLIENT_SECRET: "nope" } });
    assertEquals(wrong.code, 4);
  } finally {
    await stop(p);
    await Deno.remove(dir, { recursive: true });
  }
});
