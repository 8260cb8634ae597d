/**
 * Where the Power Platform admin APIs live in each cloud, and which token audience each wants. Four
 * families answer admin calls: the Power Platform API, the BAP admin API (environments with their
 * Dataverse URLs), the PowerApps admin API and the Flow admin API. Each base URL can be overridden
 * (`PPX_POWERPLATFORM_URL`, `PPX_BAP_URL`, `PPX_POWERAPPS_URL`, `PPX_FLOW_URL`), e.g. to point at the
 * emulator; plain http is accepted for loopback hosts only.
 *
 * @module
 */

import { cloudByName } from "../auth/entra/clouds.ts";
import type { Env } from "../env.ts";
import { UsageError } from "../errors.ts";

/** The API families of the admin surface. */
export type ApiFamily = "powerplatform" | "bap" | "powerapps" | "flow";

/** Every family, in a stable order. */
export const API_FAMILIES: readonly ApiFamily[] = ["powerplatform", "bap", "powerapps", "flow"];

/** The base URL and token audience of one family. */
export interface ApiEndpoint {
  /** Base URL without a trailing slash, e.g. `https://api.powerplatform.com`. */
  baseUrl: string;
  /** The resource the bearer token is requested for. */
  audience: string;
}

/** Base URLs and audiences of one cloud. */
export type CloudEndpoints = Record<ApiFamily, ApiEndpoint>;

interface CloudTable {
  powerapps: string;
  flow: string;
  flowAudience: string;
}

// The PowerApps and Flow admin hosts per cloud (the Power Platform API and BAP come from clouds.ts).
const EXTRA: Record<string, CloudTable> = {
  public: {
    powerapps: "https://api.powerapps.com",
    flow: "https://api.flow.microsoft.com",
    flowAudience: "https://service.flow.microsoft.com/",
  },
  usgov: {
    powerapps: "https://gov.api.powerapps.us",
    flow: "https://gov.api.flow.microsoft.us",
    flowAudience: "https://gov.service.flow.microsoft.us/",
  },
  usgovhigh: {
    powerapps: "https://high.api.powerapps.us",
    flow: "https://high.api.flow.microsoft.us",
    flowAudience: "https://high.service.flow.microsoft.us/",
  },
  usgovdod: {
    powerapps: "https://api.powerapps.appsplatform.us",
    flow: "https://api.flow.appsplatform.us",
    flowAudience: "https://service.flow.appsplatform.us/",
  },
  china: {
    powerapps: "https://api.powerapps.cn",
    flow: "https://api.powerautomate.cn",
    flowAudience: "https://service.powerautomate.cn/",
  },
};

/** The variable that overrides each family's base URL. */
export const BASE_URL_VARIABLES: Record<ApiFamily, string> = {
  powerplatform: "PPX_POWERPLATFORM_URL",
  bap: "PPX_BAP_URL",
  powerapps: "PPX_POWERAPPS_URL",
  flow: "PPX_FLOW_URL",
};

/**
 * The endpoints of a cloud (`public` when none is named), with the base-URL variables of `env` applied.
 * Throws UsageError for an unknown cloud or an override that is not https (http only on loopback).
 */
export function cloudEndpoints(cloud: string | null | undefined, env: Env): CloudEndpoints {
  const c = cloudByName(cloud);
  const extra = EXTRA[c.name];
  const defaults: CloudEndpoints = {
    powerplatform: { baseUrl: c.powerPlatform, audience: c.powerPlatform },
    bap: { baseUrl: c.bapApi, audience: c.bap },
    powerapps: { baseUrl: extra.powerapps, audience: c.bap },
    flow: { baseUrl: extra.flow, audience: extra.flowAudience },
  };
  for (const family of API_FAMILIES) {
    const variable = BASE_URL_VARIABLES[family];
    const raw = env.get(variable)?.trim();
    if (raw) defaults[family] = { ...defaults[family], baseUrl: checkedBaseUrl(raw, variable) };
  }
  return defaults;
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** A base URL from a variable: https, or http on a loopback host; no trailing slash. */
export function checkedBaseUrl(raw: string, variable: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${variable} is not a URL: '${raw}'.`, {
      hint: `Example: ${variable}=https://api.powerplatform.com (or the emulator's http://127.0.0.1:PORT).`,
    });
  }
  const plainLoopback = url.protocol === "http:" && isLoopback(url.hostname);
  if (url.protocol !== "https:" && !plainLoopback) {
    throw new UsageError(`${variable} must be an https URL (plain http only for 127.0.0.1 or localhost).`, {
      hint: "Tokens are never sent over plain http to another machine.",
    });
  }
  return url.toString().replace(/\/+$/, "");
}
