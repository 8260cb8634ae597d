/**
 * The emulated GitHub (github.com or a GitHub Enterprise Server): the OAuth device and web flows, token
 * refresh with rotation, and `GET /user` (also under `/api/v3`, the GHES API prefix) with the
 * `X-OAuth-Scopes` header. Tokens are opaque strings kept in the emulator's own table.
 *
 * @example
 * ```ts
 * import { startEmulator } from "@pacx/emulator";
 * import { GitHubEmulator } from "@pacx/emulator";
 * const github = new GitHubEmulator();
 * github.registerApp({ clientId: "Iv1.example", clientSecret: "example-secret", kind: "github-app" });
 * const emu = await startEmulator({ services: [github] });
 * // POST `${emu.url}/login/device/code` ... then github.approveDevice(userCode)
 * await emu.close();
 * ```
 *
 * @module
 */

import type { Router } from "../router.ts";
import type { EmulatorCore, EmulatorService } from "../server.ts";
import { authorizeEndpoint, type AuthorizeKnobs } from "./authorize.ts";
import { issueTokens, type TokenAnswer } from "./issue.ts";
import { devicePage, deviceResult } from "./pages.ts";
import {
  type DeviceGrant,
  type GitHubAppRegistration,
  GitHubStore,
  type GitHubUser,
  type IssuedToken,
  newDeviceCode,
  newUserCode,
  type StoredApp,
} from "./store.ts";
import { tokenEndpoint, type TokenEndpointKnobs } from "./token_endpoint.ts";
import { oauthAnswer, oauthError, readParams, restError } from "./wire.ts";

export type { DeviceGrant, GitHubAppRegistration, GitHubUser, IssuedToken, StoredApp, TokenAnswer };
export { redirectAllowed } from "./authorize.ts";

/** Behaviour switches tests turn to provoke each path of a client. */
export interface GitHubKnobs extends TokenEndpointKnobs, AuthorizeKnobs {
  /** Device-code lifetime in seconds (GitHub: 900). */
  deviceCodeExpiresIn: number;
  /** Initial poll interval in seconds (GitHub: 5). */
  interval: number;
}

/** GitHub's own defaults. */
export function defaultGitHubKnobs(): GitHubKnobs {
  return {
    deviceCodeExpiresIn: 900,
    interval: 5,
    enforceInterval: true,
    slowDownPolls: 0,
    approveAfterPolls: undefined,
    denyAfterPolls: undefined,
    autoApproveWeb: false,
    autoDenyWeb: false,
    codeExpiresIn: 600,
    tokenExpiresIn: 28_800,
    refreshTokenExpiresIn: 15_811_200,
    login: "octocat",
  };
}

/** The GitHub service for the emulator, with a control API for tests. */
export class GitHubEmulator implements EmulatorService {
  readonly name = "github";
  readonly store: GitHubStore = new GitHubStore();
  /** Mutable at any time; read on each request. */
  readonly knobs: GitHubKnobs;
  #core?: EmulatorCore;

  constructor(options: { knobs?: Partial<GitHubKnobs>; apps?: GitHubAppRegistration[] } = {}) {
    this.knobs = { ...defaultGitHubKnobs(), ...options.knobs };
    for (const app of options.apps ?? []) this.registerApp(app);
  }

