/**
 * Credential resolution, once per invocation and without hidden global state:
 *
 * 1. `--profile` / PPX_PROFILE;
 * 2. PPX_ACCESS_TOKEN (legacy PACX_ACCESS_TOKEN), a raw bearer token;
 * 3. the environment credential: AZURE_TENANT_ID + AZURE_CLIENT_ID with AZURE_CLIENT_SECRET,
 *    AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE; or GitHub Actions / Azure DevOps OIDC
 *    when the job provides it;
 * 4. managed identity, when asked with PPX_MANAGED_IDENTITY;
 * 5. the default profile.
 *
 * Tokens are cached per identity and audience; profile tokens are renewed under a per-profile lock file
 * so parallel invocations of one profile refresh once and never race a rotating refresh token.
 *
 * @module
 */

import { withRemedy } from "../remedy.ts";
import { AsyncLocalStorage } from "node:async_hooks";
import { withProfileLock } from "../../config/lock.ts";
import { defaultProfileName, selectProfile } from "../../config/profiles.ts";
import type { Profile } from "../../config/schema.ts";
import { type Env, envFlag, firstEnv } from "../../env.ts";
import { AuthError, ConfigError, PpxError, UsageError } from "../../errors.ts";
import type { TokenSource } from "../../http/client.ts";
import { KeyringError } from "../keyring/errors.ts";
import { type CachedToken, TokenCache } from "../token_cache.ts";
import { parseCertificate } from "./certificate.ts";
import {
  type AppIdentity,
  certificateCredential,
  clientSecretCredential,
  type Credential,
  federatedCredential,
  managedIdentityCredential,
  staticCredential,
} from "./credential.ts";
import {
  azureDevOpsAssertion,
  azureDevOpsOidcAvailable,
  githubActionsAssertion,
  githubOidcAvailable,
  tokenFileAssertion,
} from "./federated.ts";
import { type EntraProfileDeps, profileCredential, saveAccessToken } from "./profile.ts";
import { type AccessToken, scopeFor } from "./token.ts";

/** Where the credential of this invocation came from. */
export type CredentialOrigin =
  | "profile"
  | "access-token"
  | "environment"
  | "github-oidc"
  | "azure-devops-oidc"
  | "managed-identity"
  | "default-profile";

/** The credential chosen for this invocation. */
export interface ResolvedCredential {
  origin: CredentialOrigin;
  credential: Credential;
  /** The profile, for profile origins. */
  profile?: Profile;
  /** One line for `--debug`, `auth status` and `doctor` (never a secret). */
  description: string;
}

function envIdentity(env: Env, deps: Pick<EntraProfileDeps, "fetch" | "clock">): AppIdentity | undefined {
  const tenant = env.get("AZURE_TENANT_ID");
  const clientId = env.get("AZURE_CLIENT_ID");
  if (!tenant || !clientId) return undefined;
  return { tenant, clientId, cloud: env.get("PPX_CLOUD"), env, fetch: deps.fetch, clock: deps.clock };
}

