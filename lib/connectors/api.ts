/**
 * The two service families that hold custom connectors, behind one interface:
 * - `powerapps`: the PowerApps resource provider paconn uses
 *   (`{powerAppsUrl}/providers/Microsoft.PowerApps/apis?$filter=environment eq '{env}'`, api-version
 *   2016-11-01 by default, token audience `https://service.powerapps.com/`), with its resource storage for
 *   icons and scripts;
 * - `connectivity`: the Power Platform API (`{powerPlatformUrl}/connectivity/environments/{env}/
 *   customConnectors`, api-version 2022-03-01-preview, audience `https://api.powerplatform.com/`).
 * With `auto`, reads and deletes try connectivity first and fall back to powerapps when it answers
 * 401, 403, 404 or 405 (the earlier CLI's rule); writes go to powerapps, which is what paconn does and
 * the only family with resource storage.
 *
 * Permissions: net (the two API hosts and the storage account).
 *
 * @module
 */

import { ApiError, UsageError } from "../errors.ts";
import { ConnectorNotFoundError, ConnectorUsageError } from "./errors.ts";
import type { HttpClient } from "../http/client.ts";
import { paginate } from "../http/paging.ts";

/** Which family to use. */
export type ConnectorEndpoint = "auto" | "connectivity" | "powerapps";

/** The endpoint names `--endpoint` accepts. */
export const CONNECTOR_ENDPOINTS: readonly ConnectorEndpoint[] = ["auto", "connectivity", "powerapps"];

/** A connector resource as the services return it. */
export interface ConnectorResource {
  name: string;
  id?: string;
  properties: Record<string, unknown>;
}

/** What the API needs. */
export interface ConnectorApiDeps {
  /** Client for `{powerAppsUrl}` (e.g. https://api.powerapps.com) with a PowerApps token. */
  powerApps: HttpClient;
  /** Client for `{powerPlatformUrl}/` with a Power Platform API token. */
  powerPlatform: HttpClient;
  /** For storage uploads and downloads: no token (SAS URLs carry their own signature). */
  anonymous: HttpClient;
  environment: string;
  endpoint: ConnectorEndpoint;
  /** api-version of the PowerApps RP (settings.json's powerAppsApiVersion). */
  powerAppsApiVersion: string;
  /** The signed-in identity's object id (paconn's `objectIds/{oid}/...` calls). */
  objectId: () => Promise<string>;
}

/** api-version of the connectivity endpoints. */
export const CONNECTIVITY_API_VERSION = "2022-03-01-preview";

const FALLBACK = new Set([401, 403, 404, 405]);
const PA = "providers/Microsoft.PowerApps";

/** Custom connectors in one environment. */
export class ConnectorApi {
  constructor(readonly deps: ConnectorApiDeps) {
    if (!CONNECTOR_ENDPOINTS.includes(deps.endpoint)) {
      throw new UsageError(`Unknown endpoint "${deps.endpoint}".`, {
        hint: "Use auto, connectivity or powerapps.",
      });
    }
  }

