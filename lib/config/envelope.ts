/**
 * ppx's own encrypted-value format. Each sensitive value is a string
 * `ppxenc:v1:<iv>:<ciphertext+tag>` (unpadded urlsafe base64): AES-256-GCM with a fresh random 96-bit IV.
 * The file carries one header (`encryption`) naming the key derivation and its random salt, plus a
 * sealed check value, so a wrong key is told apart from a damaged value.
 *
 * @module
 */

import { fromBase64Url, type KeyMaterial, pbkdf2, toBase64Url } from "./key.ts";

/** Prefix of an envelope value. */
export const ENVELOPE_PREFIX = "ppxenc:v1:";
/** Prefix of a legacy Fernet value written by the Python PACX. */
export const LEGACY_PREFIX = "enc:";
/** PBKDF2 iterations for new files (OWASP 2023 guidance for PBKDF2-HMAC-SHA256). */
export const ENVELOPE_ITERATIONS = 600_000;
const CHECK_TEXT = "ppx-config-key-check";

/** The `encryption` object stored at the top of an encrypted config file. */
export interface EncryptionHeader {
  /** Always `ppxenc`. */
  format: "ppxenc";
  /** Envelope version (1). */
  version: 1;
  /** Always `AES-256-GCM`. */
  cipher: "AES-256-GCM";
  /** `PBKDF2-SHA256` for a passphrase, `raw` for a 32-byte key. */
  kdf: "PBKDF2-SHA256" | "raw";
  /** PBKDF2 iterations (passphrase only). */
  iterations?: number;
  /** Random per-file salt, urlsafe base64 (passphrase only). */
  salt?: string;
  /** `CHECK_TEXT` sealed with the key: tells "wrong key" from "damaged value". */
  check: string;
}

/** True for an envelope value. */
export function isEnvelope(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(ENVELOPE_PREFIX);
}

/** True for a legacy Fernet value. */
export function isLegacyEncrypted(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(LEGACY_PREFIX);
}

/** True when a stored value is encrypted in either format. */
export function isSealed(value: unknown): value is string {
  return isEnvelope(value) || isLegacyEncrypted(value);
}

/** An AES-256-GCM key bound to one header. */
export class EnvelopeKey {
  private constructor(readonly header: EncryptionHeader, readonly key: CryptoKey) {}

  /** Makes a key (and a new header with a fresh salt) for a file that has none yet. */
  static async create(material: KeyMaterial): Promise<EnvelopeKey> {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const partial = material.kind === "raw"
      ? { kdf: "raw" as const }
      : { kdf: "PBKDF2-SHA256" as const, iterations: ENVELOPE_ITERATIONS, salt: toBase64Url(salt) };
    const key = await importKey(material, partial);
    const header: EncryptionHeader = {
      format: "ppxenc",
      version: 1,
      cipher: "AES-256-GCM",
      ...partial,
      check: await sealWith(key, CHECK_TEXT),
    };
    return new EnvelopeKey(header, key);
  }

  /** Derives the key for an existing header; undefined when the header does not fit the key's kind. */
  static async forHeader(material: KeyMaterial, header: EncryptionHeader): Promise<EnvelopeKey | undefined> {
    const wantsRaw = header.kdf === "raw";
    if (wantsRaw !== (material.kind === "raw")) return undefined;
    return new EnvelopeKey(header, await importKey(material, header));
  }

  /** True when this key opens the header's check value. */
  async verifies(): Promise<boolean> {
    try {
      return await openWith(this.key, this.header.check) === CHECK_TEXT;
    } catch {
      return false;
    }
  }

  /** Encrypts one value. */
  seal(plain: string): Promise<string> {
    return sealWith(this.key, plain);
  }

  /** Decrypts one value; throws "malformed" or "tag" errors. */
  open(value: string): Promise<string> {
    return openWith(this.key, value);
  }
}

/** Validates the shape of a stored header; undefined when it is not one. */
export function readHeader(value: unknown): EncryptionHeader | undefined {
  if (!value || typeof value !== "object") return undefined;
  const h = value as Partial<EncryptionHeader>;
  if (h.format !== "ppxenc" || h.version !== 1 || h.cipher !== "AES-256-GCM" || typeof h.check !== "string") {
    return undefined;
  }
  if (h.kdf === "raw") return h as EncryptionHeader;
  if (h.kdf === "PBKDF2-SHA256" && typeof h.salt === "string" && Number.isInteger(h.iterations)) {
    return h as EncryptionHeader;
  }
  return undefined;
}

async function importKey(material: KeyMaterial, params: Partial<EncryptionHeader>): Promise<CryptoKey> {
  let bytes: Uint8Array;
  if (material.kind === "raw") bytes = material.bytes;
  else {
    const salt = fromBase64Url(params.salt ?? "");
    if (!salt || !params.iterations) throw new EnvelopeFormatError();
    bytes = await pbkdf2(material.secret, salt, params.iterations);
  }
  return crypto.subtle.importKey("raw", bytes as BufferSource, "AES-GCM", false, ["encrypt", "decrypt"]);
}

/** An envelope value that is not well formed. */
export class EnvelopeFormatError extends Error {
  constructor() {
    super("malformed encrypted value");
  }
}

/** A well-formed envelope value whose GCM tag did not verify. */
export class EnvelopeTagError extends Error {
  constructor() {
    super("authentication tag mismatch");
  }
}

async function sealWith(key: CryptoKey, plain: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(plain));
  return `${ENVELOPE_PREFIX}${toBase64Url(iv)}:${toBase64Url(new Uint8Array(sealed))}`;
}

async function openWith(key: CryptoKey, value: string): Promise<string> {
  if (!value.startsWith(ENVELOPE_PREFIX)) throw new EnvelopeFormatError();
  const [ivText, dataText, extra] = value.slice(ENVELOPE_PREFIX.length).split(":");
  const iv = fromBase64Url(ivText ?? "");
  const data = fromBase64Url(dataText ?? "");
  if (extra !== undefined || iv?.length !== 12 || !data || data.length < 16) throw new EnvelopeFormatError();
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: iv as BufferSource },
      key,
      data as BufferSource,
    );
  } catch {
    throw new EnvelopeTagError();
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(plain);
  } catch {
    throw new EnvelopeFormatError();
  }
}
