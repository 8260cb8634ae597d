// Fernet tokens built here from the spec with node:crypto (OpenSSL), a different implementation from the
// WebCrypto decryptor under test. The committed fixtures (legacy_test.ts) come from Python's cryptography.
import { createCipheriv, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { Buffer } from "node:buffer";
import { assertEquals, assertRejects } from "../../helpers/assert.ts";
import { fernetDecrypt, FernetError } from "../../../lib/config/fernet.ts";
import { decodeLenientBase64Url, parseKey } from "../../../lib/config/key.ts";

function fernetEncrypt(key: Buffer, plain: string, time = 1_700_000_000): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-128-cbc", key.subarray(16), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const ts = Buffer.alloc(8);
  ts.writeBigUInt64BE(BigInt(time));
  const signed = Buffer.concat([Buffer.from([0x80]), ts, iv, body]);
  const mac = createHmac("sha256", key.subarray(0, 16)).update(signed).digest();
  return Buffer.concat([signed, mac]).toString("base64url");
}

Deno.test("fernet: tokens from an independent implementation decrypt, any length of plaintext", async () => {
  const key = randomBytes(32);
  for (const plain of ["", "x", "exactly-16-bytes", "a".repeat(1000), "ünïcødé ✓"]) {
    const token = fernetEncrypt(key, plain);
    assertEquals(new TextDecoder().decode(await fernetDecrypt(token, new Uint8Array(key))), plain);
  }
});

Deno.test("fernet: a passphrase key is PBKDF2-SHA256(salt pacx-config, 390000 iterations)", async () => {
  const derived = pbkdf2Sync("my passphrase", "pacx-config", 390_000, 32, "sha256");
  const token = fernetEncrypt(derived, "hello");
  const material = parseKey("  my passphrase  ");
  assertEquals(material?.kind, "passphrase");
  const { pbkdf2 } = await import("../../../lib/config/key.ts");
  const ours = await pbkdf2(
    (material as { secret: Uint8Array }).secret,
    new TextEncoder().encode("pacx-config"),
    390_000,
  );
  assertEquals(Buffer.from(ours).toString("hex"), derived.toString("hex"));
  assertEquals(new TextDecoder().decode(await fernetDecrypt(token, ours)), "hello");
});

Deno.test("fernet: wrong key is a signature failure; truncation and a bad version byte are malformed", async () => {
  const key = randomBytes(32);
  const token = fernetEncrypt(key, "secret");
  const other = await assertRejects(() => fernetDecrypt(token, new Uint8Array(randomBytes(32))), FernetError);
  assertEquals(other.reason, "signature");
  const short = await assertRejects(
    () => fernetDecrypt(token.slice(0, 40), new Uint8Array(key)),
    FernetError,
  );
  assertEquals(short.reason, "malformed");
  const bytes = Buffer.from(token, "base64url");
  bytes[0] = 0x81;
  const version = await assertRejects(
    () => fernetDecrypt(bytes.toString("base64url"), new Uint8Array(key)),
    FernetError,
  );
  assertEquals(version.reason, "malformed");
});

Deno.test("key parsing follows Python's lenient urlsafe_b64decode", () => {
  const key = randomBytes(32).toString("base64url") + "=";
  assertEquals(parseKey(key)?.kind, "raw");
  assertEquals(parseKey(` ${key}\n`)?.kind, "raw");
  // Unpadded: Python raises "Incorrect padding", so PACX treated it as a passphrase.
  assertEquals(parseKey(key.slice(0, -1))?.kind, "passphrase");
  assertEquals(parseKey("")?.kind, undefined);
  assertEquals(parseKey("   "), undefined);
  // Values checked against CPython 3: len(base64.urlsafe_b64decode(s)) or an error.
  assertEquals(decodeLenientBase64Url("A".repeat(40) + "!!AAA=")?.length, 32);
  assertEquals(decodeLenientBase64Url("A".repeat(43) + "=junk")?.length, 32);
  assertEquals(decodeLenientBase64Url("AAAA=AAAA")?.length, 6);
  assertEquals(decodeLenientBase64Url("AA==AAAA")?.length, 1);
  assertEquals(decodeLenientBase64Url("AA=A"), undefined);
  assertEquals(decodeLenientBase64Url("AAAAA"), undefined);
});
