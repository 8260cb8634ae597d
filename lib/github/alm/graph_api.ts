/**
 * The Microsoft Graph calls of setup-ci (v1.0): the app registration (found by appId or by display
 * name), its federated identity credentials and its service principal. A 403 becomes an AuthError that
 * names the permission (`Application.ReadWrite.All`) and the way around it (`--client-id`).
 *
 * @module
 */

import { ApiError, AuthError } from "../../errors.ts";
import type { HttpClient } from "../../http/client.ts";
import { AlmNotFoundError } from "./errors.ts";

/** The issuer of GitHub Actions OIDC tokens. */
export const GITHUB_OIDC_ISSUER = "https://token.actions.githubusercontent.com";
/** The audience Entra expects in federated tokens. */
export const ENTRA_TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";
/** The tag setup-ci puts on app registrations it creates (teardown deletes only those). */
export const SETUP_CI_TAG = "ppx-setup-ci";

/** An app registration. */
export interface GraphApplication {
  /** Object id. */
  id: string;
  /** Application (client) id. */
  appId: string;
  displayName?: string;
  tags?: string[];
}

/** A federated identity credential. */
export interface FederatedCredential {
  id?: string;
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  description?: string;
}

function quote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Graph v1.0 for app registrations. */
export class GraphAppsApi {
  readonly #http: HttpClient;

  /** `http` has `https://graph.microsoft.com/v1.0` (or the emulator's) as base and a Graph token. */
  constructor(http: HttpClient) {
    this.#http = http;
  }

  async #call<T>(
    method: string,
    path: string,
    options: { json?: unknown; query?: Record<string, string> } = {},
  ) {
    try {
      return await this.#http.json<T>(method, path, options);
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) {
        throw new AuthError(
          `Microsoft Graph refused ${method} ${
            path.split("?")[0]
          }: the signed-in identity lacks the permission.`,
          {
            code: "auth.graph.permission",
            cause: error,
          },
        );
      }
      throw error;
    }
  }

  /** The app with this application (client) id; NotFoundError when none. */
  async byAppId(appId: string): Promise<GraphApplication> {
    const list = await this.#call<{ value: GraphApplication[] }>("GET", "/applications", {
      query: { $filter: `appId eq ${quote(appId)}` },
    });
    const app = list.value[0];
    if (!app) {
      throw new AlmNotFoundError(
        "client-id",
        appId,
        `No app registration has the client id ${appId} in this tenant.`,
      );
    }
    return app;
  }

  /** The first app with this display name, if any. */
  async byName(displayName: string): Promise<GraphApplication | undefined> {
    const list = await this.#call<{ value: GraphApplication[] }>("GET", "/applications", {
      query: { $filter: `displayName eq ${quote(displayName)}` },
    });
    return list.value[0];
  }

  /** Creates a single-tenant app registration without any credential. */
  async create(displayName: string): Promise<GraphApplication> {
    return await this.#call<GraphApplication>("POST", "/applications", {
      json: { displayName, signInAudience: "AzureADMyOrg", tags: [SETUP_CI_TAG] },
    });
  }

  /** Deletes an app registration (it goes to the tenant's deleted items for 30 days). */
  async delete(id: string): Promise<void> {
    await this.#call("DELETE", `/applications/${encodeURIComponent(id)}`);
  }

  /** The app's federated credentials. */
  async credentials(id: string): Promise<FederatedCredential[]> {
    const list = await this.#call<{ value: FederatedCredential[] }>(
      "GET",
      `/applications/${encodeURIComponent(id)}/federatedIdentityCredentials`,
    );
    return list.value;
  }

  /** Adds a federated credential. */
  async addCredential(id: string, credential: FederatedCredential): Promise<void> {
    await this.#call("POST", `/applications/${encodeURIComponent(id)}/federatedIdentityCredentials`, {
      json: credential,
    });
  }

  /** Removes a federated credential. */
  async deleteCredential(id: string, credentialId: string): Promise<void> {
    await this.#call(
      "DELETE",
      `/applications/${encodeURIComponent(id)}/federatedIdentityCredentials/${
        encodeURIComponent(credentialId)
      }`,
    );
  }

  /** True when the app has a service principal in the tenant. */
  async hasServicePrincipal(appId: string): Promise<boolean> {
    const list = await this.#call<{ value: unknown[] }>("GET", "/servicePrincipals", {
      query: { $filter: `appId eq ${quote(appId)}` },
    });
    return list.value.length > 0;
  }

  /** Creates the app's service principal (Dataverse needs it to add an application user). */
  async createServicePrincipal(appId: string): Promise<void> {
    await this.#call("POST", "/servicePrincipals", { json: { appId } });
  }
}
