/**
 * The emulated vaults' contents: secrets by name, every version kept, and soft-deleted secrets until
 * they are purged or recovered. Names are case-insensitive, as in Key Vault.
 *
 * @module
 */

/** Secret names Key Vault accepts: 1-127 letters, digits and dashes. */
export const SECRET_NAME = /^[0-9A-Za-z-]{1,127}$/;
/** Vault names Key Vault accepts: 3-24 characters, a letter first, no `--`, no dash last. */
export const VAULT_NAME = /^(?!.*--)[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/;

/** One version of a secret. */
export interface SecretVersion {
  /** 32 lower-case hex digits, as Key Vault makes them. */
  version: string;
  value: string;
  contentType?: string;
  tags: Record<string, string>;
  enabled: boolean;
  /** Unix seconds. */
  created: number;
  /** Unix seconds. */
  updated: number;
}

/** A secret: its versions (newest last) and, once deleted, when it was deleted and will be purged. */
export interface StoredSecret {
  /** The name as first written. */
  name: string;
  versions: SecretVersion[];
  /** Unix seconds; set while the secret is soft-deleted. */
  deletedAt?: number;
  /** Unix seconds; set while the secret is soft-deleted. */
  purgeAt?: number;
}

/** One vault's secrets. */
export class EmulatedVault {
  /** The vault's name (the first label of `NAME.vault.azure.net`). */
  readonly name: string;
  readonly #secrets = new Map<string, StoredSecret>();

  /** An empty vault. */
  constructor(name: string) {
    this.name = name;
  }

  /** The secret, deleted or not; a secret past its purge date is gone. */
  find(name: string, nowSeconds: number): StoredSecret | undefined {
    const secret = this.#secrets.get(name.toLowerCase());
    if (secret?.purgeAt !== undefined && nowSeconds >= secret.purgeAt) {
      this.#secrets.delete(name.toLowerCase());
      return undefined;
    }
    return secret;
  }

  /** The secret when it exists and is not deleted. */
  live(name: string, nowSeconds: number): StoredSecret | undefined {
    const secret = this.find(name, nowSeconds);
    return secret && secret.deletedAt === undefined ? secret : undefined;
  }

  /** Adds a version (creating the secret); the caller has checked it is not soft-deleted. */
  add(
    name: string,
    value: string,
    nowSeconds: number,
    extra: { contentType?: string; tags?: Record<string, string>; enabled?: boolean } = {},
  ): { secret: StoredSecret; version: SecretVersion } {
    const key = name.toLowerCase();
    const secret = this.#secrets.get(key) ?? { name, versions: [] };
    this.#secrets.set(key, secret);
    const version: SecretVersion = {
      version: crypto.randomUUID().replaceAll("-", ""),
      value,
      contentType: extra.contentType,
      tags: extra.tags ?? {},
      enabled: extra.enabled ?? true,
      created: nowSeconds,
      updated: nowSeconds,
    };
    secret.versions.push(version);
    return { secret, version };
  }

  /** Removes a secret for good (purge). */
  purge(name: string): void {
    this.#secrets.delete(name.toLowerCase());
  }

  /** The secrets that are not deleted, in name order. */
  list(nowSeconds: number): StoredSecret[] {
    return [...this.#secrets.keys()].sort()
      .map((key) => this.live(key, nowSeconds))
      .filter((s): s is StoredSecret => s !== undefined);
  }
}
