/**
 * The emulated CI OIDC token endpoints: GitHub Actions (`ACTIONS_ID_TOKEN_REQUEST_URL` with its request
 * token) and Azure DevOps (`SYSTEM_OIDCREQUESTURI` per service connection), minting the external assertions
 * that federated credentials exchange at the Entra token endpoint.
 *
 * @module
 */

import { generateKeyPair, SignJWT } from "jose";
import type { Router } from "../router.ts";
import { type EntraContext, randomToken } from "./context.ts";

/** The CI OIDC issuer of one Entra. */
export class CiOidcIssuer {
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
  #external?: CryptoKeyPair;

  constructor(readonly ctx: EntraContext) {}

  /** Creates the signing key pair; called before registration. */
  async init(): Promise<void> {
    this.#external = await generateKeyPair("RS256") as CryptoKeyPair;
  }

  /** Adds the routes. */
  register(router: Router): void {
    router.add("GET", "/_github/idtoken", (r, m) => this.#githubToken(r, m.url));
    router.add("POST", "/_ado/oidctoken", (r, m) => this.#adoToken(r, m.url));
  }

  /** The key external assertions are verified with. */
  publicKey(): CryptoKey {
    return this.#keys().publicKey;
  }

  /** Issuer of emulated GitHub Actions tokens. */
  get githubIssuer(): string {
    return `${this.ctx.url()}/_github`;
  }

  /** Issuer of emulated Azure DevOps tokens. */
  get azureDevOpsIssuer(): string {
    return `${this.ctx.url()}/_ado`;
  }

  /** Environment a GitHub Actions job with `id-token: write` has. */
  githubActionsEnv(): Record<string, string> {
    return {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${this.ctx.url()}/_github/idtoken?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: this.githubActions.requestToken,
    };
  }

  /** Environment an Azure DevOps job has for a service connection (registered with `subject`). */
  azureDevOpsEnv(serviceConnectionId: string, subject: string): Record<string, string> {
    this.azureDevOps.connections.set(serviceConnectionId, subject);
    return {
      SYSTEM_OIDCREQUESTURI: `${this.ctx.url()}/_ado/oidctoken`,
      SYSTEM_ACCESSTOKEN: this.azureDevOps.accessToken,
      AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: serviceConnectionId,
    };
  }

  #keys(): CryptoKeyPair {
    if (!this.#external) throw new Error("emulator: Entra service is not ready");
    return this.#external;
  }

  /** Mints an external token (as GitHub / Azure DevOps / Kubernetes would) for federated sign-in. */
  async issueExternalToken(
    options: { issuer?: string; subject: string; audience?: string; expiresIn?: number },
  ): Promise<string> {
    const now = Math.floor(this.ctx.now() / 1000);
    return await new SignJWT({})
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: "external" })
      .setIssuer(options.issuer ?? this.githubIssuer)
      .setSubject(options.subject)
      .setAudience(options.audience ?? "api://AzureADTokenExchange")
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + (options.expiresIn ?? 600))
      .setJti(crypto.randomUUID())
      .sign(this.#keys().privateKey);
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