  #now(): number {
    return this.#core?.now() ?? Date.now();
  }

  /** Registers an OAuth App or a GitHub App (as done on GitHub's settings pages). */
  registerApp(registration: GitHubAppRegistration): StoredApp {
    return this.store.addApp(registration);
  }

  /** The most recent device code still waiting for the user, if any. */
  pendingDevice(): DeviceGrant | undefined {
    return [...this.store.devices.values()].reverse().find((g) => g.status === "pending");
  }

  /** Approves a device code as `login` would on the activation page; false if unknown or expired. */
  approveDevice(userCode: string, login: string = this.knobs.login): boolean {
    const grant = this.store.deviceByUserCode(userCode);
    if (!grant || grant.status !== "pending" || this.#now() >= grant.expiresAt) return false;
    grant.status = "approved";
    grant.login = login;
    this.store.user(login);
    return true;
  }

  /** Denies a device code (the user pressed Cancel). */
  denyDevice(userCode: string): boolean {
    const grant = this.store.deviceByUserCode(userCode);
    if (!grant || grant.status !== "pending") return false;
    grant.status = "denied";
    return true;
  }

  /** Issues a token directly (for tests that start signed in). */
  issueToken(clientId: string, login: string, scopes: string[] = []): TokenAnswer {
    const app = this.store.apps.get(clientId) ?? this.registerApp({ clientId });
    return issueTokens(this.store, app, { login, scopes, fromDevice: false }, this.#now(), this.knobs);
  }

  /** The token record for a valid (known, unexpired) access token. */
  tokenInfo(token: string): IssuedToken | undefined {
    const info = this.store.tokens.get(token);
    if (!info || (info.expiresAt !== undefined && this.#now() >= info.expiresAt)) return undefined;
    return info;
  }

  /** Registers the routes. */
  register(router: Router, core: EmulatorCore): void {
    this.#core = core;
    router.add("POST", "/login/device/code", (r) => this.#deviceCode(r));
    router.add("GET", "/login/device", () => devicePage());
    router.add("POST", "/login/device", (r) => this.#deviceForm(r));
    router.add(
      "GET",
      "/login/oauth/authorize",
      (r) => authorizeEndpoint(r, this.store, this.knobs, this.#now()),
    );
    router.add(
      "POST",
      "/login/oauth/authorize",
      (r) => authorizeEndpoint(r, this.store, this.knobs, this.#now()),
    );
    router.add(
      "POST",
      "/login/oauth/access_token",
      (r) => tokenEndpoint(r, this.store, this.knobs, this.#now()),
    );
    router.add("GET", "/user", (r) => this.#user(r));
    router.add("GET", "/api/v3/user", (r) => this.#user(r));
  }

  async #deviceCode(request: Request): Promise<Response> {
    const params = await readParams(request);
    const app = this.store.apps.get(params.client_id ?? "");
    if (!app) return oauthError(request, "incorrect_client_credentials", {}, 401);
    if (!app.deviceFlow) return oauthError(request, "device_flow_disabled", {}, 400);
    const grant: DeviceGrant = {
      deviceCode: newDeviceCode(),
      userCode: newUserCode(),
      clientId: app.clientId,
      scopes: (params.scope ?? "").split(/[\s,]+/).filter(Boolean),
      expiresAt: this.#now() + this.knobs.deviceCodeExpiresIn * 1000,
      interval: this.knobs.interval,
      polls: 0,
      status: "pending",
    };
    this.store.devices.set(grant.deviceCode, grant);
    return oauthAnswer(request, {
      device_code: grant.deviceCode,
      user_code: grant.userCode,
      verification_uri: `${this.#core?.url ?? ""}/login/device`,
      expires_in: this.knobs.deviceCodeExpiresIn,
      interval: grant.interval,
    });
  }

  async #deviceForm(request: Request): Promise<Response> {
    const params = await readParams(request);
    const code = params.user_code ?? "";
    if (params.decision === "cancel") {
      return this.denyDevice(code)
        ? deviceResult(false, "Authorization was cancelled. You can close this page.")
        : devicePage("That code is not valid. Check it and try again.", code);
    }
    return this.approveDevice(code, params.login || this.knobs.login)
      ? deviceResult(true, "Your device is now connected. You can return to your terminal.")
      : devicePage("That code is not valid or has expired. Check it and try again.", code);
  }

  #user(request: Request): Response {
    const header = request.headers.get("authorization") ?? "";
    const token = /^(?:bearer|token)\s+(\S+)$/i.exec(header)?.[1];
    if (!token) return restError(401, "Requires authentication");
    const info = this.tokenInfo(token);
    if (!info) return restError(401, "Bad credentials");
    const user = this.store.user(info.login);
    const headers: Record<string, string> = {
      "x-accepted-oauth-scopes": "",
      "x-github-media-type": "github.v3",
    };
    // Only OAuth App tokens carry scopes; GitHub App user tokens have permissions instead.
    if (info.kind === "oauth-app") headers["x-oauth-scopes"] = info.scopes.join(", ");
    const base = this.#core?.url ?? "";
    return Response.json({
      login: user.login,
      id: user.id,
      node_id: btoa(`04:User${user.id}`),
      type: "User",
      site_admin: false,
      name: user.name ?? null,
      email: user.email ?? null,
      html_url: `${base}/${user.login}`,
      url: `${base}/api/v3/users/${user.login}`,
    }, { headers });
  }
}
