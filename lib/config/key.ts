/**
 * The encryption key: either a raw 32-byte key written as urlsafe base64, or a passphrase stretched with
 * PBKDF2-SHA256. The raw-or-passphrase rule is the Python PACX rule, byte for byte, so one
 * `PACX_CONFIG_ENCRYPTION_KEY` opens both old Fernet values and ppx's own envelope.
 *
 * Derived keys are memoised per (passphrase, salt, iterations), so a process pays for PBKDF2 once.
 *
 * @module
 */

/** A key as the user gave it, classified. */
export type KeyMaterial =
  | { kind: "raw"; bytes: Uint8Array }
  | { kind: "passphrase"; secret: Uint8Array };

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Decodes like Python's `base64.urlsafe_b64decode` (non-strict): characters outside the alphabet are
 * skipped, decoding stops at completing padding, and a bad length is an error (undefined here).
 */
export function decodeLenientBase64Url(text: string): Uint8Array | undefined {
  const out: number[] = [];
  let quad = 0;
  let pads = 0;
  let acc = 0;
  for (const raw of text) {
    const ch = raw === "-" ? "+" : raw === "_" ? "/" : raw;
    if (ch === "=") {
      if (quad >= 2 && quad + ++pads >= 4) return quad === 1 ? undefined : flush();
      continue;
    }
    const v = ALPHABET.indexOf(ch);
    if (v < 0) continue;
    pads = 0;
    acc = (acc << 6) | v;
    quad++;
    if (quad === 4) {
      out.push((acc >> 16) & 255, (acc >> 8) & 255, acc & 255);
      quad = 0;
      acc = 0;
    }
  }
  return quad === 0 ? new Uint8Array(out) : undefined;

  function flush(): Uint8Array {
    // 2 chars -> 1 byte, 3 chars -> 2 bytes
    if (quad === 2) out.push((acc >> 4) & 255);
    if (quad === 3) out.push((acc >> 10) & 255, (acc >> 2) & 255);
    return new Uint8Array(out);
  }
}

/** Classifies a key value; undefined for an empty (or all-blank) value. */
export function parseKey(value: string | undefined): KeyMaterial | undefined {
  const normalized = value?.trim();
  if (!normalized) return undefined;
  const decoded = decodeLenientBase64Url(normalized);
  if (decoded?.length === 32) return { kind: "raw", bytes: decoded };
  return { kind: "passphrase", secret: new TextEncoder().encode(normalized) };
}

const derived = new Map<string, Promise<Uint8Array>>();
let runs = 0;

/** How many PBKDF2 derivations this process has run (the bench shows it stays at one per key). */
export function kdfRuns(): number {
  return runs;
}

/** PBKDF2-HMAC-SHA256 to 32 bytes, memoised for the life of the process. */
export function pbkdf2(secret: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const id = `${iterations}|${toBase64Url(salt)}|${toBase64Url(secret)}`;
  let result = derived.get(id);
  if (!result) {
    runs++;
    result = (async () => {
      const base = await crypto.subtle.importKey("raw", secret as BufferSource, "PBKDF2", false, [
        "deriveBits",
      ]);
      const bits = await crypto.subtle.deriveBits(
        { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations },
        base,
        256,
      );
      return new Uint8Array(bits);
    })();
    derived.set(id, result);
  }
  return result;
}

/** Unpadded urlsafe base64. */
export function toBase64Url(bytes: Uint8Array): string {
  return bytes.toBase64({ alphabet: "base64url", omitPadding: true });
}

/** Strict urlsafe base64 (padding optional); undefined when malformed. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return undefined;
  try {
    return Uint8Array.fromBase64(text, { alphabet: "base64url" });
  } catch {
    return undefined;
  }
}
