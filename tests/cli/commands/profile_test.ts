import { assert, assertEquals, assertIncludes, assertNotIncludes } from "../../helpers/assert.ts";
import { installFixture, legacyExpected, tempConfig } from "../../helpers/config.ts";
import { runPpx, runPpxProcess } from "../../helpers/cli.ts";
import { secretServiceMissing, startSecretService } from "../../helpers/secret_service.ts";
import { secretServiceKeyring } from "../../../lib/auth/keyring/linux.ts";
import { denoRunner } from "../../../lib/auth/keyring/runner.ts";
import { envFrom } from "../../../lib/env.ts";

/** No keyring helper on PATH: the CLI never reaches a real keyring unless a test gives it one. */
const noKeyring = secretServiceKeyring(denoRunner(envFrom({ PATH: "/nonexistent" })));

Deno.test("profile list and show on a Python PACX file; show never prints a secret, only where it lives", async (t) => {
  await using cfg = await tempConfig();
  await installFixture("legacy_plain.json", cfg.dir);
  const env = { PPX_CONFIG_DIR: cfg.dir };
  await t.step("list: the default profile is starred, TSV when piped", async () => {
    const list = await runPpx(["profile", "list"], { env, keyring: noKeyring });
    assertEquals(list.code, 0);
    assertEquals(list.stdout.split("\n")[1].split("\t").slice(0, 4), [
      "",
      "ci",
      "azure",
      "client-credential",
    ]);
    assert(list.stdout.split("\n").some((l) => l.startsWith("*\tdev\tazure\tdevice")), list.stdout);
  });
  await t.step("list --json", async () => {
    const json = JSON.parse(
      (await runPpx(["profile", "list", "--json"], { env, keyring: noKeyring })).stdout,
    );
    assertEquals(json.map((p: { name: string }) => p.name), ["ci", "dev", "kr"]);
  });
  await t.step("show: where each secret lives, never its value", async () => {
    const expected = await legacyExpected();
    const show = await runPpx(["profile", "show", "dev"], { env, keyring: noKeyring });
    assertEquals(show.code, 0, show.stderr);
    assertNotIncludes(show.stdout, expected.access_token);
    assertNotIncludes(show.stdout, expected.refresh_token);
    assertIncludes(show.stdout, "access_token\tconfig file (profiles.dev.access_token), plaintext");
    const kr = JSON.parse(
      (await runPpx(["profile", "show", "kr", "--json"], { env, keyring: noKeyring })).stdout,
    );
    assertEquals(kr.secrets, [{
      purpose: "refresh_token",
      storage: "keyring",
      where: "OS keyring, service pacx, account refresh-token:kr",
    }]);
    const ci = JSON.parse(
      (await runPpx(["profile", "show", "ci", "--json"], {
        env: { ...env, PACX_CLIENT_SECRET: "cs-value" },
        keyring: noKeyring,
      })).stdout,
    );
    assertEquals(ci.secrets[0].where, "environment variable PACX_CLIENT_SECRET (set)");
    assertNotIncludes(JSON.stringify(ci), "cs-value");
  });
});

Deno.test("profile show on an encrypted legacy file works without the key and names the encryption", async () => {
  await using cfg = await tempConfig();
  await installFixture("legacy_fernet_raw.json", cfg.dir);
  const show = await runPpx(["profile", "show", "--json"], {
    env: { PPX_CONFIG_DIR: cfg.dir },
    keyring: noKeyring,
  });
  assertEquals(show.code, 0, show.stderr);
  const secrets = JSON.parse(show.stdout).secrets;
  assertEquals(secrets.map((s: { where: string }) => s.where), [
    "config file (profiles.dev.access_token), encrypted (legacy Fernet)",
    "config file (profiles.dev.refresh_token), encrypted (legacy Fernet)",
  ]);
});

