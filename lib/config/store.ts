/**
 * The config store: reads, migrates and writes `config.json` safely.
 *
 * - `load()` reads a snapshot (no lock). Secrets stay as stored; `reveal()` decrypts one on demand.
 * - `update(fn)` is a locked read-modify-write: it takes the cross-process lock, re-reads the file, lets
 *   `fn` change the document, seals secrets, and replaces the file atomically. Concurrent ppx processes
 *   never lose each other's updates. Keep `fn` quick (no network): other processes wait for it.
 *
 * Permissions: `--allow-read` and `--allow-write` on the config directory.
 *
 * @example
 * ```ts
 * import { ConfigStore, configPaths, envFrom } from "@pacx/cli";
 * const env = envFrom({ PPX_CONFIG_DIR: "/tmp/ppx" });
 * const store = new ConfigStore({ paths: configPaths(env, undefined), env });
 * await store.update((doc) => { doc.dataverse_host = "org.crm.dynamics.com"; });
 * ```
 *
 * @module
 */

import { withRemedy } from "../auth/remedy.ts";
import type { Clock } from "../clock.ts";
import { type Env, firstEnv } from "../env.ts";
import { ConfigError } from "../errors.ts";
import { ConfigCipher } from "./cipher.ts";
import { isSealed } from "./envelope.ts";
import { ConfigParseError, KEY_VARIABLES } from "./errors.ts";
import {
  ensurePrivateDir,
  ensurePrivateFile,
  readTextIfExists,
  removeStaleTemps,
  type WarnSink,
  writeAtomic,
  type WriteFaults,
} from "./files.ts";
import { type KeyMaterial, parseKey } from "./key.ts";
import { withLock } from "./lock.ts";
import { migrate } from "./migrate.ts";
import type { ConfigPaths } from "./paths.ts";
import { CONFIG_VERSION, type ConfigData, emptyConfig } from "./schema.ts";

/** How a store is built. */
export interface ConfigStoreOptions {
  /** Where the config files are. */
  paths: ConfigPaths;
  /** The environment; only the encryption key variables are read from it. */
  env: Env;
  /** Receives warnings (loose permissions fixed). Default: dropped. */
  warn?: WarnSink;
  /** Time source for lock waits. */
  clock?: Clock;
  /** Lock wait before giving up (ms). */
  lockTimeoutMs?: number;
  /** Crash simulation for tests. */
  faults?: WriteFaults;
}

/** A loaded document and what loading it found. */
export interface LoadedConfig {
  /** The migrated document. */
  doc: ConfigData;
  /** False when there is no file yet. */
  exists: boolean;
  /** The version on disk (0 = Python PACX file). */
  fromVersion: number;
}

/** Reads and writes one config file. */
export class ConfigStore {
  /** Where the files are. */
  readonly paths: ConfigPaths;
  readonly #warn: WarnSink;
  readonly #options: ConfigStoreOptions;
  readonly #cipher: ConfigCipher;
  readonly #keyMaterial?: KeyMaterial;

  /** Builds a store; nothing is read until `load` or `update`. */
  constructor(options: ConfigStoreOptions) {
    this.paths = options.paths;
    this.#options = options;
    this.#warn = options.warn ?? (() => {});
    this.#keyMaterial = parseKey(firstEnv(options.env, ...KEY_VARIABLES));
    this.#cipher = new ConfigCipher(this.paths.file, this.#keyMaterial);
  }

  /** The config file path. */
  get path(): string {
    return this.paths.file;
  }

  /** True when an encryption key is set (values written now are encrypted). */
  get encrypting(): boolean {
    return this.#keyMaterial !== undefined;
  }

  /** Reads the current file (no lock). A missing file is an empty config. */
  async load(): Promise<LoadedConfig> {
    // Reading creates nothing, so read-only commands work without --allow-write.
    await ensurePrivateDir(this.paths.dir, this.#warn, { create: false });
    await ensurePrivateFile(this.paths.file, this.#warn);
    const text = await readTextIfExists(this.paths.file);
    if (text === undefined) return { doc: emptyConfig(), exists: false, fromVersion: CONFIG_VERSION };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // jsonc-parser (a CommonJS module, slow to load) only to say where a broken file is broken.
      const { parseJson } = await import("./json_text.ts");
      const parsed = parseJson(text);
      if (parsed.ok) value = parsed.value;
      else {
        const { line, column, detail } = parsed.problem;
        throw new ConfigParseError(this.paths.file, detail, { line, column });
      }
    }
    const { doc, fromVersion } = migrate(value, this.paths.file);
    return { doc, exists: true, fromVersion };
  }

  /**
   * Locked read-modify-write. `fn` changes the document in place (or returns a value for the caller);
   * the file is written only when the document changed. Returns what `fn` returned.
   */
  async update<T>(fn: (doc: ConfigData) => T | Promise<T>): Promise<T> {
    await ensurePrivateDir(this.paths.dir, this.#warn);
    return await withLock(this.paths.lock, async () => {
      await removeStaleTemps(this.paths.file);
      const { doc, exists, fromVersion } = await this.load();
      if (fromVersion > CONFIG_VERSION) {
        throw withRemedy(
          new ConfigError(
            `${this.paths.file} was written by a newer ppx (config version ${fromVersion}); this ppx writes version ${CONFIG_VERSION}.`,
            { code: "config.newer" },
          ),
          { action: "fix", topic: "config.newer" },
        );
      }
      const before = JSON.stringify(doc);
      const result = await fn(doc);
      if (
        JSON.stringify(doc) !== before || !exists || fromVersion !== CONFIG_VERSION || this.#needsSealing(doc)
      ) {
        await this.#cipher.seal(doc);
        await writeAtomic(this.paths.file, serialize(doc), this.#options.faults);
      }
      return result;
    }, { clock: this.#options.clock, timeoutMs: this.#options.lockTimeoutMs });
  }

  /** Decrypts a stored secret value (plaintext passes through). `where` names it in errors. */
  reveal(doc: ConfigData, value: string, where = "a secret value"): Promise<string> {
    return this.#cipher.reveal(doc, value, where);
  }

  /** True when a stored value is encrypted. */
  isSealed(value: unknown): boolean {
    return isSealed(value);
  }

  #needsSealing(doc: ConfigData): boolean {
    // With a key, legacy or plaintext secrets are upgraded on the next write.
    if (!this.#keyMaterial) return false;
    const values = [
      ...Object.values(doc.secrets ?? {}),
      ...Object.values(doc.profiles).flatMap((p) => [p.access_token, p.refresh_token, p.client_secret]),
    ];
    return values.some((v) => typeof v === "string" && v !== "" && !v.startsWith("ppxenc:"));
  }
}

/** The on-disk text of a document: 2-space JSON with a trailing newline. */
export function serialize(doc: ConfigData): string {
  const { version, ...rest } = doc;
  return JSON.stringify({ version, ...rest }, null, 2) + "\n";
}
