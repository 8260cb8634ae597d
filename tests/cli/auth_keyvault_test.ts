import { startTestEmulator } from "../helpers/emulator.ts";
// A secret spec pointing at Key Vault, end to end: a certificate profile whose PEM password lives in the
// emulated vault, read with a vault token the default profile gets from the emulated Entra.
import { entraService } from "@pacx/emulator";
import { keyVaultService } from "@pacx/emulator";
import { EMULATOR_TENANT_ID } from "@pacx/emulator";
import { assertEquals, assertIncludes, assertNotIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { tempConfig } from "../helpers/config.ts";
import { haveOpenssl, makeCertificate } from "../helpers/entra.ts";

const DV = "https://org.crm.dynamics.com";

/**
 * The emulated Entra and Key Vault, a temporary config, and a `reader` app whose secret is in READER_SECRET.
 * `pointAtVault` stores a secret in vault `ppx` and points a profile's secret_refs entry at it.
 */
async function vaultSetup() {
  const entra = await entraService();
  const kv = keyVaultService();
  const emu = await startTestEmulator({ services: [entra, kv] });
  const cfg = await tempConfig();
  const reader = entra.directory.registerApp({ secrets: ["reader-secret"] });
  const env = {
    PPX_CONFIG_DIR: cfg.dir,
    READER_SECRET: "reader-secret",
    DBUS_SESSION_BUS_ADDRESS: "disabled:",
  };
  const common = ["--tenant-id", EMULATOR_TENANT_ID, "--authority", emu.url, "--insecure-storage"];
  const pointAtVault = async (profile: string, ref: string, name: string, value: string) => {
    const doc = JSON.parse(await Deno.readTextFile(cfg.file));
    doc.profiles[profile].secret_refs[ref] = `keyvault:${kv.vaultUrl("ppx")}:${name}`;
    await Deno.writeTextFile(cfg.file, JSON.stringify(doc, null, 2));
    kv.setSecret("ppx", name, value);
  };
  const close = async () => {
    await cfg.cleanup();
    await emu.close();
  };
  return { entra, kv, emu, reader, env, common, pointAtVault, close, [Symbol.asyncDispose]: close };
}

Deno.test({
  name: "auth token: a certificate password kept in Key Vault is read from the vault with the chain's token",
  ignore: !(await haveOpenssl()),
  async fn() {
    await using cert = await makeCertificate();
    await using fixture = await vaultSetup();
    const { entra, kv, emu, reader, env, common, pointAtVault } = fixture;
    const signer = entra.directory.registerApp();
    await entra.directory.addCertificate(signer.clientId, cert.certPem);
    const created = await runPpx([
      "auth",
      "create",
      "reader",
      "--flow",
      "client-credential",
      "--client-id",
      reader.clientId,
      "--client-secret-env",
      "READER_SECRET",
      ...common,
    ], { env });
    assertEquals(created.code, 0, created.stderr);
    const made = await runPpx([
      "auth",
      "create",
      "signer",
      "--flow",
      "certificate",
      "--client-id",
      signer.clientId,
      "--certificate",
      cert.encryptedPath,
      "--certificate-password-env",
      "PEM_PASS",
      "--no-set-default",
      ...common,
    ], { env: { ...env, PEM_PASS: "pem-pass" } });
    assertEquals(made.code, 0, made.stderr);

    // Point the profile's password at the vault (`secret_refs` takes any secret spec).
    await pointAtVault("signer", "certificate_password", "signer-pem-password", "pem-pass");

    const shown = await runPpx(["profile", "show", "signer", "--json"], { env });
    assertEquals(shown.code, 0, shown.stderr);
    assertIncludes(shown.stdout, `Azure Key Vault ${kv.vaultUrl("ppx")}, secret signer-pem-password`);

    const before = entra.stats.token.client_credentials ?? 0;
    const token = await runPpx(["auth", "token", "signer", "--audience", DV], { env });
    assertEquals(token.code, 0, token.stderr);
    assertEquals((await emu.tokens.verify(token.stdout.trim(), DV))?.appid, signer.clientId);
    assertEquals(
      entra.stats.token.client_credentials,
      before + 2,
      "one vault token (reader), one for the signer",
    );
    assertNotIncludes(token.stdout + token.stderr, "pem-pass");

    // The vault's value is what counts: a wrong one there fails the sign-in, no value at all says so.
    kv.setSecret("ppx", "signer-pem-password", "not-the-password");
    const wrong = await runPpx(["auth", "token", "signer", "--audience", "powerplatform"], { env });
    assertEquals(wrong.code === 0, false, wrong.stdout);
    assertIncludes(wrong.stderr.toLowerCase(), "password");
    kv.vault("ppx").purge("signer-pem-password");
    const gone = await runPpx(["auth", "token", "signer", "--audience", "graph"], { env });
    assertEquals(gone.code === 0, false, gone.stdout);
    assertIncludes(gone.stderr, `Key Vault ${kv.vaultUrl("ppx")} has no secret signer-pem-password`);
  },
});

/** Fails instead of hanging when a run waits on itself. */
async function within<T>(ms: number, run: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms (a wait on itself?)`)), ms);
  });
  try {
    return await Promise.race([run, late]);
  } finally {
    clearTimeout(timer);
  }
}

Deno.test("auth: a client secret kept in Key Vault is read with another identity; its own token is a clear error", async () => {
  await using fixture = await vaultSetup();
  const { entra, emu, reader, env, common, pointAtVault } = fixture;
  const ci = entra.directory.registerApp({ secrets: ["ci-secret"] });
  const create = (name: string, clientId: string, variable: string, extra: string[] = []) =>
    runPpx([
      "auth",
      "create",
      name,
      "--flow",
      "client-credential",
      "--client-id",
      clientId,
      "--client-secret-env",
      variable,
      ...common,
      ...extra,
    ], { env: { ...env, CI_SECRET: "ci-secret" } });
  assertEquals((await create("reader", reader.clientId, "READER_SECRET")).code, 0);
  assertEquals((await create("ci", ci.clientId, "CI_SECRET", ["--no-set-default"])).code, 0);
  await pointAtVault("ci", "client_secret", "ci-secret", "ci-secret");

  // --profile ci makes ci the identity of the whole run, the vault read included: that is a cycle.
  const cycle = await within(
    20_000,
    runPpx(["--profile", "ci", "auth", "token", "--audience", DV], { env }),
  );
  assertEquals(cycle.code === 0, false, cycle.stdout);
  assertIncludes(cycle.stderr, "Profile 'ci' needs its own token to read its secret from Key Vault");
  assertIncludes(cycle.stderr, "PPX_KEYVAULT_PROFILE");

  // PPX_KEYVAULT_PROFILE names the identity that reads the vault.
  const named = await within(
    20_000,
    runPpx(["--profile", "ci", "auth", "token", "--audience", DV], {
      env: { ...env, PPX_KEYVAULT_PROFILE: "reader" },
    }),
  );
  assertEquals(named.code, 0, named.stderr);
  assertEquals((await emu.tokens.verify(named.stdout.trim(), DV))?.appid, ci.clientId);

  // So do the AZURE_* variables, as DefaultAzureCredential would use them.
  const ambient = await within(
    20_000,
    runPpx(["--profile", "ci", "auth", "token", "--audience", "powerplatform"], {
      env: {
        ...env,
        AZURE_TENANT_ID: EMULATOR_TENANT_ID,
        AZURE_CLIENT_ID: reader.clientId,
        AZURE_CLIENT_SECRET: "reader-secret",
        AZURE_AUTHORITY_HOST: emu.url,
      },
    }),
  );
  assertEquals(ambient.code, 0, ambient.stderr);
  assertNotIncludes(ambient.stdout + ambient.stderr, "ci-secret");
});