Deno.test("profile use / rename / set-env / set-host change the file; unknown names exit 5", async () => {
  await using cfg = await tempConfig();
  await installFixture("legacy_plain.json", cfg.dir);
  const env = { PPX_CONFIG_DIR: cfg.dir };
  assertEquals((await runPpx(["profile", "use", "ci"], { env })).code, 0);
  const missing = await runPpx(["profile", "use", "nope"], { env });
  assertEquals(missing.code, 5);
  assertIncludes(missing.stderr, "Profile 'nope' not found.");
  assertIncludes(missing.stderr, "Profiles: ci, dev, kr.");

  assertEquals((await runPpx(["profile", "rename", "ci", "build"], { env, keyring: noKeyring })).code, 0);
  const clash = await runPpx(["profile", "rename", "dev", "build"], { env, keyring: noKeyring });
  assertEquals(clash.code, 2);

  assertEquals((await runPpx(["profile", "set-host", "https://Org2.crm4.dynamics.com/"], { env })).code, 0);
  assertEquals((await runPpx(["profile", "set-host", "dev.crm.dynamics.com", "dev"], { env })).code, 0);
  assertEquals((await runPpx(["profile", "set-env", "Default-1234"], { env })).code, 0);
  assertEquals((await runPpx(["profile", "set-host", "not a host"], { env })).code, 2);

  const raw = JSON.parse(await Deno.readTextFile(cfg.file));
  assertEquals(raw.default, "build");
  assertEquals(Object.keys(raw.profiles).sort(), ["build", "dev", "kr"]);
  assertEquals(raw.profiles.build.name, "build");
  assertEquals(raw.dataverse_host, "org2.crm4.dynamics.com");
  assertEquals(raw.profiles.dev.dataverse_host, "dev.crm.dynamics.com");
  assertEquals(raw.environment_id, "Default-1234");
});

Deno.test("profile delete asks first: without a terminal it needs --yes", async () => {
  await using cfg = await tempConfig();
  await installFixture("legacy_plain.json", cfg.dir);
  const env = { PPX_CONFIG_DIR: cfg.dir };
  const refused = await runPpx(["profile", "delete", "dev"], { env, keyring: noKeyring });
  assertEquals(refused.code, 2);
  assertIncludes(refused.stderr, "--yes");
  assert(JSON.parse(await Deno.readTextFile(cfg.file)).profiles.dev, "nothing deleted");
  const done = await runPpx(["profile", "delete", "dev", "--yes"], { env, keyring: noKeyring });
  assertEquals(done.code, 0, done.stderr);
  const raw = JSON.parse(await Deno.readTextFile(cfg.file));
  assertEquals([raw.profiles.dev, raw.default], [undefined, null]);
});

Deno.test({
  name: "profile delete removes the profile's own keyring entry from a real Secret Service",
  ignore: secretServiceMissing() !== undefined,
  fn: async () => {
    await using service = await startSecretService();
    await using cfg = await tempConfig();
    const keyring = secretServiceKeyring(denoRunner(service.env));
    await keyring.set("ppx", "refresh-token:work", "rt-work");
    await keyring.set("mine", "untouched", "user-secret");
    await cfg.store().update((d) => {
      d.profiles.work = {
        name: "work",
        provider: "azure",
        secret_refs: {
          refresh_token: "keyring:ppx:refresh-token:work",
          client_secret: "keyring:mine:untouched",
        },
      };
    });
    const show = await runPpx(["profile", "show", "work"], { env: { PPX_CONFIG_DIR: cfg.dir }, keyring });
    assertIncludes(show.stdout, "OS keyring, service ppx, account refresh-token:work");
    assertNotIncludes(show.stdout, "rt-work");
    const result = await runPpx(["profile", "delete", "work", "--yes"], {
      env: { PPX_CONFIG_DIR: cfg.dir },
      keyring,
    });
    assertEquals(result.code, 0, result.stderr);
    assertEquals(await keyring.get("ppx", "refresh-token:work"), undefined);
    assertEquals(await keyring.get("mine", "untouched"), "user-secret");

    // The real binary, with its documented permissions, finds the session bus through its environment.
    await keyring.set("ppx", "refresh-token:ci", "rt-ci");
    await cfg.store().update((d) => {
      d.profiles.ci = {
        name: "ci",
        provider: "azure",
        secret_refs: { refresh_token: "keyring:ppx:refresh-token:ci" },
      };
    });
    const child = await runPpxProcess(["profile", "delete", "ci", "--yes"], {
      // Not HOME: the child deno finds its module cache there.
      env: {
        DBUS_SESSION_BUS_ADDRESS: service.values.DBUS_SESSION_BUS_ADDRESS,
        XDG_RUNTIME_DIR: service.values.XDG_RUNTIME_DIR,
        PPX_CONFIG_DIR: cfg.dir,
      },
    });
    assertEquals(child.code, 0, child.stderr);
    assertEquals(await keyring.get("ppx", "refresh-token:ci"), undefined);
  },
});
