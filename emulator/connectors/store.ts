/**
 * The emulator's custom connectors: one registry per environment, shared by the PowerApps resource
 * provider and the Power Platform connectivity API, plus the blob storage the icon and script go to.
 *
 * @module
 */

/** A stored custom connector. */
export interface StoredConnector {
  /** The connector's name (its id in URLs), e.g. `shared_contoso-20items-5f1a2b3c4d5e6f7a8b`. */
  name: string;
  environment: string;
  /** Everything under `properties` as the service keeps it (secrets removed). */
  properties: Record<string, unknown>;
  /** The definition as sent, served back from blob storage as `apiDefinitions.originalSwaggerUrl`. */
  swagger: string;
}

/** A blob in the emulated storage account. */
export interface StoredBlob {
  bytes: Uint8Array;
  contentType: string;
}

/** Registry and storage. */
export class ConnectorStore {
  readonly #byEnv = new Map<string, Map<string, StoredConnector>>();
  /** container -> signature that grants access. */
  readonly containers = new Map<string, string>();
  /** `container/blob` -> blob. */
  readonly blobs = new Map<string, StoredBlob>();
  /** OAuth client secrets received, by connector name: kept apart, never returned (tests read them). */
  readonly secrets = new Map<string, string>();
  /** Storage requests that carried an Authorization header (a SAS URL needs none: tests expect 0). */
  bearerOnStorage = 0;

  /** The environment's connectors (created empty when new). */
  environment(env: string): Map<string, StoredConnector> {
    const key = env.toLowerCase();
    let map = this.#byEnv.get(key);
    if (!map) this.#byEnv.set(key, map = new Map());
    return map;
  }

  /** Every connector of an environment, oldest first. */
  list(env: string): StoredConnector[] {
    return [...this.environment(env).values()];
  }

  /** One connector, by name (case-insensitive, as the service matches). */
  get(env: string, name: string): StoredConnector | undefined {
    return this.environment(env).get(name.toLowerCase());
  }

  /** Adds or replaces a connector. */
  put(connector: StoredConnector): void {
    this.environment(connector.environment).set(connector.name.toLowerCase(), connector);
  }

  /** Removes a connector; false when it was not there. */
  delete(env: string, name: string): boolean {
    return this.environment(env).delete(name.toLowerCase());
  }
}
