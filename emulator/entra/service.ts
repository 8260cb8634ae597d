/**
 * The emulated Microsoft Entra ID: one service made of three issuers that share a directory, knobs and the
 * emulator core's token authority (so every other emulated service accepts their tokens):
 *
 * - OAuth 2.0 / OpenID (oauth.ts, oauth_token.ts): tenant discovery and JWKS, device code, authorize with a
 *   sign-in page a browser can complete, and the token endpoint for every grant ppx uses;
 * - managed identity (managed_identity.ts): IMDS and App Service;
 * - CI OIDC (ci_oidc.ts): GitHub Actions and Azure DevOps token endpoints minting federated assertions.
 *
 * @module
 */

import type { Router } from "../router.ts";
import type { EmulatorCore, EmulatorService } from "../server.ts";
import { CiOidcIssuer } from "./ci_oidc.ts";
import type { EntraContext, EntraStats } from "./context.ts";
import { DEFAULT_USERNAME, Directory } from "./directory.ts";
import { aadstsResponse } from "./errors.ts";
import { type ManagedIdentityFault, ManagedIdentityIssuer } from "./managed_identity.ts";
import { oauthGrants, OAuthIssuer } from "./oauth.ts";
import { OAuthTokenEndpoint } from "./oauth_token.ts";
import { defaultKnobs, type EntraDeviceGrant, type EntraKnobs } from "./state.ts";

export { type EntraStats, resourceOfScope } from "./context.ts";
export type { ManagedIdentityFault } from "./managed_identity.ts";

/** The Entra emulator service. */
export class EntraService implements EmulatorService {
  readonly name = "entra";
  readonly directory: Directory = new Directory();
  readonly knobs: EntraKnobs;
  readonly stats: EntraStats = { token: {}, discovery: 0, deviceCode: 0, imds: 0, appService: 0 };
  readonly #grants = oauthGrants();
  readonly #oauth: OAuthIssuer;
  readonly #token: OAuthTokenEndpoint;
  readonly #managed: ManagedIdentityIssuer;
  readonly #ci: CiOidcIssuer;
  #core?: EmulatorCore;

  constructor(knobs: Partial<EntraKnobs> = {}) {
    this.knobs = { ...defaultKnobs(), ...knobs };
    const ctx: EntraContext = {
      directory: this.directory,
      knobs: this.knobs,
      stats: this.stats,
      url: () => this.url,
      now: () => this.#core?.now() ?? Date.now(),
      core: () => {
        if (!this.#core) throw new Error("emulator: Entra service is not registered");
        return this.#core;
      },
      error: (code, overrides = {}) => aadstsResponse(code, ctx.now(), { ...overrides, authority: this.url }),
    };
    this.#oauth = new OAuthIssuer(ctx, this.#grants);
    this.#ci = new CiOidcIssuer(ctx);
    this.#token = new OAuthTokenEndpoint(
      ctx,
      this.#grants,
      () => this.#ci.publicKey(),
      (userCode) => this.approveDevice(userCode),
    );
    this.#managed = new ManagedIdentityIssuer(ctx);
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

  /** The secret App Service puts in IDENTITY_HEADER. */
  get identityHeader(): string {
    return this.#managed.identityHeader;
  }

  /**
   * Answers the managed identity endpoints give before a token, one per request, e.g. `[{ status: 410 }]`
   * while IMDS is "being upgraded" or `[{ status: 429, retryAfter: 2 }]`; `retryAfter` is seconds or an
   * HTTP-date, sent as given.
   */
  get managedIdentityFaults(): ManagedIdentityFault[] {
    return this.#managed.faults;
  }

  /** GitHub Actions request token (ACTIONS_ID_TOKEN_REQUEST_TOKEN) and the subject it mints tokens for. */
  get githubActions(): { requestToken: string; subject: string } {
    return this.#ci.githubActions;
  }

  /** Azure DevOps access token (SYSTEM_ACCESSTOKEN) and service connection id -> subject. */
  get azureDevOps(): { accessToken: string; connections: Map<string, string> } {
    return this.#ci.azureDevOps;
  }

  /** Issuer of emulated GitHub Actions tokens. */
  get githubIssuer(): string {
    return this.#ci.githubIssuer;
  }

  /** Issuer of emulated Azure DevOps tokens. */
  get azureDevOpsIssuer(): string {
    return this.#ci.azureDevOpsIssuer;
  }

  /** Environment a GitHub Actions job with `id-token: write` has. */
  githubActionsEnv(): Record<string, string> {
    return this.#ci.githubActionsEnv();
  }

  /** Environment an Azure DevOps job has for a service connection (registered with `subject`). */
  azureDevOpsEnv(serviceConnectionId: string, subject: string): Record<string, string> {
    return this.#ci.azureDevOpsEnv(serviceConnectionId, subject);
  }

  /** Environment pointing managed identity at the emulated IMDS. */
  imdsEnv(): Record<string, string> {
    return this.#managed.imdsEnv();
  }

  /** Environment of an App Service with a managed identity. */
  appServiceEnv(): Record<string, string> {
    return this.#managed.appServiceEnv();
  }

  /** Mints an external token (as GitHub / Azure DevOps / Kubernetes would) for federated sign-in. */
  issueExternalToken(
    options: { issuer?: string; subject: string; audience?: string; expiresIn?: number },
  ): Promise<string> {
    return this.#ci.issueExternalToken(options);
  }

  /** Approves a pending device code as a user. */
  approveDevice(userCode: string, username: string = this.knobs.defaultUser ?? DEFAULT_USERNAME): boolean {
    return this.#oauth.approveDevice(userCode, username);
  }

  /** Declines a pending device code. */
  declineDevice(userCode: string): boolean {
    return this.#oauth.declineDevice(userCode);
  }

  /** The device codes handed out so far (newest last). */
  get deviceGrants(): readonly EntraDeviceGrant[] {
    return [...this.#grants.devices.values()];
  }

  /** Makes the next token request (of `grant`, default any) fail with an AADSTS code. */
  failNext(
    aadsts: number,
    options: { grant?: string; error?: string; status?: number; text?: string } = {},
  ): void {
    this.#grants.failures.push({
      grant: options.grant ?? "*",
      aadsts,
      error: options.error ?? "",
      description: options.text ?? "",
      status: options.status ?? 0,
    });
  }

  /** Revokes every refresh token (password reset, admin action). */
  revokeRefreshTokens(): void {
    for (const grant of this.#grants.refresh.values()) grant.revoked = true;
  }

  register(router: Router, core: EmulatorCore): void {
    this.#core = core;
    this.#oauth.register(router);
    this.#token.register(router);
    this.#managed.register(router);
    this.#ci.register(router);
  }

  /** Creates the federation key pair; called by `entraService()` before registration. */
  async init(): Promise<this> {
    await this.#ci.init();
    return this;
  }
}

/** Creates the Entra emulator service (pass it to `startEmulator({ services: [...] })`). */
export async function entraService(knobs: Partial<EntraKnobs> = {}): Promise<EntraService> {
  return await new EntraService(knobs).init();
}
