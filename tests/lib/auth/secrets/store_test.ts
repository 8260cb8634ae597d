import { startTestEmulator } from "../../../helpers/emulator.ts";
import {
  assert,
  assertEquals,
  assertIncludes,
  assertNotIncludes,
  assertRejects,
} from "../../../helpers/assert.ts";
import { tempConfig } from "../../../helpers/config.ts";
import { secretServiceMissing, startSecretService } from "../../../helpers/secret_service.ts";
import { SecretStore } from "../../../../lib/auth/secrets/store.ts";
import { storeToken } from "../../../../lib/auth/secrets/policy.ts";
import { keyVaultRef, parseSecretSpec } from "../../../../lib/auth/secrets/spec.ts";
import { secretServiceKeyring } from "../../../../lib/auth/keyring/linux.ts";
import { denoRunner } from "../../../../lib/auth/keyring/runner.ts";
import type { Keyring } from "../../../../lib/auth/keyring/keyring.ts";
import { HttpClient } from "../../../../lib/http/client.ts";
import { ApiError, ConfigError, UsageError } from "../../../../lib/errors.ts";
import type { RunningEmulator } from "@pacx/emulator";
import { type KeyVaultEmulator, keyVaultService } from "@pacx/emulator";
import { envFrom } from "../../../../lib/env.ts";

const missing = secretServiceMissing();
/** A keyring whose helper is absent: the real "not installed" path. */
const noKeyring = (): Keyring => secretServiceKeyring(denoRunner(envFrom({ PATH: "/nonexistent" })));

Deno.test("specs: keyring splits on the first colon, keyvault on the last; bad specs name the forms", () => {
  assertEquals(parseSecretSpec("keyring:pacx:refresh-token:work"), {
    backend: "keyring",
    ref: "pacx:refresh-token:work",
  });
  assertEquals(parseSecretSpec("KEYVAULT:https://kv.vault.azure.net:sp-secret").backend, "keyvault");
  // The emulator's vaults share one loopback origin, so their URLs carry a path.
  assertEquals(
    keyVaultRef(parseSecretSpec("keyvault:http://127.0.0.1:8750/keyvault/ppx:sp-secret").ref),
    { vaultUrl: "http://127.0.0.1:8750/keyvault/ppx", name: "sp-secret" },
  );
  for (
    const bad of [
      "nope",
      "vault:x",
      "keyring:nocolon",
      "env:1BAD",
      "keyvault:https://kv.vault.azure.net",
      "keyvault:https://kv.vault.azure.net/some/path:x",
    ]
  ) {
    let error: unknown;
    try {
      parseSecretSpec(bad);
    } catch (e) {
      error = e;
    }
    assert(error instanceof UsageError, `${bad} is rejected`);
  }
});

Deno.test("env and config backends; config secrets are encrypted at rest when a key is set", async () => {
  await using t = await tempConfig();
  const config = t.store({ PACX_CONFIG_ENCRYPTION_KEY: "pass" });
  const secrets = new SecretStore({ env: envFrom({ MY_SECRET: "from-env" }), keyring: noKeyring, config });
  assertEquals(await secrets.getSecret("env:MY_SECRET"), "from-env");
  assertEquals(await secrets.getSecret("env:UNSET_VAR"), undefined);
  await assertRejects(() => secrets.setSecret("env:MY_SECRET", "x"), UsageError);
  await secrets.setSecret("config:api-key", "value-123");
  assertNotIncludes(await Deno.readTextFile(t.file), "value-123");
  assertEquals(await secrets.getSecret("config:api-key"), "value-123");
  assertEquals(await secrets.deleteSecret("config:api-key"), true);
  assertEquals(await secrets.deleteSecret("config:api-key"), false);
  assertEquals(await secrets.getSecret("config:api-key"), undefined);
});

/** The emulator with its Key Vault, and a SecretStore whose vault client sends `token()` as bearer. */
async function withVault(
  fn: (t: {
    emu: RunningEmulator;
    kv: KeyVaultEmulator;
    secrets: SecretStore;
    vault: string;
    audiences: string[];
  }) => Promise<void>,
  token: (emu: RunningEmulator, forceRefresh: boolean) => Promise<string> = (emu) =>
    emu.tokens.issue({ aud: "https://vault.azure.net" }),
) {
  const kv = keyVaultService();
  await using emu = await startTestEmulator({ services: [kv] });
  await using t = await tempConfig();
  const audiences: string[] = [];
  const secrets = new SecretStore({
    env: envFrom({}),
    keyring: noKeyring,
    config: t.store(),
    keyVaultHttp: (vaultUrl, audience) => {
      audiences.push(audience);
      return new HttpClient({
        baseUrl: vaultUrl,
        token: { getToken: (o = {}) => token(emu, o.forceRefresh === true) },
      });
    },
  });
  await fn({ emu, kv, secrets, vault: kv.vaultUrl("kv1"), audiences });
}

Deno.test("keyvault: set, get, delete and not-found against the emulated vault", async () => {
  await withVault(async ({ kv, secrets, vault, audiences }) => {
    const spec = `keyvault:${vault}:sp-secret`;
    assertEquals(await secrets.getSecret(spec), undefined);
    await secrets.setSecret(spec, "first-value");
    await secrets.setSecret(spec, "kv-value");
    assertEquals(kv.secretValue("kv1", "sp-secret"), "kv-value");
    assertEquals(kv.vault("kv1").live("sp-secret", Date.now() / 1000)?.versions.length, 2);
    assertEquals(await secrets.getSecret(spec), "kv-value");
    assertEquals(await secrets.getSecret(`keyvault:${kv.vaultUrl("other")}:sp-secret`), undefined);
    assertEquals(audiences[0], "https://vault.azure.net");

    assertEquals(await secrets.deleteSecret(spec), true);
    assertEquals(await secrets.getSecret(spec), undefined);
    assertEquals(kv.secretValue("kv1", "sp-secret"), undefined);
    assertEquals(await secrets.deleteSecret(spec), false);
    // Soft delete keeps the name taken, as in Key Vault: a new value is refused until it is purged.
    const conflict = await assertRejects(() => secrets.setSecret(spec, "again"), ApiError);
    assertEquals([conflict.status, conflict.serviceCode], [409, "Conflict"]);
  });
});