/** The environment credential (step 3), or undefined when the variables are not set. */
export function environmentCredential(
  env: Env,
  deps: Pick<EntraProfileDeps, "fetch" | "clock">,
): ResolvedCredential | undefined {
  const identity = envIdentity(env, deps);
  if (!identity) return undefined;
  const app = `app ${identity.clientId} in tenant ${identity.tenant}`;
  const secret = env.get("AZURE_CLIENT_SECRET");
  if (secret) {
    return {
      origin: "environment",
      credential: clientSecretCredential(identity, () => Promise.resolve(secret)),
      description: `AZURE_CLIENT_SECRET for ${app}`,
    };
  }
  const certPath = env.get("AZURE_CLIENT_CERTIFICATE_PATH");
  if (certPath) {
    return {
      origin: "environment",
      credential: certificateCredential(
        identity,
        async () =>
          await parseCertificate(await Deno.readFile(certPath), {
            path: certPath,
            password: env.get("AZURE_CLIENT_CERTIFICATE_PASSWORD"),
          }),
      ),
      description: `AZURE_CLIENT_CERTIFICATE_PATH for ${app}`,
    };
  }
  const file = env.get("AZURE_FEDERATED_TOKEN_FILE");
  if (file) {
    return {
      origin: "environment",
      credential: federatedCredential(identity, tokenFileAssertion(file)),
      description: `AZURE_FEDERATED_TOKEN_FILE for ${app}`,
    };
  }
  if (githubOidcAvailable(env)) {
    return {
      origin: "github-oidc",
      credential: federatedCredential(identity, githubActionsAssertion(env, deps.fetch), "github-oidc"),
      description: `GitHub Actions OIDC for ${app}`,
    };
  }
  if (azureDevOpsOidcAvailable(env)) {
    return {
      origin: "azure-devops-oidc",
      credential: federatedCredential(
        identity,
        azureDevOpsAssertion(env, deps.fetch, undefined),
        "azure-devops-oidc",
      ),
      description: `Azure DevOps OIDC for ${app}`,
    };
  }
  return undefined;
}

/** Managed identity when PPX_MANAGED_IDENTITY asks for it (step 4). */
export function managedIdentityFromEnv(
  env: Env,
  deps: Pick<EntraProfileDeps, "fetch" | "clock">,
): ResolvedCredential | undefined {
  const value = env.get("PPX_MANAGED_IDENTITY")?.trim();
  if (!value || /^(0|false|no|off)$/i.test(value)) return undefined;
  const generic = envFlag(env, "PPX_MANAGED_IDENTITY") || value.toLowerCase() === "system";
  const clientId = generic ? env.get("AZURE_CLIENT_ID") : value;
  return {
    origin: "managed-identity",
    credential: managedIdentityCredential({ clientId: clientId || undefined }, { env, ...deps }),
    description: clientId ? `user-assigned managed identity ${clientId}` : "system-assigned managed identity",
  };
}

/** True when a credential in the environment (token, AZURE_* app, managed identity) would be used. */
export function environmentSignIn(env: Env, deps: Pick<EntraProfileDeps, "fetch" | "clock">): boolean {
  return !!(firstEnv(env, "PPX_ACCESS_TOKEN", "PACX_ACCESS_TOKEN") || environmentCredential(env, deps) ||
    managedIdentityFromEnv(env, deps));
}

/** Inputs of a resolution. */
export interface ChainOptions {
  env: Env;
  deps: EntraProfileDeps;
  /** `--profile` / PPX_PROFILE. */
  profile?: string;
  /** Receives one line naming the chosen credential (for --debug). */
  trace?: (line: string) => void;
  /** Only the AZURE_* / CI OIDC / managed identity steps (an identity apart from every profile). */
  ambientOnly?: boolean;
}

function fromProfile(deps: EntraProfileDeps, profile: Profile, origin: CredentialOrigin): ResolvedCredential {
  if (profile.provider === "github") {
    throw withRemedy(
      new UsageError(
        `Profile '${profile.name}' is a GitHub profile; this command needs a Microsoft (Azure) profile.`,
      ),
      { action: "fix", topic: "entra.github-profile", profile: profile.name },
    );
  }
  const credential = profileCredential(deps, profile);
  return { origin, credential, profile, description: `profile '${profile.name}' (${credential.kind})` };
}

