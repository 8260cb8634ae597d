/**
 * The emulated Microsoft Entra ID: tenant-scoped OpenID configuration and JWKS, the device code,
 * authorize (a sign-in page a browser can complete) and token endpoints for every grant ppx uses, the
 * managed identity endpoints (IMDS and App Service), and GitHub Actions / Azure DevOps OIDC token
 * endpoints that mint federated assertions. Tokens come from the emulator core's token authority, so
 * every other emulated service accepts them.
 *
 * @module
 */

import { generateKeyPair, SignJWT } from "jose";
import type { Router } from "../router.ts";
import type { EmulatorCore, EmulatorService } from "../server.ts";
import { authenticateClient } from "./client_auth.ts";
import { DEFAULT_USERNAME, Directory } from "./directory.ts";
import { aadstsResponse } from "./errors.ts";
import { deviceLoginPage, donePage, errorPage, signInPage } from "./pages.ts";
import {
  defaultKnobs,
  type EmulatedApp,
  type EmulatedUser,
  type EntraCodeGrant,
  type EntraDeviceGrant,
  type EntraKnobs,
  type EntraQueuedFailure,
  type EntraRefreshGrant,
} from "./state.ts";

const SCOPE_NOISE = new Set(["openid", "profile", "offline_access", "email"]);

/** Counters tests assert on. */
export interface EntraStats {
  /** Token requests by grant type. */
  token: Record<string, number>;
  discovery: number;
  deviceCode: number;
  imds: number;
  appService: number;
}

function randomToken(bytes = 32): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return buf.toBase64({ alphabet: "base64url", omitPadding: true });
}

async function sha256b64u(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return digest.toBase64({ alphabet: "base64url", omitPadding: true });
}

/** Splits a requested scope into the resource and what to echo back; undefined when there is none. */
export function resourceOfScope(scope: string): { resource: string; granted: string } | undefined {
  const parts = scope.split(/\s+/).filter((s) => s && !SCOPE_NOISE.has(s));
  if (parts.length !== 1) return undefined;
  const only = parts[0];
  const cut = only.lastIndexOf("/");
  if (cut <= "https://".length) return undefined;
  return { resource: only.slice(0, cut), granted: only };
}

/** The Entra emulator service. */
export class EntraService implements EmulatorService {
  readonly name = "entra";
  readonly directory: Directory = new Directory();
  readonly knobs: EntraKnobs;
  readonly stats: EntraStats = { token: {}, discovery: 0, deviceCode: 0, imds: 0, appService: 0 };
  /** The secret App Service puts in IDENTITY_HEADER. */
  readonly identityHeader: string = randomToken(16);
  /**
   * Answers the managed identity endpoints give before a token, one per request, e.g. `[{ status: 410 }]`
   * while IMDS is "being upgraded" or `[{ status: 429, retryAfter: 2 }]`; `retryAfter` is seconds or an
   * HTTP-date, sent as given.
   */
  readonly managedIdentityFaults: { status: number; retryAfter?: number | string }[] = [];
  /** GitHub Actions request token (ACTIONS_ID_TOKEN_REQUEST_TOKEN) and the subject it mints tokens for. */
  readonly githubActions: { requestToken: string; subject: string } = {
    requestToken: randomToken(16),
    subject: "repo:contoso/app:ref:refs/heads/main",
  };
  /** Azure DevOps access token (SYSTEM_ACCESSTOKEN) and service connection id -> subject. */
  readonly azureDevOps: { accessToken: string; connections: Map<string, string> } = {
    accessToken: randomToken(16),
    connections: new Map<string, string>(),
  };
  readonly #devices = new Map<string, EntraDeviceGrant>();
  readonly #codes = new Map<string, EntraCodeGrant>();
  readonly #refresh = new Map<string, EntraRefreshGrant>();
  readonly #usedJti = new Set<string>();
  readonly #failures: EntraQueuedFailure[] = [];
  #core?: EmulatorCore;
  #external?: CryptoKeyPair;