Deno.test("keyvault: a token for another audience gets the vault's 401 with its reason", async () => {
  await withVault(
    async ({ secrets, vault, kv }) => {
      const error = await assertRejects(() => secrets.getSecret(`keyvault:${vault}:sp-secret`), ApiError);
      assertEquals([error.status, error.serviceCode], [401, "Unauthorized"]);
      assertIncludes(error.message, "AKV10022: Invalid audience. Expected https://vault.azure.net");
      await assertRejects(() => secrets.setSecret(`keyvault:${vault}:sp-secret`, "x"), ApiError, "AKV10022");
      assertEquals(kv.secretValue("kv1", "sp-secret"), undefined);
    },
    (emu) => emu.tokens.issue({ aud: "https://org.crm.dynamics.com" }),
  );
});

Deno.test("keyvault: an expired token is refused; the client's one forced refresh recovers", async () => {
  let refreshed = 0;
  await withVault(
    async ({ secrets, vault, kv }) => {
      kv.setSecret("kv1", "sp-secret", "kv-value");
      assertEquals(await secrets.getSecret(`keyvault:${vault}:sp-secret`), "kv-value");
      assertEquals(refreshed, 1);
    },
    (emu, forceRefresh) => {
      if (forceRefresh) refreshed++;
      return emu.tokens.issue({ aud: "https://vault.azure.net", expiresIn: forceRefresh ? 3600 : -600 });
    },
  );
  await withVault(
    async ({ secrets, vault }) => {
      const error = await assertRejects(() => secrets.getSecret(`keyvault:${vault}:sp-secret`), ApiError);
      assertEquals(error.status, 401);
      assertIncludes(error.message, "The access token expired at");
    },
    (emu) => emu.tokens.issue({ aud: "https://vault.azure.net", expiresIn: -600 }),
  );
});

Deno.test("keyvault: plain http only for a loopback emulator; real vaults are https without a path", async () => {
  await withVault(async ({ secrets }) => {
    await assertRejects(() => secrets.getSecret("keyvault:http://kv.example.com:x"), UsageError, "https");
    await assertRejects(
      () => secrets.getSecret("keyvault:http://kv.example.com/keyvault/kv1:x"),
      UsageError,
      "https",
    );
    await assertRejects(
      () => secrets.getSecret("keyvault:https://kv.vault.azure.net/keyvault/kv1:x"),
      UsageError,
      "is not a valid keyvault secret spec",
    );
  });
});

Deno.test("storage policy without a keyring: plaintext with a warning, encrypted with a key, refused when secure", async () => {
  await using t = await tempConfig();
  const plain = new SecretStore({ env: envFrom({}), keyring: noKeyring, config: t.store() });
  const stored = await storeToken(plain, "refresh-token:work", "rt-plain", "auto");
  assertEquals([stored.spec, stored.storage], ["config:refresh-token:work", "plaintext"]);
  assertIncludes(stored.warning!, "Credentials saved in plain text");
  assertIncludes(stored.warning!, "secret-tool not found: install libsecret-tools");
  assertIncludes(await Deno.readTextFile(t.file), "rt-plain");

  const refused = await assertRejects(
    () => storeToken(plain, "refresh-token:x", "rt", "secure"),
    ConfigError,
  );
  assertEquals(refused.code, "storage.insecure-refused");

  const insecure = await storeToken(plain, "refresh-token:y", "rt-y", "insecure");
  assertEquals([insecure.storage, insecure.warning], ["plaintext", undefined]);

  const encrypted = new SecretStore({
    env: envFrom({}),
    keyring: noKeyring,
    config: t.store({ PACX_CONFIG_ENCRYPTION_KEY: "k" }),
  });
  const sealed = await storeToken(encrypted, "refresh-token:z", "rt-z", "secure");
  assertEquals([sealed.storage, sealed.warning], ["encrypted", undefined]);
  assertIncludes(sealed.notice!, "stored encrypted");
  const text = await Deno.readTextFile(t.file);
  assertNotIncludes(text, "rt-z");
  assertNotIncludes(text, "rt-plain"); // the earlier plaintext value was sealed on this write too
});

Deno.test({
  name: "storage policy with a working keyring: the token goes to the real Secret Service, not the file",
  ignore: missing !== undefined,
  fn: async () => {
    await using service = await startSecretService();
    await using t = await tempConfig();
    const keyring = secretServiceKeyring(denoRunner(service.env));
    const secrets = new SecretStore({ env: envFrom({}), keyring: () => keyring, config: t.store() });
    await secrets.setSecret("config:refresh-token:work", "old-file-copy");
    const stored = await storeToken(secrets, "refresh-token:work", "rt-keyring", "secure");
    assertEquals([stored.spec, stored.storage, stored.warning], [
      "keyring:ppx:refresh-token:work",
      "keyring",
      undefined,
    ]);
    assertEquals(await secrets.getSecret(stored.spec), "rt-keyring");
    const text = await Deno.readTextFile(t.file);
    assertNotIncludes(text, "rt-keyring");
    assertNotIncludes(text, "old-file-copy");
    assertEquals(await secrets.deleteSecret(stored.spec), true);
    assertEquals(await secrets.getSecret(stored.spec), undefined);
  },
});
