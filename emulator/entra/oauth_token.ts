/**
 * The emulated Entra token endpoint (`/{tenant}/oauth2/v2.0/token`): client authentication (secret,
 * certificate or federated assertion) and the client credentials, device code, authorization code and refresh
 * token grants, with Entra's AADSTS errors and queued failures.
 *
 * @module
 */

import type { Router } from "../router.ts";
import { authenticateClient } from "./client_auth.ts";
import {
  type EntraContext,
  randomToken,
  readForm,
  resourceOfScope,
  sha256b64u,
  tenantFor,
} from "./context.ts";
import type { OAuthGrants } from "./oauth.ts";
import type { EmulatedApp, EmulatedUser } from "./state.ts";

/** The token endpoint of one Entra. */
export class OAuthTokenEndpoint {
  constructor(
    readonly ctx: EntraContext,
    readonly grants: OAuthGrants,
    /** The public key federated assertions are checked with (the CI OIDC issuer's). */
    readonly externalKey: () => CryptoKey,
    /** Approves a device code (auto-approval knob). */
    readonly approveDevice: (userCode: string) => boolean,
  ) {}

  /** Adds the route. */
  register(router: Router): void {
    router.add("POST", "/:tenant/oauth2/v2.0/token", (r, m) => this.#token(r, m.params.tenant));
  }

  async #token(request: Request, segment: string): Promise<Response> {
    const form = await readForm(request);
    const grant = form.get("grant_type") ?? "";
    this.ctx.stats.token[grant] = (this.ctx.stats.token[grant] ?? 0) + 1;
    if (!this.ctx.directory.resolveTenant(segment)) return this.ctx.error(90002);
    const failure = this.grants.failures.findIndex((f) => f.grant === "*" || f.grant === grant);
    if (failure >= 0) {
      const f = this.grants.failures.splice(failure, 1)[0];
      return this.ctx.error(f.aadsts, {
        ...(f.error ? { error: f.error } : {}),
        ...(f.status ? { status: f.status } : {}),
        ...(f.description ? { text: f.description } : {}),
      });
    }
    const app = this.ctx.directory.app(form.get("client_id"));
    if (!app) {
      return this.ctx.error(700016, {
        text: `Application with identifier '${
          form.get("client_id")
        }' was not found in the directory '${segment}'.`,
      });
    }
    const tenant = tenantFor(this.ctx.directory, segment, app)!;
    const auth = await authenticateClient({
      app,
      form,
      authorization: request.headers.get("authorization"),
      tokenEndpoints: [
        `${this.ctx.url()}/${segment}/oauth2/v2.0/token`,
        `${this.ctx.url()}/${tenant}/oauth2/v2.0/token`,
      ],
      now: this.ctx.now(),
      externalKey: this.externalKey(),
      usedJti: this.grants.usedJti,
    });
    if (!auth.ok) return this.ctx.error(auth.aadsts, auth.text ? { text: auth.text } : {});
    switch (grant) {
      case "client_credentials":
        return await this.#clientCredentials(form, app, tenant, auth.via);
      case "urn:ietf:params:oauth:grant-type:device_code":
        return await this.#deviceToken(form, app, auth.via);
      case "authorization_code":
        return await this.#codeToken(form, app, auth.via);
      case "refresh_token":
        return await this.#refreshToken(form, app, auth.via);
      default:
        return this.ctx.error(70003, {
          error: "unsupported_grant_type",
          text: `The app requested an unsupported grant type '${grant}'.`,
        });
    }
  }

