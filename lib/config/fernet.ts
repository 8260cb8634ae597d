/**
 * Decrypts Fernet tokens (the `enc:` values of the Python PACX config) with WebCrypto. A token is
 * urlsafe base64 of: version 0x80 | 8-byte big-endian timestamp | 16-byte IV | AES-128-CBC ciphertext
 * (PKCS#7) | HMAC-SHA256 over everything before it. The 32-byte key is signing key (first 16 bytes) then
 * encryption key (last 16). ppx only reads Fernet; it writes its own envelope (see envelope.ts).
 *
 * @module
 */

import { fromBase64Url } from "./key.ts";

/** Why a Fernet token did not open. */
export type FernetFailure = "malformed" | "signature";

/** A Fernet token that did not open, and why. */
export class FernetError extends Error {
  constructor(readonly reason: FernetFailure) {
    super(reason === "malformed" ? "malformed Fernet token" : "Fernet signature mismatch");
  }
}

/** The salt the Python PACX used for passphrase keys. */
export const FERNET_PASSPHRASE_SALT = "pacx-config";
/** The PBKDF2 iteration count the Python PACX used for passphrase keys. */
export const FERNET_PASSPHRASE_ITERATIONS = 390_000;

/** Decrypts one token with a 32-byte Fernet key. Throws FernetError. */
export async function fernetDecrypt(token: string, key: Uint8Array): Promise<Uint8Array> {
  const data = fromBase64Url(token.trim());
  // 1 + 8 + 16 + at least one AES block + 32
  if (!data || data.length < 73 || (data.length - 57) % 16 !== 0 || data[0] !== 0x80) {
    throw new FernetError("malformed");
  }
  const signed = data.subarray(0, data.length - 32);
  const mac = data.subarray(data.length - 32);
  const hmacKey = await crypto.subtle.importKey(
    "raw",
    key.subarray(0, 16) as BufferSource,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  if (!await crypto.subtle.verify("HMAC", hmacKey, mac as BufferSource, signed as BufferSource)) {
    throw new FernetError("signature");
  }
  const aesKey = await crypto.subtle.importKey(
    "raw",
    key.subarray(16, 32) as BufferSource,
    "AES-CBC",
    false,
    [
      "decrypt",
    ],
  );
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-CBC", iv: data.subarray(9, 25) as BufferSource },
      aesKey,
      data.subarray(25, data.length - 32) as BufferSource,
    );
    return new Uint8Array(plain);
  } catch {
    // The MAC matched, so bad padding means the writer was broken, not the key.
    throw new FernetError("malformed");
  }
}
