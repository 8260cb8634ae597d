import {
  assert,
  assertEquals,
  assertIncludes,
  assertNotIncludes,
  assertRejects,
} from "../../../helpers/assert.ts";
import { tempConfig } from "../../../helpers/config.ts";
import { startServer } from "../../../helpers/server.ts";
import { secretServiceMissing, startSecretService } from "../../../helpers/secret_service.ts";
import { SecretStore } from "../../../../lib/auth/secrets/store.ts";
import { storeToken } from "../../../../lib/auth/secrets/policy.ts";
import { parseSecretSpec } from "../../../../lib/auth/secrets/spec.ts";
import { secretServiceKeyring } from "../../../../lib/auth/keyring/linux.ts";
import { denoRunner } from "../../../../lib/auth/keyring/runner.ts";
import type { Keyring } from "../../../../lib/auth/keyring/keyring.ts";
import { HttpClient } from "../../../../lib/http/client.ts";
import { ConfigError, UsageError } from "../../../../lib/errors.ts";
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
  for (
    const bad of ["nope", "vault:x", "keyring:nocolon", "env:1BAD", "keyvault:https://kv.vault.azure.net"]
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
  const t = await tempConfig();
  try {
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
  } finally {
    await t.cleanup();
  }
});

Deno.test("keyvault: GET {vault}/secrets/{name}?api-version=7.4 with a token for the vault audience", async () => {
  const server = startServer((request) => {
    const url = new URL(request.url);
    if (url.pathname === "/secrets/sp-secret" && request.method === "GET") {
      return Response.json({ value: "kv-value", id: `${url.origin}/secrets/sp-secret/abc` });
    }
    if (url.pathname === "/secrets/sp-secret" && request.method === "PUT") {
      return Response.json({ value: "x" });
    }
    return Response.json({ error: { code: "SecretNotFound", message: "not found" } }, { status: 404 });
  });
  const t = await tempConfig();
  try {
    const audiences: string[] = [];
    const secrets = new SecretStore({
      env: envFrom({}),
      keyring: noKeyring,
      config: t.store(),
      keyVaultHttp: (vaultUrl, audience) => {
        audiences.push(audience);
        return new HttpClient({ baseUrl: vaultUrl, token: { getToken: () => Promise.resolve("kv-token") } });
      },
    });
    assertEquals(await secrets.getSecret(`keyvault:${server.url}:sp-secret`), "kv-value");
    assertEquals(await secrets.getSecret(`keyvault:${server.url}:missing`), undefined);
    await secrets.setSecret(`keyvault:${server.url}:sp-secret`, "new-value");
    const first = new URL(server.requests[0].url);
    assertEquals(first.pathname + first.search, "/secrets/sp-secret?api-version=7.4");
    assertEquals(server.requests[0].headers.get("authorization"), "Bearer kv-token");
    assertEquals(JSON.parse(server.bodies[2]), { value: "new-value" });
    assertEquals(audiences[0], "https://vault.azure.net");
    await assertRejects(() => secrets.getSecret("keyvault:http://kv.example.com:x"), UsageError, "https");
  } finally {
    await t.cleanup();
    await server.close();
  }
});

Deno.test("storage policy without a keyring: plaintext with a warning, encrypted with a key, refused when secure", async () => {
  const t = await tempConfig();
  try {
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
  } finally {
    await t.cleanup();
  }
});

Deno.test({
  name: "storage policy with a working keyring: the token goes to the real Secret Service, not the file",
  ignore: missing !== undefined,
  fn: async () => {
    const service = await startSecretService();
    const t = await tempConfig();
    try {
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
    } finally {
      await t.cleanup();
      await service.stop();
    }
  },
});