  async #appToken(app: EmulatedApp, tenant: string, resource: string, granted: string): Promise<Response> {
    const lifetime = this.ctx.knobs.tokenLifetimeSeconds;
    const token = await this.ctx.core().tokens.issue({
      aud: resource,
      tid: tenant,
      oid: app.servicePrincipalId,
      appid: app.clientId,
      expiresIn: lifetime,
      extra: { idtyp: "app", sub: app.servicePrincipalId, ...(app.roles.length ? { roles: app.roles } : {}) },
    });
    return Response.json({
      token_type: "Bearer",
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: token,
      scope: granted,
    }, {
      headers: { "cache-control": "no-store" },
    });
  }

  async #userToken(clientId: string, tenant: string, user: EmulatedUser, scope: string): Promise<Response> {
    const target = resourceOfScope(scope);
    if (!target) return this.ctx.error(70011);
    if (this.ctx.knobs.consentRequired.has(target.resource.replace(/\/+$/, ""))) {
      return this.ctx.error(65001, {
        text:
          `The user or administrator has not consented to use the application with ID '${clientId}'. Send an interactive authorization request for this user and resource.`,
      });
    }
    const lifetime = this.ctx.knobs.tokenLifetimeSeconds;
    const token = await this.ctx.core().tokens.issue({
      aud: target.resource,
      tid: tenant,
      oid: user.objectId,
      appid: clientId,
      scp: "user_impersonation",
      upn: user.username,
      expiresIn: lifetime,
      extra: { idtyp: "user", sub: user.objectId, name: user.username.split("@")[0] },
    });
    const refresh = randomToken(64);
    this.grants.refresh.set(refresh, {
      clientId,
      tenantId: tenant,
      user,
      expiresAt: this.ctx.now() + this.ctx.knobs.refreshTokenLifetimeSeconds * 1000,
      revoked: false,
    });
    return Response.json({
      token_type: "Bearer",
      scope: `${target.resource.replace(/\/+$/, "")}/user_impersonation ${target.granted}`,
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: token,
      ...(scope.split(/\s+/).includes("offline_access") ? { refresh_token: refresh } : {}),
    }, { headers: { "cache-control": "no-store" } });
  }

  async #clientCredentials(
    form: URLSearchParams,
    app: EmulatedApp,
    tenant: string,
    via: string,
  ): Promise<Response> {
    if (via === "none") return this.ctx.error(7000218);
    const target = resourceOfScope(form.get("scope") ?? "");
    if (!target || !target.granted.endsWith("/.default")) {
      return this.ctx.error(1002012, {
        error: "invalid_scope",
        text:
          "The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).",
      });
    }
    return await this.#appToken(app, tenant, target.resource, target.granted);
  }

  #publicClientCheck(app: EmulatedApp, via: string): Response | undefined {
    if (via === "none" && !app.publicClient) return this.ctx.error(7000218);
    return undefined;
  }

  async #deviceToken(form: URLSearchParams, app: EmulatedApp, via: string): Promise<Response> {
    const denied = this.#publicClientCheck(app, via);
    if (denied) return denied;
    const grant = this.grants.devices.get(form.get("device_code") ?? "");
    if (!grant || grant.clientId !== app.clientId) {
      return this.ctx.error(70000, {
        error: "bad_verification_code",
        text: "The provided value for the input parameter 'device_code' is not valid.",
      });
    }
    if (this.ctx.now() >= grant.expiresAt) return this.ctx.error(70019);
    grant.polls++;
    if (this.ctx.knobs.blockDeviceCode) return this.ctx.error(53003);
    if (grant.polls <= this.ctx.knobs.deviceSlowDownPolls) {
      return this.ctx.error(70016, {
        error: "slow_down",
        text: "OAuth 2.0 device flow error. Polling too fast; slow down.",
      });
    }
    const auto = this.ctx.knobs.deviceAutoApproveAfterPolls;
    if (
      grant.status === "pending" && auto !== undefined &&
      grant.polls > auto + this.ctx.knobs.deviceSlowDownPolls
    ) {
      if (this.ctx.knobs.deviceDecline) grant.status = "declined";
      else this.approveDevice(grant.userCode);
    }
    if (grant.status === "declined") {
      this.grants.devices.delete(grant.deviceCode);
      return this.ctx.error(70000, {
        error: "authorization_declined",
        text: "The end user denied the authorization request.",
      });
    }
    if (grant.status === "pending") return this.ctx.error(70016);
    this.grants.devices.delete(grant.deviceCode);
    return await this.#userToken(
      app.clientId,
      grant.user!.tenantId ?? grant.tenantId,
      grant.user!,
      grant.scope,
    );
  }

  async #codeToken(form: URLSearchParams, app: EmulatedApp, via: string): Promise<Response> {
    const denied = this.#publicClientCheck(app, via);
    if (denied) return denied;
    const code = this.grants.codes.get(form.get("code") ?? "");
    if (!code || code.used || code.clientId !== app.clientId) {
      return this.ctx.error(70000, { text: "The provided authorization code is not valid." });
    }
    if (this.ctx.now() > code.expiresAt) return this.ctx.error(70008);
    if (form.get("redirect_uri") !== code.redirectUri) return this.ctx.error(50011);
    if (await sha256b64u(form.get("code_verifier") ?? "") !== code.challenge) return this.ctx.error(501481);
    code.used = true;
    const scope = form.get("scope") || code.scope;
    return await this.#userToken(app.clientId, code.tenantId, code.user, scope);
  }

  async #refreshToken(form: URLSearchParams, app: EmulatedApp, via: string): Promise<Response> {
    const denied = this.#publicClientCheck(app, via);
    if (denied) return denied;
    const value = form.get("refresh_token") ?? "";
    const grant = this.grants.refresh.get(value);
    if (!grant || grant.clientId !== app.clientId) return this.ctx.error(70000);
    if (grant.revoked) {
      return this.ctx.error(50173, {
        text: "The provided grant has expired due to it being revoked, a fresh auth token is needed.",
      });
    }
    if (this.ctx.now() > grant.expiresAt) return this.ctx.error(700082);
    if (this.ctx.knobs.strictRefreshRotation) grant.revoked = true;
    return await this.#userToken(app.clientId, grant.tenantId, grant.user, form.get("scope") ?? "");
  }
}
