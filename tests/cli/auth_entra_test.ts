// `ppx auth create|login|token|status|logout|device|client` for Microsoft Entra profiles, in-process
// against the emulator, with the real config store and (when available) a private Secret Service.
import { EMULATOR_TENANT_ID } from "@pacx/emulator";
import { assert, assertEquals, assertIncludes, assertNoJwt, assertNotIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { tempConfig } from "../helpers/config.ts";
import { createArgs, startEntra } from "../helpers/entra.ts";
import { secretServiceMissing, startSecretService } from "../helpers/secret_service.ts";

const missing = secretServiceMissing();
if (missing) console.warn(`Entra keyring tests: ${missing}`);
const DV = "org.crm.dynamics.com";

Deno.test({
  name: "auth create (device) signs in, keeps tokens in the keyring, and token/status/logout work",
  ignore: missing !== undefined,
  fn: async () => {
    await using fixture = await startEntra({ deviceAutoApproveAfterPolls: 1, deviceInterval: 1 });
    const { emu, entra } = fixture;
    await using cfg = await tempConfig();
    await using service = await startSecretService();
    const env = { ...service.values, PPX_CONFIG_DIR: cfg.dir };
    const created = await runPpx([
      "auth",
      "create",
      "work",
      "--tenant-id",
      EMULATOR_TENANT_ID,
      "--authority",
      emu.url,
      "--flow",
      "device",
      "--environment",
      `https://${DV}`,
      "--json",
    ], { env });
    assertEquals(created.code, 0, created.stderr);
    assertIncludes(created.stderr, `${emu.url}/devicelogin`);
    const out = JSON.parse(created.stdout);
    assertEquals([out.profile, out.account, out.default, out.signedIn], [
      "work",
      "admin@contoso.onmicrosoft.com",
      true,
      true,
    ]);
    const file = await Deno.readTextFile(cfg.file);
    const doc = JSON.parse(file);
    assertEquals(doc.profiles.work.secret_refs.refresh_token, "keyring:ppx:entra-refresh-token:work");
    assertNoJwt(file, "no JWT in the config file");

    const token = await runPpx(["auth", "token", "--audience", "dataverse"], { env });
    assertEquals(token.code, 0, token.stderr);
    assertEquals(
      (await emu.tokens.verify(token.stdout.trim(), `https://${DV}`))?.upn,
      "admin@contoso.onmicrosoft.com",
    );
    const before = entra.stats.token.refresh_token ?? 0;
    const pp = await runPpx(["auth", "token", "work", "--audience", "powerplatform", "--json"], { env });
    assertEquals(pp.code, 0, pp.stderr);
    assert(
      await emu.tokens.verify(JSON.parse(pp.stdout).token, "https://api.powerplatform.com"),
      "PP token",
    );
    assertEquals(entra.stats.token.refresh_token, before + 1, "one refresh for the new audience");
    // The Dataverse token comes from the keyring cache: no token request.
    await runPpx(["auth", "token", "work", "--audience", "dataverse"], { env });
    assertEquals(entra.stats.token.refresh_token, before + 1, "cached token reused across invocations");

    const traced = await runPpx(["auth", "token", "work", "--audience", "graph", "--debug"], { env });
    assertEquals(traced.code, 0, traced.stderr);
    assertIncludes(traced.stderr, "grant_type=refresh_token");
    assertIncludes(traced.stderr, "refresh_token=***");
    assertNotIncludes(traced.stderr, traced.stdout.trim(), "the token is not in the trace");
    assertNotIncludes(traced.stderr, "eyJ", "no JWT in the trace");

    const status = await runPpx(["auth", "status", "--json"], { env });
    assertEquals(status.code, 0, status.stderr);
    const row = JSON.parse(status.stdout).find((r: { profile: string }) => r.profile === "work");
    assertEquals([row.ok, row.account, row.tenant], [
      true,
      "admin@contoso.onmicrosoft.com",
      EMULATOR_TENANT_ID,
    ]);
    assertEquals(row.audiences.length, 3);

    const logout = await runPpx(["auth", "logout", "work"], { env });
    assertEquals(logout.code, 0, logout.stderr);
    const after = await runPpx(["auth", "status"], { env });
    assertEquals(after.code, 4, after.stdout + after.stderr);
    assertIncludes(after.stdout, "ppx auth login work");
    for (const r of [created, token, pp, status]) {
      assertNotIncludes(r.stderr, "eyJ", "no token on stderr");
    }
  },
});

Deno.test("auth create --flow client-credential with --client-secret-env; wrong secret is AADSTS7000215", async () => {
  await using fixture = await startEntra();
  const { emu, entra } = fixture;
  await using cfg = await tempConfig();
  const app = entra.directory.registerApp({ secrets: ["s3cret-value"] });
  const env = {
    PPX_CONFIG_DIR: cfg.dir,
    APP_SECRET: "s3cret-value",
    DBUS_SESSION_BUS_ADDRESS: "disabled:",
  };
  const args = [
    ...createArgs("ci", "client-credential"),
    "--client-id",
    app.clientId,
    "--client-secret-env",
    "APP_SECRET",
    "--authority",
    emu.url,
    "--environment",
    DV,
    "--debug",
  ];
  const r = await runPpx(args, { env });
  assertEquals(r.code, 0, r.stderr);
  assertNotIncludes(r.stdout + r.stderr, "s3cret-value");
  const doc = JSON.parse(await Deno.readTextFile(cfg.file));
  assertEquals(doc.profiles.ci.secret_refs.client_secret, "env:APP_SECRET");
  assertNoJwt(JSON.stringify(doc), "no access token in a plaintext config");

  const traced = await runPpx(["auth", "token", "ci", "--debug"], { env });
  assertEquals(traced.code, 0, traced.stderr);
  assertIncludes(traced.stderr, "client_secret=***");
  assertNotIncludes(traced.stderr, "s3cret-value");
  assertNotIncludes(traced.stderr, traced.stdout.trim());

  const bad = await runPpx(["auth", "token", "ci"], { env: { ...env, APP_SECRET: "wrong" } });
  assertEquals(bad.code, 4, bad.stderr);
  assertIncludes(bad.stderr, "AADSTS7000215");
  assertIncludes(bad.stderr, "Value (not its Secret ID)");

  // A second profile that cannot sign in stays saved for `auth login` but does not become the default.
  const failed = await runPpx([...args.slice(0, 2), "ci2", ...args.slice(3, -1)], {
    env: { ...env, APP_SECRET: "wrong" },
  });
  assertEquals(failed.code, 4, failed.stderr);
  assertIncludes(failed.stderr, "Profile ci2 is saved but not signed in; the default profile is still ci");
  const after = JSON.parse(await Deno.readTextFile(cfg.file));
  assertEquals(after.default, "ci");
  assert(after.profiles.ci2, "kept for a retry with auth login");
});

Deno.test("deprecated auth client forwards to auth create with a one-time notice", async () => {
  await using fixture = await startEntra();
  const { emu, entra } = fixture;
  await using cfg = await tempConfig();
  const app = entra.directory.registerApp({ secrets: ["x-secret"] });
  const env = { PPX_CONFIG_DIR: cfg.dir, X: "x-secret", DBUS_SESSION_BUS_ADDRESS: "disabled:" };
  const args = (n: string) => [
    "auth",
    "client",
    n,
    "--tenant-id",
    EMULATOR_TENANT_ID,
    "--client-id",
    app.clientId,
    "--client-secret-env",
    "X",
    "--authority",
    emu.url,
  ];
  const first = await runPpx(args("a"), { env });
  assertEquals(first.code, 0, first.stderr);
  assertIncludes(first.stderr, "deprecated");
  const second = await runPpx(args("b"), { env });
  assertEquals(second.code, 0, second.stderr);
  assertNotIncludes(second.stderr, "deprecated");
  const doc = JSON.parse(await Deno.readTextFile(cfg.file));
  assertEquals(doc.profiles.b.flow, "client-credential");
});
