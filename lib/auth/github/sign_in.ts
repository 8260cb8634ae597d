/**
 * The `ppx auth github` use-case: work out what a sign-in needs from what was given, the profile of that
 * name (an existing one is re-authenticated with its own settings) and the environment, ask for what is
 * still missing (injected questions), then sign in and save the profile (`loginGitHubProfile`).
 *
 * @module
 */

import { checkProfileName } from "../../config/profiles.ts";
import type { ConfigData, Profile } from "../../config/schema.ts";
import { type Env, firstEnv } from "../../env.ts";
import { UsageError } from "../../errors.ts";
import { withRemedy } from "../remedy.ts";
import { resolveStoragePolicy } from "../secrets/policy.ts";
import { resolveGitHubHost } from "./host.ts";
import { type GitHubLoginRequest, type GitHubLoginResult, loginGitHubProfile } from "./login.ts";
import type { GitHubProfileDeps } from "./profile_store.ts";
import type { GitHubInteraction } from "./provider.ts";

/** Options of {@link signInGitHub}. */
export interface GitHubSignInOptions {
  /** The profile to create or re-authenticate. */
  profile: string;
  /** The app's Client ID; else the profile's, else PPX_GITHUB_CLIENT_ID, else asked. */
  clientId?: string;
  /** A client secret given directly. */
  clientSecret?: string;
  /** The variable holding the client secret (the caller checked that it is set). */
  clientSecretEnv?: string;
  /** Scopes to request; the profile's when undefined. */
  scopes?: string[];
  /** Browser sign-in with PKCE. */
  web?: boolean;
  /** Device flow. */
  device?: boolean;
  /** The registered callback URL (implies the web flow unless `device`). */
  redirectUri?: string;
  /** github.com, a GHES host or a base URL; the profile's when undefined. */
  hostname?: string;
  /** Store a directly given client secret (default true). */
  saveSecret?: boolean;
  /** Make the profile the default (default true). */
  setDefault?: boolean;
  /** Refuse plaintext token storage. */
  secureStorage?: boolean;
  /** Keep tokens in the config file. */
  insecureStorage?: boolean;
}

/** What {@link signInGitHub} needs: the stores, the environment, and how to reach the person. */
export interface GitHubSignInDeps extends Omit<GitHubProfileDeps, "storage"> {
  /** The environment (PPX_GITHUB_CLIENT_ID, the client secret variable, token variables). */
  env: Env;
  /** Device code, browser and pasted redirect. */
  interaction: GitHubInteraction;
  /** Questions for what is still missing (they fail without a terminal). */
  ask: {
    /** The client id (may be answered empty). */
    clientId: () => Promise<string>;
    /** The client secret the web flow needs. */
    clientSecret: () => Promise<string>;
  };
}

/** The GitHub profile of that name, or a UsageError (with a remedy) when the name is another provider's. */
function storedGitHubProfile(doc: ConfigData, name: string): Profile | undefined {
  const existing: Profile | undefined = doc.profiles[name];
  if (existing && existing.provider !== "github") {
    throw withRemedy(new UsageError(`Profile '${name}' is an Azure profile.`), {
      action: "github-other-name",
      profile: name,
    });
  }
  return existing?.provider === "github" ? existing : undefined;
}

/** Signs a GitHub profile in (creating or updating it) and returns what happened, without secrets. */
export async function signInGitHub(
  options: GitHubSignInOptions,
  deps: GitHubSignInDeps,
): Promise<GitHubLoginResult> {
  const profile = options.profile;
  checkProfileName(profile);
  const { doc } = await deps.config.load();
  const storage = resolveStoragePolicy(options, doc.token_storage as string | undefined);
  const stored = storedGitHubProfile(doc, profile);
  const host = options.hostname ?? (typeof stored?.host === "string" ? stored.host : undefined);
  resolveGitHubHost(host); // a bad host fails before any question
  const flow: "device" | "web" = options.web || (options.redirectUri && !options.device)
    ? "web"
    : options.device
    ? "device"
    : stored?.flow === "browser"
    ? "web"
    : "device";

  let clientId = options.clientId ?? (typeof stored?.client_id === "string" ? stored.client_id : undefined) ??
    firstEnv(deps.env, "PPX_GITHUB_CLIENT_ID");
  clientId ||= (await deps.ask.clientId()).trim();
  if (!clientId) {
    throw withRemedy(new UsageError("A client id is required."), {
      action: "pass-option",
      option: "clientId",
    });
  }

  let clientSecretEnv = options.clientSecretEnv;
  let clientSecret = options.clientSecret;
  const storedSecretRef = stored?.secret_refs?.client_secret;
  if (!clientSecret && !clientSecretEnv && storedSecretRef?.startsWith("env:") && !options.clientId) {
    clientSecretEnv = firstEnv(deps.env, storedSecretRef.slice(4)) ? storedSecretRef.slice(4) : undefined;
  }
  if (flow === "web" && !clientSecret && !clientSecretEnv) {
    if (storedSecretRef && !storedSecretRef.startsWith("env:") && !options.clientId) {
      clientSecret = await deps.secrets.getSecret(storedSecretRef).catch(() => undefined);
    }
    clientSecret ??= await deps.ask.clientSecret();
  }

  const request: GitHubLoginRequest = {
    profile,
    clientId,
    clientSecret: clientSecret || undefined,
    clientSecretEnv,
    saveSecret: options.saveSecret,
    scopes: options.scopes ?? stored?.scopes ?? [],
    flow,
    redirectUri: options.redirectUri ??
      (flow === "web" && typeof stored?.redirect_uri === "string" ? stored.redirect_uri : undefined),
    host,
    setDefault: options.setDefault,
  };
  const webFlow = flow === "web" ? (await import("./web_flow.ts")).runGitHubWebFlow : undefined;
  return await loginGitHubProfile(request, { ...deps, storage }, deps.interaction, webFlow);
}
