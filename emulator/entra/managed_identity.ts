/**
 * The emulated managed identity endpoints: Azure IMDS (`/metadata/identity/oauth2/token`, `Metadata: true`)
 * and App Service (`IDENTITY_ENDPOINT` + `X-IDENTITY-HEADER`), selecting system- or user-assigned identities by
 * client, object or resource id, with injectable faults (410 while "upgrading", 429 with Retry-After, 5xx).
 *
 * @module
 */

import type { Router } from "../router.ts";
import { type EntraContext, randomToken } from "./context.ts";

/** An answer IMDS gives before a token, e.g. `{ status: 429, retryAfter: 2 }`. */
export interface ManagedIdentityFault {
  status: number;
  /** Seconds or an HTTP-date, sent as given. */
  retryAfter?: number | string;
}

/** The managed identity issuer of one Entra. */
export class ManagedIdentityIssuer {
  /** The secret App Service puts in IDENTITY_HEADER. */
  readonly identityHeader: string = randomToken(16);
  /** Faults answered one per request before any token. */
  readonly faults: ManagedIdentityFault[] = [];

  constructor(readonly ctx: EntraContext) {}

  /** Adds the routes. */
  register(router: Router): void {
    router.add("GET", "/metadata/identity/oauth2/token", (r, m) => this.#imds(r, m.url));
    router.add("GET", "/msi/token", (r, m) => this.#appService(r, m.url));
  }

  /** Environment pointing managed identity at the emulated IMDS. */
  imdsEnv(): Record<string, string> {
    return { AZURE_POD_IDENTITY_AUTHORITY_HOST: this.ctx.url() };
  }

  /** Environment of an App Service with a managed identity. */
  appServiceEnv(): Record<string, string> {
    return { IDENTITY_ENDPOINT: `${this.ctx.url()}/msi/token`, IDENTITY_HEADER: this.identityHeader };
  }

  async #managedToken(
    url: URL,
    selector: { clientId: string | null; objectId: string | null; resourceId: string | null },
  ) {
    const resource = url.searchParams.get("resource");
    if (!resource) {
      return Response.json({
        error: "invalid_request",
        error_description: "Required query variable 'resource' is missing",
      }, { status: 400 });
    }
    const identity = this.ctx.directory.managedIdentity(selector);
    if (!identity) {
      return Response.json({ error: "invalid_request", error_description: "Identity not found" }, {
        status: 400,
      });
    }
    const lifetime = this.ctx.knobs.tokenLifetimeSeconds;
    const now = this.ctx.now();
    const token = await this.ctx.core().tokens.issue({
      aud: resource,
      tid: identity.tenantId,
      oid: identity.objectId,
      appid: identity.clientId,
      expiresIn: lifetime,
      extra: {
        idtyp: "app",
        sub: identity.objectId,
        xms_mirid: identity.resourceId ?? "/subscriptions/emulated",
      },
    });
    return {
      access_token: token,
      client_id: identity.clientId,
      expires_in: String(lifetime),
      expires_on: String(Math.floor(now / 1000) + lifetime),
      not_before: String(Math.floor(now / 1000) - 60),
      resource,
      token_type: "Bearer",
    };
  }

  /** The next injected managed identity fault, answered the way IMDS answers it. */
  #managedFault(): Response | undefined {
    const fault = this.faults.shift();
    if (!fault) return undefined;
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
    return Response.json({
      error: fault.status === 429 ? "too_many_requests" : "temporarily_unavailable",
      error_description: `Injected fault: HTTP ${fault.status}`,
    }, { status: fault.status, headers });
  }

  async #imds(request: Request, url: URL): Promise<Response> {
    this.ctx.stats.imds++;
    const fault = this.#managedFault();
    if (fault) return fault;
    if (request.headers.get("metadata") !== "true") {
      return Response.json({
        error: "invalid_request",
        error_description: "Required metadata header not specified",
      }, { status: 400 });
    }
    const body = await this.#managedToken(url, {
      clientId: url.searchParams.get("client_id"),
      objectId: url.searchParams.get("object_id"),
      resourceId: url.searchParams.get("msi_res_id"),
    });
    if (body instanceof Response) return body;
    return Response.json({ ...body, ext_expires_in: body.expires_in });
  }

  async #appService(request: Request, url: URL): Promise<Response> {
    this.ctx.stats.appService++;
    const fault = this.#managedFault();
    if (fault) return fault;
    if (request.headers.get("x-identity-header") !== this.identityHeader) {
      return Response.json({
        statusCode: 401,
        message: "Unauthorized: the X-IDENTITY-HEADER is missing or wrong.",
      }, { status: 401 });
    }
    const body = await this.#managedToken(url, {
      clientId: url.searchParams.get("client_id"),
      objectId: url.searchParams.get("principal_id"),
      resourceId: url.searchParams.get("mi_res_id"),
    });
    if (body instanceof Response) return body;
    const { access_token, expires_on, resource, token_type, client_id } = body;
    return Response.json({ access_token, expires_on, resource, token_type, client_id });
  }
}
