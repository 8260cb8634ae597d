import {
  assert,
  assertEquals,
  assertIncludes,
  assertNotIncludes,
  assertRejects,
} from "../../helpers/assert.ts";
import { tempConfig } from "../../helpers/config.ts";
import {
  EncryptedDataDamagedError,
  EncryptionKeyMissingError,
  EncryptionKeyWrongError,
} from "../../../lib/config/errors.ts";
import { ENVELOPE_ITERATIONS } from "../../../lib/config/envelope.ts";
import { toBase64Url } from "../../../lib/config/key.ts";

const TOKEN = "rt-0123456789-secret-refresh";

Deno.test("with a passphrase, secrets are AES-256-GCM envelopes with a per-file salt and >= 600k PBKDF2", async () => {
  await using t = await tempConfig();
  const store = t.store({ PACX_CONFIG_ENCRYPTION_KEY: "a long passphrase" });
  await store.update((d) => {
    d.profiles.work = { name: "work", provider: "azure", refresh_token: TOKEN };
    d.secrets = { "access-token:work": "at-secret" };
  });
  const text = await Deno.readTextFile(t.file);
  assertNotIncludes(text, TOKEN);
  assertNotIncludes(text, "at-secret");
  const raw = JSON.parse(text);
  assertEquals(raw.encryption.cipher, "AES-256-GCM");
  assertEquals(raw.encryption.kdf, "PBKDF2-SHA256");
  assert(raw.encryption.iterations >= 600_000 && raw.encryption.iterations === ENVELOPE_ITERATIONS);
  assert(raw.encryption.salt.length >= 22, "16-byte salt");
  const [, , iv1] = raw.profiles.work.refresh_token.split(":");
  const [, , iv2] = raw.secrets["access-token:work"].split(":");
  assert(iv1 !== iv2, "a fresh IV per value");
  const { doc } = await store.load();
  assertEquals(await store.reveal(doc, doc.profiles.work.refresh_token!), TOKEN);

  // Another file gets another salt.
  await using t2 = await tempConfig();
  await t2.store({ PACX_CONFIG_ENCRYPTION_KEY: "a long passphrase" }).update((d) =>
    void (d.secrets = { a: "b" })
  );
  const other = JSON.parse(await Deno.readTextFile(t2.file));
  assert(other.encryption.salt !== raw.encryption.salt);
});

Deno.test("a raw 32-byte urlsafe-base64 key is used directly (no salt)", async () => {
  await using t = await tempConfig();
  const key = toBase64Url(crypto.getRandomValues(new Uint8Array(32))) + "=";
  const store = t.store({ PPX_CONFIG_ENCRYPTION_KEY: key });
  await store.update((d) => void (d.secrets = { s: "value-1" }));
  const raw = JSON.parse(await Deno.readTextFile(t.file));
  assertEquals(raw.encryption.kdf, "raw");
  assertEquals(raw.encryption.salt, undefined);
  const { doc } = await store.load();
  assertEquals(await store.reveal(doc, doc.secrets!.s), "value-1");
});

Deno.test("key missing, key wrong and damaged data are three different errors", async () => {
  await using t = await tempConfig();
  await t.store({ PACX_CONFIG_ENCRYPTION_KEY: "right" }).update((d) => {
    d.secrets = { one: "first", two: "second" };
  });
  const raw = JSON.parse(await Deno.readTextFile(t.file));

  const none = t.store();
  const doc0 = (await none.load()).doc;
  const missing = await assertRejects(
    () => none.reveal(doc0, doc0.secrets!.one),
    EncryptionKeyMissingError,
  );
  assertIncludes(missing.hint!, "PACX_CONFIG_ENCRYPTION_KEY");

  const wrong = t.store({ PACX_CONFIG_ENCRYPTION_KEY: "wrong" });
  const doc1 = (await wrong.load()).doc;
  await assertRejects(() => wrong.reveal(doc1, doc1.secrets!.one), EncryptionKeyWrongError);

  // Flip one ciphertext byte of one value: the key still opens the check value, so it is damage.
  const value: string = raw.secrets.two;
  const tampered = value.slice(0, -3) + (value.at(-3) === "A" ? "B" : "A") + value.slice(-2);
  raw.secrets.two = tampered;
  await Deno.writeTextFile(t.file, JSON.stringify(raw));
  const right = t.store({ PACX_CONFIG_ENCRYPTION_KEY: "right" });
  const doc2 = (await right.load()).doc;
  assertEquals(await right.reveal(doc2, doc2.secrets!.one), "first");
  const damaged = await assertRejects(
    () => right.reveal(doc2, doc2.secrets!.two, "secrets.two"),
    EncryptedDataDamagedError,
  );
  assertIncludes(damaged.message, "secrets.two");
  await assertRejects(() => right.reveal(doc2, "ppxenc:v1:short:x"), EncryptedDataDamagedError);
});

Deno.test("without the key, an encrypted file is never rewritten with plaintext", async () => {
  await using t = await tempConfig();
  await t.store({ PACX_CONFIG_ENCRYPTION_KEY: "k" }).update((d) => {
    d.profiles.a = { name: "a", provider: "azure", access_token: "secret-a" };
  });
  const sealed = JSON.parse(await Deno.readTextFile(t.file)).profiles.a.access_token;
  await t.store().update((d) => void (d.environment_id = "e1"));
  const raw = JSON.parse(await Deno.readTextFile(t.file));
  assertEquals(raw.profiles.a.access_token, sealed);
  assert(raw.encryption, "the header stays while envelope values remain");
  assertNotIncludes(await Deno.readTextFile(t.file), "secret-a");
});

Deno.test("a wrong key refuses to write, leaving the file byte for byte", async () => {
  await using t = await tempConfig();
  await t.store({ PACX_CONFIG_ENCRYPTION_KEY: "k1" }).update((d) => void (d.secrets = { s: "v" }));
  const before = await Deno.readTextFile(t.file);
  await assertRejects(
    () => t.store({ PACX_CONFIG_ENCRYPTION_KEY: "k2" }).update((d) => void (d.secrets!.t = "w")),
    EncryptionKeyWrongError,
  );
  assertEquals(await Deno.readTextFile(t.file), before);
});