  constructor(knobs: Partial<EntraKnobs> = {}) {
    this.knobs = { ...defaultKnobs(), ...knobs };
  }

  /** The emulator's base URL. */
  get url(): string {
    if (!this.#core) throw new Error("emulator: Entra service is not registered");
    return this.#core.url;
  }

  /** The authority URL for a tenant (id, domain, organizations). */
  authority(tenant: string = "organizations"): string {
    return `${this.url}/${tenant}`;
  }

  /** Issuer of emulated GitHub Actions tokens. */
  get githubIssuer(): string {
    return `${this.url}/_github`;
  }

  /** Issuer of emulated Azure DevOps tokens. */
  get azureDevOpsIssuer(): string {
    return `${this.url}/_ado`;
  }

  /** Environment a GitHub Actions job with `id-token: write` has. */
  githubActionsEnv(): Record<string, string> {
    return {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${this.url}/_github/idtoken?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: this.githubActions.requestToken,
    };
  }

  /** Environment an Azure DevOps job has for a service connection (registered with `subject`). */
  azureDevOpsEnv(serviceConnectionId: string, subject: string): Record<string, string> {
    this.azureDevOps.connections.set(serviceConnectionId, subject);
    return {
      SYSTEM_OIDCREQUESTURI: `${this.url}/_ado/oidctoken`,
      SYSTEM_ACCESSTOKEN: this.azureDevOps.accessToken,
      AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: serviceConnectionId,
    };
  }

  /** Environment pointing managed identity at the emulated IMDS. */
  imdsEnv(): Record<string, string> {
    return { AZURE_POD_IDENTITY_AUTHORITY_HOST: this.url };
  }

  /** Environment of an App Service with a managed identity. */
  appServiceEnv(): Record<string, string> {
    return { IDENTITY_ENDPOINT: `${this.url}/msi/token`, IDENTITY_HEADER: this.identityHeader };
  }

  /** Mints an external token (as GitHub / Azure DevOps / Kubernetes would) for federated sign-in. */
  async issueExternalToken(
    options: { issuer?: string; subject: string; audience?: string; expiresIn?: number },
  ): Promise<string> {
    const now = Math.floor(this.#now() / 1000);
    return await new SignJWT({})
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: "external" })
      .setIssuer(options.issuer ?? this.githubIssuer)
      .setSubject(options.subject)
      .setAudience(options.audience ?? "api://AzureADTokenExchange")
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + (options.expiresIn ?? 600))
      .setJti(crypto.randomUUID())
      .sign(this.#externalKeys().privateKey);
  }

