import { assert, assertEquals, assertRejects } from "../../helpers/assert.ts";
import { installFixture, legacyExpected, tempConfig } from "../../helpers/config.ts";
import { EncryptionKeyMissingError, EncryptionKeyWrongError } from "../../../lib/config/errors.ts";

// Fixtures written by tests/fixtures/config/make_legacy_fixtures.py with the real `cryptography` Fernet.

Deno.test("a plaintext Python PACX config loads: provider, merged scopes, flows, secret refs", async () => {
  await using t = await tempConfig();
  await installFixture("legacy_plain.json", t.dir);
  const { doc, fromVersion } = await t.store().load();
  const expected = await legacyExpected();
  assertEquals(fromVersion, 0);
  assertEquals(doc.default, "dev");
  assertEquals(doc.dataverse_host, "contoso.crm.dynamics.com");
  const dev = doc.profiles.dev;
  assertEquals(dev.provider, "azure");
  assertEquals(dev.flow, "device");
  assertEquals(dev.scopes, [
    "https://api.powerplatform.com/.default",
    "https://org.crm.dynamics.com/.default",
  ]);
  assertEquals(dev.access_token, expected.access_token);
  assertEquals(doc.profiles.ci.flow, "client-credential");
  assertEquals(doc.profiles.ci.secret_refs, { client_secret: "env:PACX_CLIENT_SECRET" });
  // No use_device_code and no client secret: PACX defaulted to device code.
  assertEquals(doc.profiles.kr.flow, "device");
  assertEquals(doc.profiles.kr.secret_refs, { refresh_token: "keyring:pacx:refresh-token:kr" });
  assert(!("use_device_code" in dev) && !("scope" in dev), "legacy keys are migrated away");
});

for (
  const [fixture, keyName] of [
    ["legacy_fernet_raw.json", "raw_key"],
    ["legacy_fernet_passphrase.json", "passphrase"],
  ] as const
) {
  Deno.test(`${fixture}: Fernet values decrypt with WebCrypto and are re-encrypted on the next write`, async () => {
    await using t = await tempConfig();
    await installFixture(fixture, t.dir);
    const expected = await legacyExpected();
    const store = t.store({ PACX_CONFIG_ENCRYPTION_KEY: expected[keyName] });
    const { doc } = await store.load();
    assert(doc.profiles.dev.access_token!.startsWith("enc:"));
    assertEquals(await store.reveal(doc, doc.profiles.dev.access_token!), expected.access_token);
    assertEquals(await store.reveal(doc, doc.profiles.dev.refresh_token!), expected.refresh_token);

    await store.update((d) => void (d.environment_id = "env-2"));
    const text = await Deno.readTextFile(t.file);
    assert(!text.includes('"enc:'), "legacy values are gone from the file");
    assert(!text.includes(expected.access_token), "no plaintext token in the file");
    const after = (await store.load()).doc;
    assertEquals(after.version, 1);
    assert(after.profiles.dev.access_token!.startsWith("ppxenc:v1:"));
    assertEquals(await store.reveal(after, after.profiles.dev.access_token!), expected.access_token);
    assertEquals(after.encryption?.kdf, keyName === "raw_key" ? "raw" : "PBKDF2-SHA256");
  });
}

Deno.test("legacy Fernet values without a key: key-missing error, and a write keeps them encrypted", async () => {
  await using t = await tempConfig();
  await installFixture("legacy_fernet_raw.json", t.dir);
  const store = t.store();
  const { doc } = await store.load();
  await assertRejects(() => store.reveal(doc, doc.profiles.dev.access_token!), EncryptionKeyMissingError);
  const before = doc.profiles.dev.access_token;
  await store.update((d) => void (d.dataverse_host = "other.crm.dynamics.com"));
  const after = JSON.parse(await Deno.readTextFile(t.file));
  assertEquals(after.profiles.dev.access_token, before);
  assertEquals(after.dataverse_host, "other.crm.dynamics.com");
});

Deno.test("legacy Fernet values with the wrong key: key-wrong error and the file is not rewritten", async () => {
  await using t = await tempConfig();
  await installFixture("legacy_fernet_passphrase.json", t.dir);
  const original = await Deno.readTextFile(t.file);
  const store = t.store({ PACX_CONFIG_ENCRYPTION_KEY: "not the passphrase" });
  const { doc } = await store.load();
  await assertRejects(() => store.reveal(doc, doc.profiles.dev.refresh_token!), EncryptionKeyWrongError);
  await assertRejects(() => store.update((d) => void (d.default = "ci")), EncryptionKeyWrongError);
  assertEquals(await Deno.readTextFile(t.file), original);
});
