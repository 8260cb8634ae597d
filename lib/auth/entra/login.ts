/**
 * Signing a profile in: people through the browser (falling back to a device code when no browser can
 * be opened) or a device code; apps, CI identities and managed identities by getting a first token,
 * which proves the credential works. The refresh token and the first access token are stored per the
 * storage policy; nothing is printed here — messages go through `interaction.notify`.
 *
 * @module
 */

import type { Profile } from "../../config/schema.ts";
import type { BrowserOpener } from "../../os/browser.ts";
import type { Notify } from "../oauth/browser.ts";
import { persistProfileToken } from "./chain.ts";
import { cloudByName } from "./clouds.ts";
import { endpointFor } from "./credential.ts";
import { browserSignIn, BrowserUnavailable } from "./flows/browser.ts";
import { type DeviceCodePrompt, deviceCodeSignIn } from "./flows/device_code.ts";
import {
  type EntraProfileDeps,
  isUserFlow,
  normalizeFlow,
  profileCredential,
  profileIdentity,
  saveRefreshToken,
} from "./profile.ts";
import { type AccessToken, scopeFor } from "./token.ts";

/** How a sign-in reaches the person. */
export interface EntraInteraction {
  browser: BrowserOpener;
  /** A line for the person (stderr). */
  notify: Notify;
  /** Shows a device code (and may open the URL). */
  onDeviceCode: (prompt: DeviceCodePrompt) => void | Promise<void>;
  /** Abort the sign-in. */
  signal?: AbortSignal;
}

/** What a sign-in did. */
export interface LoginResult {
  profile: string;
  flow: string;
  /** The flow actually used (`device` after a browser fallback). */
  usedFlow: string;
  account?: string;
  tenant?: string;
  scope: string;
  expiresAt: number;
  /** Storage warnings/notices to show. */
  warnings: string[];
  notices: string[];
}

/** The audience a profile signs in for first: `--scope`, else its Dataverse host, else the Power Platform API. */
export function loginScope(profile: Profile): string {
  if (profile.scopes?.length) return profile.scopes[0];
  if (profile.dataverse_host) {
    return scopeFor(dataverseOrigin(profile.dataverse_host));
  }
  return scopeFor(cloudByName(profile.cloud).powerPlatform);
}

/** Signs a profile in (or again). `flow` overrides the profile's user flow for this sign-in. */
export async function loginProfile(
  deps: EntraProfileDeps,
  profile: Profile,
  interaction: EntraInteraction,
  options: { flow?: string } = {},
): Promise<LoginResult> {
  const scope = loginScope(profile);
  const flow = normalizeFlow(options.flow ?? profile.flow) ?? "device";
  const warnings: string[] = [];
  const notices: string[] = [];
  let token: AccessToken;
  let usedFlow: string = flow;
  if (isUserFlow(flow)) {
    const identity = profileIdentity(deps, profile);
    const endpoint = await endpointFor(identity, interaction.signal);
    const base = {
      endpoint,
      clientId: identity.clientId,
      clock: deps.clock,
      scope,
      signal: interaction.signal,
      context: { profile: profile.name, clientId: identity.clientId, tenant: identity.tenant },
    };
    const device = () => deviceCodeSignIn({ ...base, onPrompt: interaction.onDeviceCode });
    if (flow === "browser") {
      try {
        token = await browserSignIn({ ...base, browser: interaction.browser, notify: interaction.notify });
      } catch (error) {
        if (!(error instanceof BrowserUnavailable)) throw error;
        interaction.notify("No browser could be opened here; signing in with a device code instead.");
        usedFlow = "device";
        token = await device();
      }
    } else {
      token = await device();
    }
    if (token.refreshToken) {
      const saved = await saveRefreshToken(deps, profile.name, token.refreshToken);
      if (saved.warning) warnings.push(saved.warning);
      if (saved.notice) notices.push(saved.notice);
    }
  } else {
    token = await profileCredential(deps, profile).acquire(scope, interaction.signal);
  }
  await persistProfileToken(deps, profile.name, scope, token);
  return {
    profile: profile.name,
    flow,
    usedFlow,
    account: token.account?.username,
    tenant: token.account?.tenantId,
    scope,
    expiresAt: token.expiresAt,
    warnings,
    notices,
  };
}

/** The org URL of a stored host: bare hosts are https; an explicit (loopback) http:// is kept. */
export function dataverseOrigin(host: string): string {
  return /^https?:\/\//i.test(host) ? host.replace(/\/+$/, "") : `https://${host.replace(/\/+$/, "")}`;
}