  /** Approves a pending device code as a user. */
  approveDevice(userCode: string, username: string = this.knobs.defaultUser ?? DEFAULT_USERNAME): boolean {
    const grant = [...this.#devices.values()].find((d) => d.userCode === userCode.toUpperCase());
    const user = this.directory.user(username);
    if (!grant || !user || grant.status !== "pending") return false;
    grant.status = "approved";
    grant.user = user;
    return true;
  }

  /** Declines a pending device code. */
  declineDevice(userCode: string): boolean {
    const grant = [...this.#devices.values()].find((d) => d.userCode === userCode.toUpperCase());
    if (!grant || grant.status !== "pending") return false;
    grant.status = "declined";
    return true;
  }

  /** The device codes handed out so far (newest last). */
  get deviceGrants(): readonly EntraDeviceGrant[] {
    return [...this.#devices.values()];
  }

  /** Makes the next token request (of `grant`, default any) fail with an AADSTS code. */
  failNext(
    aadsts: number,
    options: { grant?: string; error?: string; status?: number; text?: string } = {},
  ): void {
    this.#failures.push({
      grant: options.grant ?? "*",
      aadsts,
      error: options.error ?? "",
      description: options.text ?? "",
      status: options.status ?? 0,
    });
  }

  /** Revokes every refresh token (password reset, admin action). */
  revokeRefreshTokens(): void {
    for (const grant of this.#refresh.values()) grant.revoked = true;
  }

  register(router: Router, core: EmulatorCore): void {
    this.#core = core;
    router.add(
      "GET",
      "/:tenant/v2.0/.well-known/openid-configuration",
      (_r, m) => this.#discovery(m.params.tenant),
    );
    router.add("GET", "/:tenant/discovery/v2.0/keys", async () => Response.json(await core.tokens.jwks()));
    router.add("POST", "/:tenant/oauth2/v2.0/devicecode", (r, m) => this.#deviceCode(r, m.params.tenant));
    router.add(
      "GET",
      "/:tenant/oauth2/v2.0/authorize",
      (_r, m) => this.#authorizePage(m.url, m.params.tenant),
    );
    router.add("POST", "/:tenant/oauth2/v2.0/authorize", (r, m) => this.#authorizeSubmit(r, m.params.tenant));
    router.add("POST", "/:tenant/oauth2/v2.0/token", (r, m) => this.#token(r, m.params.tenant));
    router.add("GET", "/devicelogin", () => deviceLoginPage());
    router.add("POST", "/devicelogin", (r) => this.#deviceLoginSubmit(r));
    router.add("GET", "/metadata/identity/oauth2/token", (r, m) => this.#imds(r, m.url));
    router.add("GET", "/msi/token", (r, m) => this.#appService(r, m.url));
    router.add("GET", "/_github/idtoken", (r, m) => this.#githubToken(r, m.url));
    router.add("POST", "/_ado/oidctoken", (r, m) => this.#adoToken(r, m.url));
  }

  #now(): number {
    return this.#core?.now() ?? Date.now();
  }

  #externalKeys(): CryptoKeyPair {
    if (!this.#external) throw new Error("emulator: Entra service is not ready");
    return this.#external;
  }

  /** Creates the federation key pair; called by `entraService()` before registration. */
  async init(): Promise<this> {
    this.#external = await generateKeyPair("RS256") as CryptoKeyPair;
    return this;
  }

  #error(code: number, overrides: { error?: string; status?: number; text?: string } = {}): Response {
    return aadstsResponse(code, this.#now(), { ...overrides, authority: this.url });
  }

  #discovery(segment: string): Response {
    this.stats.discovery++;
    const tenant = this.directory.resolveTenant(segment);
    if (!tenant) {
      return this.#error(90002, {
        text:
          `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      });
    }
    const base = `${this.url}/${segment}`;
    return Response.json({
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: tenant === "multi" ? `${this.url}/{tenantid}/v2.0` : this.#core!.tokens.issuer(tenant),
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${this.url}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: [
        "sub",
        "iss",
        "aud",
        "exp",
        "iat",
        "auth_time",
        "nonce",
        "preferred_username",
        "name",
        "tid",
        "ver",
        "oid",
      ],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: "EU",
      cloud_instance_name: "microsoftonline.com",
      cloud_graph_host_name: "graph.windows.net",
      msgraph_host: "graph.microsoft.com",
      rbac_url: "https://pas.windows.net",
    });
  }

  async #form(request: Request): Promise<URLSearchParams> {
    const type = request.headers.get("content-type") ?? "";
    if (!type.includes("application/x-www-form-urlencoded")) return new URLSearchParams();
    return new URLSearchParams(await request.text());
  }

  #tenantFor(segment: string, app?: EmulatedApp): string | undefined {
    const t = this.directory.resolveTenant(segment);
    if (t === "multi") return app?.tenantId;
    return t;
  }

  async #deviceCode(request: Request, segment: string): Promise<Response> {
    this.stats.deviceCode++;
    const form = await this.#form(request);
    const app = this.directory.app(form.get("client_id"));
    if (!this.directory.resolveTenant(segment)) return this.#error(90002);
    if (!app) return this.#error(700016);
    const scope = form.get("scope") ?? "";
    if (!resourceOfScope(scope)) return this.#error(70011);
    const userCode = Array.from(
      crypto.getRandomValues(new Uint8Array(9)),
      (b) => "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[b % 32],
    ).join("");
    const grant: EntraDeviceGrant = {
      deviceCode: randomToken(48),
      userCode,
      clientId: app.clientId,
      tenantId: this.#tenantFor(segment, app) ?? app.tenantId,
      scope,
      expiresAt: this.#now() + this.knobs.deviceCodeExpiresIn * 1000,
      status: "pending",
      polls: 0,
    };
    this.#devices.set(grant.deviceCode, grant);
    const verificationUri = `${this.url}/devicelogin`;
    return Response.json({
      user_code: userCode,
      device_code: grant.deviceCode,
      verification_uri: verificationUri,
      expires_in: this.knobs.deviceCodeExpiresIn,
      interval: this.knobs.deviceInterval,
      message:
        `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
    });
  }

  async #deviceLoginSubmit(request: Request): Promise<Response> {
    const form = await this.#form(request);
    const code = form.get("user_code") ?? "";
    const declined = form.get("decision") === "decline";
    const ok = declined
      ? this.declineDevice(code)
      : this.approveDevice(code, form.get("username") || undefined);
    if (!ok) return deviceLoginPage("That code is not valid.");
    return declined
      ? donePage("Sign-in declined", "You declined the sign-in. You can close this window.")
      : donePage("You're done", "You have signed in. You can close this window.");
  }

  #authorizeCheck(params: URLSearchParams, segment: string): Response | { app: EmulatedApp; tenant: string } {
    const app = this.directory.app(params.get("client_id"));
    if (!this.directory.resolveTenant(segment)) {
      return errorPage("Sign in failed", "AADSTS90002: Tenant not found.");
    }
    if (!app) return errorPage("Sign in failed", "AADSTS700016: Application was not found in the directory.");
    const redirect = params.get("redirect_uri") ?? "";
    let url: URL | undefined;
    try {
      url = new URL(redirect);
    } catch {
      url = undefined;
    }
    if (!url || url.protocol !== "http:" || !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)) {
      return errorPage(
        "Sign in failed",
        "AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for the application.",
      );
    }
    if (params.get("response_type") !== "code") {
      return errorPage("Sign in failed", "AADSTS900144: response_type must be code.");
    }
    if (params.get("code_challenge_method") !== "S256" || !params.get("code_challenge")) {
      return errorPage(
        "Sign in failed",
        "AADSTS9002325: Proof Key for Code Exchange is required for cross-origin authorization code redemption.",
      );
    }
    return { app, tenant: this.#tenantFor(segment, app) ?? app.tenantId };
  }

  #authorizePage(url: URL, segment: string): Response {
    const checked = this.#authorizeCheck(url.searchParams, segment);
    if (checked instanceof Response) return checked;
    const username = url.searchParams.get("login_hint") ?? this.knobs.defaultUser ?? DEFAULT_USERNAME;
    return signInPage(url.pathname, url.searchParams, checked.app.displayName, username);
  }

  async #authorizeSubmit(request: Request, segment: string): Promise<Response> {
    const form = await this.#form(request);
    const checked = this.#authorizeCheck(form, segment);
    if (checked instanceof Response) return checked;
    const redirect = new URL(form.get("redirect_uri")!);
    const state = form.get("state");
    if (form.get("decision") === "decline") {
      redirect.searchParams.set("error", "access_denied");
      redirect.searchParams.set(
        "error_description",
        "AADSTS65004: User declined to consent to access the app.",
      );
    } else {
      const user = this.directory.user(form.get("username"));
      if (!user) {
        return errorPage("Sign in failed", "AADSTS50034: The user account does not exist in this directory.");
      }
      const code = randomToken(48);
      this.#codes.set(code, {
        clientId: checked.app.clientId,
        tenantId: checked.tenant,
        redirectUri: form.get("redirect_uri")!,
        challenge: form.get("code_challenge")!,
        scope: form.get("scope") ?? "",
        user,
        expiresAt: this.#now() + 10 * 60_000,
        used: false,
      });
      redirect.searchParams.set("code", code);
    }
    if (state !== null) redirect.searchParams.set("state", state);
    return new Response(null, { status: 302, headers: { location: redirect.href } });
  }

  async #token(request: Request, segment: string): Promise<Response> {
    const form = await this.#form(request);
    const grant = form.get("grant_type") ?? "";
    this.stats.token[grant] = (this.stats.token[grant] ?? 0) + 1;
    if (!this.directory.resolveTenant(segment)) return this.#error(90002);
    const failure = this.#failures.findIndex((f) => f.grant === "*" || f.grant === grant);
    if (failure >= 0) {
      const f = this.#failures.splice(failure, 1)[0];
      return this.#error(f.aadsts, {
        ...(f.error ? { error: f.error } : {}),
        ...(f.status ? { status: f.status } : {}),
        ...(f.description ? { text: f.description } : {}),
      });
    }
    const app = this.directory.app(form.get("client_id"));
    if (!app) {
      return this.#error(700016, {
        text: `Application with identifier '${
          form.get("client_id")
        }' was not found in the directory '${segment}'.`,
      });
    }
    const tenant = this.#tenantFor(segment, app)!;
    const auth = await authenticateClient({
      app,
      form,
      authorization: request.headers.get("authorization"),
      tokenEndpoints: [`${this.url}/${segment}/oauth2/v2.0/token`, `${this.url}/${tenant}/oauth2/v2.0/token`],
      now: this.#now(),
      externalKey: this.#externalKeys().publicKey,
      usedJti: this.#usedJti,
    });
    if (!auth.ok) return this.#error(auth.aadsts, auth.text ? { text: auth.text } : {});
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
        return this.#error(70003, {
          error: "unsupported_grant_type",
          text: `The app requested an unsupported grant type '${grant}'.`,
        });
    }
  }

  async #appToken(app: EmulatedApp, tenant: string, resource: string, granted: string): Promise<Response> {
    const lifetime = this.knobs.tokenLifetimeSeconds;
    const token = await this.#core!.tokens.issue({
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
    if (!target) return this.#error(70011);
    if (this.knobs.consentRequired.has(target.resource.replace(/\/+$/, ""))) {
      return this.#error(65001, {
        text:
          `The user or administrator has not consented to use the application with ID '${clientId}'. Send an interactive authorization request for this user and resource.`,
      });
    }
    const lifetime = this.knobs.tokenLifetimeSeconds;
    const token = await this.#core!.tokens.issue({
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
    this.#refresh.set(refresh, {
      clientId,
      tenantId: tenant,
      user,
      expiresAt: this.#now() + this.knobs.refreshTokenLifetimeSeconds * 1000,
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
    if (via === "none") return this.#error(7000218);
    const target = resourceOfScope(form.get("scope") ?? "");
    if (!target || !target.granted.endsWith("/.default")) {
      return this.#error(1002012, {
        error: "invalid_scope",
        text:
          "The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).",
      });
    }
    return await this.#appToken(app, tenant, target.resource, target.granted);
  }

  #publicClientCheck(app: EmulatedApp, via: string): Response | undefined {
    if (via === "none" && !app.publicClient) return this.#error(7000218);
    return undefined;
  }

  async #deviceToken(form: URLSearchParams, app: EmulatedApp, via: string): Promise<Response> {
    const denied = this.#publicClientCheck(app, via);
    if (denied) return denied;
    const grant = this.#devices.get(form.get("device_code") ?? "");
    if (!grant || grant.clientId !== app.clientId) {
      return this.#error(70000, {
        error: "bad_verification_code",
        text: "The provided value for the input parameter 'device_code' is not valid.",
      });
    }
    if (this.#now() >= grant.expiresAt) return this.#error(70019);
    grant.polls++;
    if (this.knobs.blockDeviceCode) return this.#error(53003);
    if (grant.polls <= this.knobs.deviceSlowDownPolls) {
      return this.#error(70016, {
        error: "slow_down",
        text: "OAuth 2.0 device flow error. Polling too fast; slow down.",
      });
    }
    const auto = this.knobs.deviceAutoApproveAfterPolls;
    if (
      grant.status === "pending" && auto !== undefined && grant.polls > auto + this.knobs.deviceSlowDownPolls
    ) {
      if (this.knobs.deviceDecline) grant.status = "declined";
      else this.approveDevice(grant.userCode);
    }
    if (grant.status === "declined") {
      this.#devices.delete(grant.deviceCode);
      return this.#error(70000, {
        error: "authorization_declined",
        text: "The end user denied the authorization request.",
      });
    }
    if (grant.status === "pending") return this.#error(70016);
    this.#devices.delete(grant.deviceCode);
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
    const code = this.#codes.get(form.get("code") ?? "");
    if (!code || code.used || code.clientId !== app.clientId) {
      return this.#error(70000, { text: "The provided authorization code is not valid." });
    }
    if (this.#now() > code.expiresAt) return this.#error(70008);
    if (form.get("redirect_uri") !== code.redirectUri) return this.#error(50011);
    if (await sha256b64u(form.get("code_verifier") ?? "") !== code.challenge) return this.#error(501481);
    code.used = true;
    const scope = form.get("scope") || code.scope;
    return await this.#userToken(app.clientId, code.tenantId, code.user, scope);
  }

  async #refreshToken(form: URLSearchParams, app: EmulatedApp, via: string): Promise<Response> {
    const denied = this.#publicClientCheck(app, via);
    if (denied) return denied;
    const value = form.get("refresh_token") ?? "";
    const grant = this.#refresh.get(value);
    if (!grant || grant.clientId !== app.clientId) return this.#error(70000);
    if (grant.revoked) {
      return this.#error(50173, {
        text: "The provided grant has expired due to it being revoked, a fresh auth token is needed.",
      });
    }
    if (this.#now() > grant.expiresAt) return this.#error(700082);
    if (this.knobs.strictRefreshRotation) grant.revoked = true;
    return await this.#userToken(app.clientId, grant.tenantId, grant.user, form.get("scope") ?? "");
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
    const identity = this.directory.managedIdentity(selector);
    if (!identity) {
      return Response.json({ error: "invalid_request", error_description: "Identity not found" }, {
        status: 400,
      });
    }
    const lifetime = this.knobs.tokenLifetimeSeconds;
    const now = this.#now();
    const token = await this.#core!.tokens.issue({
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
    const fault = this.managedIdentityFaults.shift();
    if (!fault) return undefined;
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
    return Response.json({
      error: fault.status === 429 ? "too_many_requests" : "temporarily_unavailable",
      error_description: `Injected fault: HTTP ${fault.status}`,
    }, { status: fault.status, headers });
  }

  async #imds(request: Request, url: URL): Promise<Response> {
    this.stats.imds++;
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
    this.stats.appService++;
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

  async #githubToken(request: Request, url: URL): Promise<Response> {
    if (request.headers.get("authorization") !== `Bearer ${this.githubActions.requestToken}`) {
      return Response.json({ message: "Bad credentials" }, { status: 401 });
    }
    const token = await this.issueExternalToken({
      issuer: this.githubIssuer,
      subject: this.githubActions.subject,
      audience: url.searchParams.get("audience") ?? "https://github.com/contoso",
    });
    return Response.json({ count: token.length, value: token });
  }

  async #adoToken(request: Request, url: URL): Promise<Response> {
    if (request.headers.get("authorization") !== `Bearer ${this.azureDevOps.accessToken}`) {
      return new Response("Unauthorized", { status: 401 });
    }
    const subject = this.azureDevOps.connections.get(url.searchParams.get("serviceConnectionId") ?? "");
    if (!subject) return Response.json({ message: "Service connection not found." }, { status: 404 });
    const token = await this.issueExternalToken({ issuer: this.azureDevOpsIssuer, subject });
    return Response.json({ oidcToken: token });
  }
}

/** Creates the Entra emulator service (pass it to `startEmulator({ services: [...] })`). */
export async function entraService(knobs: Partial<EntraKnobs> = {}): Promise<EntraService> {
  return await new EntraService(knobs).init();
}
