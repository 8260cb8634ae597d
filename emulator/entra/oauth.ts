/**
 * The emulated Entra OAuth 2.0 / OpenID issuer, interactive side: tenant discovery and JWKS, the device code
 * endpoint and its sign-in page, and the authorize endpoint with a sign-in page a browser can complete. The
 * token endpoint that redeems what these hand out is in oauth_token.ts.
 *
 * @module
 */

import type { Router } from "../router.ts";
import { type EntraContext, randomToken, readForm, resourceOfScope, tenantFor } from "./context.ts";
import { DEFAULT_USERNAME } from "./directory.ts";
import { deviceLoginPage, donePage, errorPage, signInPage } from "./pages.ts";
import type {
  EmulatedApp,
  EntraCodeGrant,
  EntraDeviceGrant,
  EntraQueuedFailure,
  EntraRefreshGrant,
} from "./state.ts";

/** What the OAuth endpoints hand out and later redeem. */
export interface OAuthGrants {
  readonly devices: Map<string, EntraDeviceGrant>;
  readonly codes: Map<string, EntraCodeGrant>;
  readonly refresh: Map<string, EntraRefreshGrant>;
  readonly failures: EntraQueuedFailure[];
  readonly usedJti: Set<string>;
}

/** Empty grant stores. */
export function oauthGrants(): OAuthGrants {
  return { devices: new Map(), codes: new Map(), refresh: new Map(), failures: [], usedJti: new Set() };
}

/** Discovery, device code and authorize endpoints of one Entra. */
export class OAuthIssuer {
  constructor(readonly ctx: EntraContext, readonly grants: OAuthGrants) {}

  /** Adds the routes. */
  register(router: Router): void {
    router.add(
      "GET",
      "/:tenant/v2.0/.well-known/openid-configuration",
      (_r, m) => this.#discovery(m.params.tenant),
    );
    router.add(
      "GET",
      "/:tenant/discovery/v2.0/keys",
      async () => Response.json(await this.ctx.core().tokens.jwks()),
    );
    router.add("POST", "/:tenant/oauth2/v2.0/devicecode", (r, m) => this.#deviceCode(r, m.params.tenant));
    router.add(
      "GET",
      "/:tenant/oauth2/v2.0/authorize",
      (_r, m) => this.#authorizePage(m.url, m.params.tenant),
    );
    router.add("POST", "/:tenant/oauth2/v2.0/authorize", (r, m) => this.#authorizeSubmit(r, m.params.tenant));
    router.add("GET", "/devicelogin", () => deviceLoginPage());
    router.add("POST", "/devicelogin", (r) => this.#deviceLoginSubmit(r));
    // Browsers showing the sign-in pages ask for one; none is served, as a known answer.
    router.add("GET", "/favicon.ico", () => new Response(null, { status: 404 }));
  }

  /** Approves a pending device code as a user. */
  approveDevice(
    userCode: string,
    username: string = this.ctx.knobs.defaultUser ?? DEFAULT_USERNAME,
  ): boolean {
    const grant = [...this.grants.devices.values()].find((d) => d.userCode === userCode.toUpperCase());
    const user = this.ctx.directory.user(username);
    if (!grant || !user || grant.status !== "pending") return false;
    grant.status = "approved";
    grant.user = user;
    return true;
  }

  /** Declines a pending device code. */
  declineDevice(userCode: string): boolean {
    const grant = [...this.grants.devices.values()].find((d) => d.userCode === userCode.toUpperCase());
    if (!grant || grant.status !== "pending") return false;
    grant.status = "declined";
    return true;
  }

  #discovery(segment: string): Response {
    this.ctx.stats.discovery++;
    const tenant = this.ctx.directory.resolveTenant(segment);
    if (!tenant) {
      return this.ctx.error(90002, {
        text:
          `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      });
    }
    const base = `${this.ctx.url()}/${segment}`;
    return Response.json({
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: tenant === "multi"
        ? `${this.ctx.url()}/{tenantid}/v2.0`
        : this.ctx.core().tokens.issuer(tenant),
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${this.ctx.url()}/oidc/userinfo`,
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

  async #deviceCode(request: Request, segment: string): Promise<Response> {
    this.ctx.stats.deviceCode++;
    const form = await readForm(request);
    const app = this.ctx.directory.app(form.get("client_id"));
    if (!this.ctx.directory.resolveTenant(segment)) return this.ctx.error(90002);
    if (!app) return this.ctx.error(700016);
    const scope = form.get("scope") ?? "";
    if (!resourceOfScope(scope)) return this.ctx.error(70011);
    const userCode = Array.from(
      crypto.getRandomValues(new Uint8Array(9)),
      (b) => "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[b % 32],
    ).join("");
    const grant: EntraDeviceGrant = {
      deviceCode: randomToken(48),
      userCode,
      clientId: app.clientId,
      tenantId: tenantFor(this.ctx.directory, segment, app) ?? app.tenantId,
      scope,
      expiresAt: this.ctx.now() + this.ctx.knobs.deviceCodeExpiresIn * 1000,
      status: "pending",
      polls: 0,
    };
    this.grants.devices.set(grant.deviceCode, grant);
    const verificationUri = `${this.ctx.url()}/devicelogin`;
    return Response.json({
      user_code: userCode,
      device_code: grant.deviceCode,
      verification_uri: verificationUri,
      expires_in: this.ctx.knobs.deviceCodeExpiresIn,
      interval: this.ctx.knobs.deviceInterval,
      message:
        `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
    });
  }

  async #deviceLoginSubmit(request: Request): Promise<Response> {
    const form = await readForm(request);
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
    const app = this.ctx.directory.app(params.get("client_id"));
    if (!this.ctx.directory.resolveTenant(segment)) {
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
    return { app, tenant: tenantFor(this.ctx.directory, segment, app) ?? app.tenantId };
  }

  #authorizePage(url: URL, segment: string): Response {
    const checked = this.#authorizeCheck(url.searchParams, segment);
    if (checked instanceof Response) return checked;
    const username = url.searchParams.get("login_hint") ?? this.ctx.knobs.defaultUser ?? DEFAULT_USERNAME;
    return signInPage(url.pathname, url.searchParams, checked.app.displayName, username);
  }

  async #authorizeSubmit(request: Request, segment: string): Promise<Response> {
    const form = await readForm(request);
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
      const user = this.ctx.directory.user(form.get("username"));
      if (!user) {
        return errorPage("Sign in failed", "AADSTS50034: The user account does not exist in this directory.");
      }
      const code = randomToken(48);
      this.grants.codes.set(code, {
        clientId: checked.app.clientId,
        tenantId: checked.tenant,
        redirectUri: form.get("redirect_uri")!,
        challenge: form.get("code_challenge")!,
        scope: form.get("scope") ?? "",
        user,
        expiresAt: this.ctx.now() + 10 * 60_000,
        used: false,
      });
      redirect.searchParams.set("code", code);
    }
    if (state !== null) redirect.searchParams.set("state", state);
    return new Response(null, { status: 302, headers: { location: redirect.href } });
  }
}
