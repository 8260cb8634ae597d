/**
 * The GitHub emulator's state: registered apps, pending device codes and authorization codes, and the
 * table of opaque tokens it has issued. GitHub tokens are not JWTs, so this table (not the core's token
 * authority) is what makes a token valid.
 *
 * @module
 */

/** How an app was registered on the emulated GitHub. */
export interface GitHubAppRegistration {
  /** The app's client id (`Iv1.…` for GitHub Apps, `Ov23…` for OAuth Apps on github.com). */
  clientId: string;
  /** The client secret; web-flow exchanges and most refreshes need it. */
  clientSecret?: string;
  /**
   * `oauth-app` issues `gho_` tokens that never expire; `github-app` issues `ghu_` tokens that expire
   * after 8 hours and come with a `ghr_` refresh token valid for 6 months (unless `expiringTokens` is off).
   */
  kind?: "oauth-app" | "github-app";
  /** For GitHub Apps: whether user tokens expire (GitHub's default for new apps is true). */
  expiringTokens?: boolean;
  /** The registered callback URL; loopback callbacks accept any port at run time. */
  callbackUrl?: string;
  /** Whether the device flow is enabled in the app's settings (default true). */
  deviceFlow?: boolean;
}

/** An app as stored, with defaults applied. */
export interface StoredApp {
  clientId: string;
  clientSecret?: string;
  kind: "oauth-app" | "github-app";
  expiringTokens: boolean;
  callbackUrl: string;
  deviceFlow: boolean;
}

/** A device code waiting for the user. */
export interface DeviceGrant {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  /** Current minimum poll interval in seconds (grows by 5 on each slow_down). */
  interval: number;
  lastPollAt?: number;
  polls: number;
  status: "pending" | "approved" | "denied" | "used";
  login?: string;
}

/** An authorization code from the web flow. */
export interface CodeGrant {
  code: string;
  clientId: string;
  scopes: string[];
  redirectUri?: string;
  codeChallenge?: string;
  expiresAt: number;
  login: string;
}

/** An issued access token. */
export interface IssuedToken {
  token: string;
  clientId: string;
  login: string;
  scopes: string[];
  kind: "oauth-app" | "github-app";
  /** Epoch ms; undefined for tokens that never expire. */
  expiresAt?: number;
  /** The refresh token issued with it, if any. */
  refreshToken?: string;
  /** True when it came from the device flow (refresh then needs no client secret). */
  fromDevice: boolean;
}

/** An issued refresh token. */
export interface IssuedRefresh {
  token: string;
  clientId: string;
  login: string;
  scopes: string[];
  expiresAt: number;
  accessToken: string;
  fromDevice: boolean;
}

/** A user the emulator knows. */
export interface GitHubUser {
  login: string;
  id: number;
  name?: string;
  email?: string;
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
// User codes avoid vowels and look-alikes, like GitHub's own (e.g. WDJB-MJHT).
const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ23456789";

/** Random characters from an alphabet. */
export function randomChars(length: number, alphabet: string = ALNUM): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/** A 40-character hex device code, as GitHub issues. */
export function newDeviceCode(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(20)), (b) => b.toString(16).padStart(2, "0")).join(
    "",
  );
}

/** An 8-character user code with a hyphen in the middle. */
export function newUserCode(): string {
  return `${randomChars(4, USER_CODE_ALPHABET)}-${randomChars(4, USER_CODE_ALPHABET)}`;
}

/** The emulator's mutable tables. */
export class GitHubStore {
  readonly apps: Map<string, StoredApp> = new Map();
  readonly devices: Map<string, DeviceGrant> = new Map();
  readonly codes: Map<string, CodeGrant> = new Map();
  readonly tokens: Map<string, IssuedToken> = new Map();
  readonly refreshTokens: Map<string, IssuedRefresh> = new Map();
  readonly users: Map<string, GitHubUser> = new Map();

  /** Registers (or replaces) an app. */
  addApp(registration: GitHubAppRegistration): StoredApp {
    const kind = registration.kind ?? "oauth-app";
    const app: StoredApp = {
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      kind,
      expiringTokens: kind === "github-app" && (registration.expiringTokens ?? true),
      callbackUrl: registration.callbackUrl ?? "http://127.0.0.1/callback",
      deviceFlow: registration.deviceFlow ?? true,
    };
    this.apps.set(app.clientId, app);
    return app;
  }

  /** Adds a user (or returns the existing one). */
  user(login: string): GitHubUser {
    let user = this.users.get(login);
    if (!user) {
      user = { login, id: 1000 + this.users.size, name: login[0].toUpperCase() + login.slice(1) };
      this.users.set(login, user);
    }
    return user;
  }

  /** The device grant for a user code, matched case-insensitively and with or without the hyphen. */
  deviceByUserCode(userCode: string): DeviceGrant | undefined {
    const want = userCode.replace(/[^A-Za-z0-9]/g, "").toUpperCase();
    for (const grant of this.devices.values()) {
      if (grant.userCode.replace("-", "") === want) return grant;
    }
    return undefined;
  }
}
