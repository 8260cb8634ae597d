/**
 * Opens and seals the secret values of one config document. Values stay encrypted in memory; they are
 * decrypted one at a time when a caller asks (`reveal`), and plaintext or legacy Fernet values are sealed
 * into the ppx envelope when the document is written with a key. Without a key nothing encrypted is ever
 * touched, so a missing key can never turn an encrypted file into a plaintext one.
 *
 * @module
 */

import { EncryptedDataDamagedError, EncryptionKeyMissingError, EncryptionKeyWrongError } from "./errors.ts";
import {
  EnvelopeFormatError,
  EnvelopeKey,
  isEnvelope,
  isLegacyEncrypted,
  isSealed,
  LEGACY_PREFIX,
  readHeader,
} from "./envelope.ts";
import {
  FERNET_PASSPHRASE_ITERATIONS,
  FERNET_PASSPHRASE_SALT,
  fernetDecrypt,
  FernetError,
} from "./fernet.ts";
import { type KeyMaterial, pbkdf2 } from "./key.ts";
import { type ConfigData, secretSlots } from "./schema.ts";

/** Encryption for one config file and one key (or none). */
export class ConfigCipher {
  readonly #path: string;
  readonly #material?: KeyMaterial;
  #fernetKey?: Promise<Uint8Array>;
  readonly #envelopeKeys = new Map<string, Promise<EnvelopeKey | undefined>>();

  constructor(path: string, material: KeyMaterial | undefined) {
    this.#path = path;
    this.#material = material;
  }

  /** True when a key is set. */
  get hasKey(): boolean {
    return this.#material !== undefined;
  }

  /** Decrypts one stored value (plaintext passes through). `where` names it in errors. */
  async reveal(doc: ConfigData, value: string, where: string): Promise<string> {
    if (!isSealed(value)) return value;
    const material = this.#requireKey();
    if (isLegacyEncrypted(value)) return await this.#openLegacy(doc, value, where, material);
    const key = await this.#envelopeKey(doc, material, where);
    try {
      return await key.open(value);
    } catch (error) {
      if (error instanceof EnvelopeFormatError) throw new EncryptedDataDamagedError(this.#path, where);
      if (await key.verifies()) throw new EncryptedDataDamagedError(this.#path, where);
      throw new EncryptionKeyWrongError(this.#path);
    }
  }

  /**
   * Prepares a document for writing: with a key, every plaintext secret and every legacy Fernet value is
   * sealed in the envelope, and existing envelope values are checked against the key first; without a
   * key, encrypted values are kept exactly as they are.
   */
  async seal(doc: ConfigData): Promise<void> {
    const slots = secretSlots(doc);
    if (!this.#material) {
      if (!slots.some((s) => isEnvelope(s.value))) delete doc.encryption;
      return;
    }
    const material = this.#material;
    let key: EnvelopeKey | undefined;
    const header = readHeader(doc.encryption);
    const hasEnvelopes = slots.some((s) => isEnvelope(s.value));
    if (header) {
      const existing = await EnvelopeKey.forHeader(material, header);
      if (existing && await existing.verifies()) key = existing;
      else if (hasEnvelopes) throw new EncryptionKeyWrongError(this.#path);
    } else if (hasEnvelopes) {
      throw new EncryptedDataDamagedError(this.#path, "the `encryption` header is missing or damaged");
    }
    for (const slot of slots) {
      if (isEnvelope(slot.value)) continue;
      const plain = isLegacyEncrypted(slot.value)
        ? await this.#openLegacy(doc, slot.value, slot.where, material)
        : slot.value;
      key ??= await EnvelopeKey.create(material);
      slot.set(await key.seal(plain));
    }
    if (key && secretSlots(doc).some((s) => isEnvelope(s.value))) doc.encryption = key.header;
    else delete doc.encryption;
  }

  #requireKey(): KeyMaterial {
    if (!this.#material) throw new EncryptionKeyMissingError(this.#path);
    return this.#material;
  }

  async #envelopeKey(doc: ConfigData, material: KeyMaterial, where: string): Promise<EnvelopeKey> {
    const header = readHeader(doc.encryption);
    if (!header) {
      throw new EncryptedDataDamagedError(
        this.#path,
        `${where}: the \`encryption\` header is missing or damaged`,
      );
    }
    // One imported key per header: decrypting many values costs one key import, not one each.
    const id = JSON.stringify(header);
    let pending = this.#envelopeKeys.get(id);
    if (!pending) {
      pending = EnvelopeKey.forHeader(material, header);
      this.#envelopeKeys.set(id, pending);
    }
    const key = await pending;
    if (!key) throw new EncryptionKeyWrongError(this.#path);
    return key;
  }

  #legacyKey(material: KeyMaterial): Promise<Uint8Array> {
    this.#fernetKey ??= material.kind === "raw" ? Promise.resolve(material.bytes) : pbkdf2(
      material.secret,
      new TextEncoder().encode(FERNET_PASSPHRASE_SALT),
      FERNET_PASSPHRASE_ITERATIONS,
    );
    return this.#fernetKey;
  }

  async #openLegacy(doc: ConfigData, value: string, where: string, material: KeyMaterial): Promise<string> {
    const key = await this.#legacyKey(material);
    try {
      const plain = await fernetDecrypt(value.slice(LEGACY_PREFIX.length), key);
      return new TextDecoder("utf-8", { fatal: true }).decode(plain);
    } catch (error) {
      if (error instanceof FernetError && error.reason === "signature") {
        // A signature mismatch is a wrong key unless the same key opens another value of the file.
        if (await this.#keyOpensAnotherLegacyValue(doc, value, key)) {
          throw new EncryptedDataDamagedError(this.#path, where);
        }
        throw new EncryptionKeyWrongError(this.#path);
      }
      throw new EncryptedDataDamagedError(this.#path, where);
    }
  }

  async #keyOpensAnotherLegacyValue(doc: ConfigData, failed: string, key: Uint8Array): Promise<boolean> {
    for (const slot of secretSlots(doc)) {
      if (slot.value === failed || !isLegacyEncrypted(slot.value)) continue;
      try {
        await fernetDecrypt(slot.value.slice(LEGACY_PREFIX.length), key);
        return true;
      } catch {
        // try the next one
      }
    }
    return false;
  }
}