  #pa(path: string): [string, { query: Record<string, string> }] {
    return [path, {
      query: {
        "api-version": this.deps.powerAppsApiVersion,
        "$filter": `environment eq '${this.deps.environment}'`,
      },
    }];
  }

  #pp(path = ""): [string, { query: Record<string, string> }] {
    const base = `connectivity/environments/${encodeURIComponent(this.deps.environment)}/customConnectors`;
    return [`${base}${path}`, { query: { "api-version": CONNECTIVITY_API_VERSION } }];
  }

  /** Runs `connectivity` first under `auto`, falling back to `powerapps` on 401/403/404/405. */
  async #either<T>(connectivity: () => Promise<T>, powerApps: () => Promise<T>): Promise<T> {
    if (this.deps.endpoint === "powerapps") return await powerApps();
    if (this.deps.endpoint === "connectivity") return await connectivity();
    try {
      return await connectivity();
    } catch (error) {
      if (error instanceof ApiError && FALLBACK.has(error.status)) return await powerApps();
      throw error;
    }
  }

  /** Every custom connector of the environment, page by page. */
  async *list(top?: number): AsyncGenerator<ConnectorResource> {
    const pages = (client: HttpClient, [path, options]: [string, { query: Record<string, string> }]) =>
      paginate<ConnectorResource>(client, path, {
        query: { ...options.query, ...(top ? { $top: String(top) } : {}) },
      });
    let source: AsyncGenerator<{ items: ConnectorResource[] }>;
    const first = await this.#either(
      async () => {
        source = pages(this.deps.powerPlatform, this.#pp());
        return await source.next();
      },
      async () => {
        source = pages(this.deps.powerApps, this.#pa(`${PA}/apis`));
        return await source.next();
      },
    );
    let count = 0;
    for (let page = first; !page.done; page = await source!.next()) {
      for (const item of page.value.items) {
        if (top !== undefined && count >= top) return;
        count++;
        yield item;
      }
    }
  }

  /** One connector; NotFoundError names the connector and environment. */
  async get(name: string): Promise<ConnectorResource> {
    return await this.#notFound(name, () =>
      this.#either(
        () =>
          this.deps.powerPlatform.json<ConnectorResource>("GET", ...this.#pp(`/${encodeURIComponent(name)}`)),
        () =>
          this.deps.powerApps.json<ConnectorResource>(
            "GET",
            ...this.#pa(`${PA}/apis/${encodeURIComponent(name)}`),
          ),
      ));
  }

  /** Deletes a connector; NotFoundError when it is not there. */
  async delete(name: string): Promise<void> {
    await this.#notFound(name, () =>
      this.#either(
        async () =>
          void await this.deps.powerPlatform.send("DELETE", ...this.#pp(`/${encodeURIComponent(name)}`)),
        async () =>
          void await this.deps.powerApps.send(
            "DELETE",
            ...this.#pa(`${PA}/apis/${encodeURIComponent(name)}`),
          ),
      ));
  }

  /** Creates a connector from a merged payload; returns the new resource. */
  async create(payload: Record<string, unknown>): Promise<ConnectorResource> {
    if (this.deps.endpoint === "connectivity") {
      const [path, options] = this.#pp();
      return await this.deps.powerPlatform.json<ConnectorResource>("POST", path, {
        ...options,
        json: payload,
      });
    }
    const [path, options] = this.#pa(`${PA}/apis`);
    return await this.deps.powerApps.json<ConnectorResource>("POST", path, {
      ...options,
      json: payload,
      headers: { "x-ms-origin": "ppx" },
    });
  }

  /** Updates a connector with a merged payload (the service replaces the definition). */
  async update(name: string, payload: Record<string, unknown>): Promise<ConnectorResource> {
    return await this.#notFound(name, () => {
      if (this.deps.endpoint === "connectivity") {
        const [path, options] = this.#pp(`/${encodeURIComponent(name)}`);
        return this.deps.powerPlatform.json<ConnectorResource>("PATCH", path, {
          ...options,
          json: payload,
          retrySafe: true,
        });
      }
      const [path, options] = this.#pa(`${PA}/apis/${encodeURIComponent(name)}`);
      return this.deps.powerApps.json<ConnectorResource>("PATCH", path, {
        ...options,
        json: payload,
        retrySafe: true,
        headers: { "x-ms-origin": "ppx" },
      });
    });
  }

  /** A SAS URL of a storage container for the icon and script (PowerApps RP). */
  async resourceStorage(): Promise<string> {
    const oid = await this.deps.objectId();
    const body = await this.deps.powerApps.json<{ sharedAccessSignature?: string }>(
      "POST",
      `${PA}/objectIds/${encodeURIComponent(oid)}/generateResourceStorage`,
      {
        query: { "api-version": this.deps.powerAppsApiVersion },
        json: { environment: { name: this.deps.environment } },
      },
    );
    if (typeof body?.sharedAccessSignature !== "string") {
      throw new ApiError("generateResourceStorage answered without a sharedAccessSignature.", {
        status: 200,
        method: "POST",
      });
    }
    return body.sharedAccessSignature;
  }

  /** Uploads a file to the container a SAS URL grants; returns the blob's URL (with the signature). */
  async upload(sasUrl: string, fileName: string, bytes: Uint8Array, contentType: string): Promise<string> {
    const url = new URL(sasUrl);
    url.pathname = `${url.pathname.replace(/\/+$/, "")}/${encodeURIComponent(fileName)}`;
    await this.deps.anonymous.send("PUT", url.toString(), {
      body: bytes,
      anonymous: true,
      retrySafe: true,
      headers: { "x-ms-blob-type": "BlockBlob", "content-type": contentType },
    });
    return url.toString();
  }

  /** Downloads a file the service links to (a SAS URL: sent without a token). */
  async download(url: string): Promise<Uint8Array> {
    const response = await this.deps.anonymous.send("GET", url, { anonymous: true });
    return new Uint8Array(await response.arrayBuffer());
  }

  /** The service's own validation (`--remote`): connectivity's `:validate` or PowerApps' validateApiSwagger. */
  async validateRemote(name: string | undefined, definition: unknown): Promise<unknown> {
    if (this.deps.endpoint === "connectivity") {
      if (!name) {
        throw new ConnectorUsageError(
          "validate-needs-name",
          "Validation through the connectivity API needs the connector's name.",
        );
      }
      const [path, options] = this.#pp(`/${encodeURIComponent(name)}:validate`);
      return await this.deps.powerPlatform.json("POST", path, {
        ...options,
        json: { properties: { openApiDefinition: definition } },
      });
    }
    const oid = await this.deps.objectId();
    return await this.deps.powerApps.json(
      "POST",
      `${PA}/objectIds/${encodeURIComponent(oid)}/validateApiSwagger`,
      {
        query: { "api-version": this.deps.powerAppsApiVersion, enableConnectorCertificationRules: "true" },
        json: definition,
        allowStatus: [400],
      },
    );
  }

  /** The connector's runtime status (connectivity only; it has no PowerApps equivalent). */
  async runtimeStatus(name: string): Promise<unknown> {
    if (this.deps.endpoint === "powerapps") {
      throw new ConnectorUsageError(
        "runtime-status-needs-connectivity",
        "runtime-status exists only on the connectivity API.",
      );
    }
    return await this.#notFound(
      name,
      () => this.deps.powerPlatform.json("GET", ...this.#pp(`/${encodeURIComponent(name)}/runtimeStatus`)),
    );
  }

  async #notFound<T>(name: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        throw new ConnectorNotFoundError(name, this.deps.environment, error);
      }
      throw error;
    }
  }
}
