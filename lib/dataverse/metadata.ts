/**
 * One metadata cache per Dataverse client: the table behind an entity set, its columns, alternate keys and
 * choice options, and the entity sets of lookup targets, each read at most once per client (an invocation
 * builds one client per org). Lookup targets are read in one request for many tables instead of one each.
 * `DataverseClient.metadata` hands out the client's cache; key typing (`lib/dataverse/keys.ts`) reads
 * through it, and so does the bulk engine (`lib/dataverse/bulk/metadata.ts`).
 *
 * @module
 */

import type { AlternateKeyInfo, AttributeInfo, ChoiceOption, DataverseClient, EntityInfo } from "./client.ts";

/** Tables whose entity sets one request asks for (keeps the `$filter` URL well under length limits). */
const TARGETS_PER_REQUEST = 40;

/** Memoised metadata reads of one client; see the module comment. */
export class MetadataCache {
  readonly #client: DataverseClient;
  readonly #entities = new Map<string, Promise<EntityInfo | undefined>>();
  readonly #attributes = new Map<string, Promise<AttributeInfo[]>>();
  readonly #keys = new Map<string, Promise<AlternateKeyInfo[]>>();
  readonly #choices = new Map<string, Promise<Map<string, ChoiceOption[]>>>();
  readonly #entitySets = new Map<string, string | undefined>();
  #tables?: Promise<{ LogicalName: string; EntitySetName: string }[]>;

  /** Reads through `client`; nothing is read until asked. */
  constructor(client: DataverseClient) {
    this.#client = client;
  }

  /** The table behind an entity set or logical name (undefined when there is none). */
  entity(nameOrSet: string): Promise<EntityInfo | undefined> {
    return memo(this.#entities, nameOrSet, () => this.#client.entity(nameOrSet));
  }

  /** The logical and entity set names of every table of the org (for suggestions), read once. */
  tables(): Promise<{ LogicalName: string; EntitySetName: string }[]> {
    if (!this.#tables) {
      const load = this.#client.tableNames();
      this.#tables = load;
      load.catch(() => (this.#tables = undefined));
    }
    return this.#tables;
  }

  /** The columns of a table (logical name). */
  attributes(logicalName: string): Promise<AttributeInfo[]> {
    return memo(this.#attributes, logicalName, () => this.#client.attributes(logicalName));
  }

  /** The alternate keys of a table (logical name). */
  alternateKeys(logicalName: string): Promise<AlternateKeyInfo[]> {
    return memo(this.#keys, logicalName, () => this.#client.alternateKeys(logicalName));
  }

  /** The options of a table's choice columns (logical name). */
  choices(logicalName: string): Promise<Map<string, ChoiceOption[]>> {
    return memo(this.#choices, logicalName, () => this.#client.choices(logicalName));
  }

  /**
   * The entity set names of tables given by logical name (lookup targets), read in as few requests as
   * possible; a table that does not exist is left out of the map.
   */
  async entitySets(logicalNames: Iterable<string>): Promise<Map<string, string>> {
    const wanted = [...new Set(logicalNames)];
    const missing = wanted.filter((name) => !this.#entitySets.has(name));
    for (let i = 0; i < missing.length; i += TARGETS_PER_REQUEST) {
      const chunk = missing.slice(i, i + TARGETS_PER_REQUEST);
      const found = await this.#client.entitiesByLogicalName(chunk);
      for (const name of chunk) {
        const entity = found.find((e) => e.LogicalName === name);
        this.#entitySets.set(name, entity?.EntitySetName);
        if (entity) this.#entities.set(name, Promise.resolve(entity));
      }
    }
    const out = new Map<string, string>();
    for (const name of wanted) {
      const set = this.#entitySets.get(name);
      if (set !== undefined) out.set(name, set);
    }
    return out;
  }
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let promise = cache.get(key);
  if (!promise) {
    promise = load();
    // A failed read is not remembered: the next caller tries again.
    promise.catch(() => cache.delete(key));
    cache.set(key, promise);
  }
  return promise;
}