/** Picks the credential for this invocation (see the module comment for the order). */
export async function resolveCredential(options: ChainOptions): Promise<ResolvedCredential> {
  const { env, deps } = options;
  if (options.ambientOnly) {
    const ambient = environmentCredential(env, deps) ?? managedIdentityFromEnv(env, deps);
    if (ambient) return ambient;
    throw new AuthError("No AZURE_* variables, CI OIDC or managed identity are available.", {
      code: "auth.required",
      hint:
        "Set AZURE_TENANT_ID + AZURE_CLIENT_ID with AZURE_CLIENT_SECRET, or PPX_MANAGED_IDENTITY=1 on Azure.",
    });
  }
  if (options.profile) {
    const { doc } = await deps.config.load();
    return fromProfile(deps, selectProfile(doc, options.profile)!, "profile");
  }
  const raw = firstEnv(env, "PPX_ACCESS_TOKEN", "PACX_ACCESS_TOKEN");
  if (raw) {
    return {
      origin: "access-token",
      credential: staticCredential(raw.trim(), deps.clock),
      description: env.get("PPX_ACCESS_TOKEN") ? "PPX_ACCESS_TOKEN" : "PACX_ACCESS_TOKEN",
    };
  }
  const fromEnv = environmentCredential(env, deps) ?? managedIdentityFromEnv(env, deps);
  if (fromEnv) return fromEnv;
  const fallback = await defaultProfile(deps);
  if (fallback.profile) return fromProfile(deps, fallback.profile, "default-profile");
  // `value`: the GitHub default profile, when that is why no Entra profile was found.
  throw withRemedy(
    new AuthError("No credentials are available for this command.", { code: "auth.required" }),
    {
      action: "fix",
      topic: "entra.no-credentials",
      ...(fallback.github ? { value: fallback.github } : {}),
    },
  );
}

/**
 * The profiles whose tokens the current async call chain is renewing. A profile whose own secret lives in
 * Key Vault, read with a vault token from that same profile, would otherwise wait on its own lock forever.
 */
const renewing = new AsyncLocalStorage<ReadonlySet<string>>();

function secretCycle(profile: string): ConfigError {
  return new ConfigError(
    `Profile '${profile}' needs its own token to read its secret from Key Vault.`,
    {
      code: "auth.secret-cycle",
      hint:
        "Give Key Vault another identity: set PPX_KEYVAULT_PROFILE to a profile that can read the vault, " +
        "set AZURE_TENANT_ID + AZURE_CLIENT_ID with a secret, certificate or federated token, or run on Azure " +
        "with PPX_MANAGED_IDENTITY=1.",
    },
  );
}

/** Per-invocation token provider: resolution once, tokens per audience. */
export class EntraTokens {
  readonly #options: ChainOptions;
  readonly cache: TokenCache;
  #resolved?: Promise<ResolvedCredential>;
  #loaded = new Set<string>();

  constructor(options: ChainOptions) {
    this.#options = options;
    this.cache = new TokenCache({ clock: options.deps.clock });
  }

