/**
 * Seals a secret for GitHub: a libsodium sealed box (X25519 + XSalsa20-Poly1305, `crypto_box_seal`)
 * to the repository's public key, base64 encoded, as GitHub's secrets API requires. See ADR 0022.
 *
 * @module
 */

// @ts-types="@types/libsodium-wrappers"
import sodium from "libsodium-wrappers";

/** Seals `value` to `publicKeyBase64` and returns the base64 sealed box. */
export async function sealSecret(value: string, publicKeyBase64: string): Promise<string> {
  await sodium.ready;
  const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), key);
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}