  /** The credential for this invocation (resolved once). */
  resolved(): Promise<ResolvedCredential> {
    this.#resolved ??= resolveCredential(this.#options).then((r) => {
      this.#options.trace?.(`credential: ${r.description}`);
      return r;
    });
    return this.#resolved;
  }

  /** A bearer token for an audience (`https://org.crm.dynamics.com`) or scope. */
  async token(
    audience: string,
    options: { forceRefresh?: boolean; signal?: AbortSignal } = {},
  ): Promise<string> {
    return (await this.tokenDetails(audience, options)).token;
  }

  /** The token with its expiry and account. */
  async tokenDetails(
    audience: string,
    options: { forceRefresh?: boolean; signal?: AbortSignal } = {},
  ): Promise<CachedToken & { account?: AccessToken["account"] }> {
    const resolved = await this.resolved();
    const scope = scopeFor(audience);
    const key = `${resolved.credential.id}|${scope}`;
    const profile = resolved.profile;
    if (profile && !this.#loaded.has(key)) {
      this.#loaded.add(key);
      const persisted = await this.#persisted(profile.name, scope);
      if (persisted) this.cache.put(key, persisted);
    }
    let details: AccessToken | undefined;
    const token = await this.cache.get(key, async (stale) => {
      if (!profile) {
        details = await resolved.credential.acquire(scope, options.signal);
        return details;
      }
      return await this.#renewProfileToken(resolved, profile, scope, stale, options, (d) => (details = d));
    }, options);
    const entry = this.cache.peek(key)!;
    return { token, expiresAt: entry.expiresAt, account: details?.account };
  }

  /** A TokenSource for the HTTP client (401 -> one forced refresh). */
  tokenSource(audience: string): TokenSource {
    return { getToken: (o = {}) => this.token(audience, o) };
  }

  async #persisted(profile: string, scope: string): Promise<CachedToken | undefined> {
    const { doc } = await this.#options.deps.config.load();
    const p = doc.profiles[profile];
    const spec = p?.secret_refs?.[`access_token:${scope}`];
    const audiences = p?.token?.audiences as Record<string, string> | undefined;
    const expiresAt = Date.parse(audiences?.[scope] ?? "");
    if (!spec || Number.isNaN(expiresAt)) return undefined;
    try {
      const token = await this.#options.deps.secrets.getSecret(spec);
      return token ? { token, expiresAt } : undefined;
    } catch (error) {
      if (error instanceof KeyringError) return undefined;
      throw error;
    }
  }

  async #renewProfileToken(
    resolved: ResolvedCredential,
    profile: Profile,
    scope: string,
    stale: CachedToken | undefined,
    options: { forceRefresh?: boolean; signal?: AbortSignal },
    onDetails: (d: AccessToken) => void,
  ): Promise<CachedToken> {
    const deps = this.#options.deps;
    const active = renewing.getStore() ?? new Set<string>();
    if (active.has(profile.name)) throw secretCycle(profile.name);
    return await renewing.run(
      new Set([...active, profile.name]),
      () =>
        withProfileLock(deps.config.paths.file, profile.name, async () => {
          // Another invocation may have renewed while this one waited for the lock.
          const persisted = await this.#persisted(profile.name, scope);
          const current = stale?.token ?? this.cache.peek(`${resolved.credential.id}|${scope}`)?.token;
          if (persisted && this.cache.fresh(persisted) && persisted.token !== current) return persisted;
          const fresh = await resolved.credential.acquire(scope, options.signal);
          onDetails(fresh);
          await persistProfileToken(deps, profile.name, scope, fresh);
          return { token: fresh.token, expiresAt: fresh.expiresAt };
        }),
    );
  }
}

/** Keeps a profile's new access token (where storage is secure) and records its expiry and account. */
export async function persistProfileToken(
  deps: EntraProfileDeps,
  profile: string,
  scope: string,
  fresh: AccessToken,
): Promise<void> {
  const spec = await saveAccessToken(deps, profile, scope, fresh.token);
  await deps.config.update((doc) => {
    const p = doc.profiles[profile];
    if (!p) return;
    const audiences = { ...(p.token?.audiences as Record<string, string> | undefined) };
    audiences[scope] = new Date(fresh.expiresAt).toISOString();
    p.token = {
      ...p.token,
      obtained_at: new Date(deps.clock.now()).toISOString(),
      expires_at: new Date(fresh.expiresAt).toISOString(),
      ...(fresh.account?.username ? { account: fresh.account.username } : {}),
      ...(fresh.account?.tenantId ? { tenant: fresh.account.tenantId } : {}),
      audiences,
    };
    const refs = { ...p.secret_refs };
    if (spec) refs[`access_token:${scope}`] = spec;
    else delete refs[`access_token:${scope}`];
    p.secret_refs = refs;
  });
}

/**
 * The default Azure profile, if any, and else the default GitHub profile's name (for the error); no config
 * directory at all (no home, no PPX_CONFIG_DIR) means none.
 */
async function defaultProfile(deps: ChainOptions["deps"]): Promise<{ profile?: Profile; github?: string }> {
  try {
    const { doc } = await deps.config.load();
    return { profile: selectProfile(doc, undefined, "azure"), github: defaultProfileName(doc, "github") };
  } catch (error) {
    if (error instanceof PpxError && error.code === "config.no-home") return {};
    throw error;
  }
}
