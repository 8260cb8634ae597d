/**
 * Sovereign clouds: the Entra sign-in host and the well-known resource audiences of each cloud. Values
 * are the public endpoints Microsoft documents for Power Platform, Key Vault and Microsoft Graph.
 *
 * @module
 */

import { withRemedy } from "../remedy.ts";
import { UsageError } from "../../errors.ts";

/** Cloud names accepted by `--cloud` (pac's `--cloud` values map onto these). */
export type CloudName = "public" | "usgov" | "usgovhigh" | "usgovdod" | "china";

/** Endpoints of one cloud. */
export interface Cloud {
  name: CloudName;
  /** Entra authority host, e.g. `https://login.microsoftonline.com`. */
  authorityHost: string;
  /** Power Platform API audience. */
  powerPlatform: string;
  /** PowerApps / BAP (business application platform) audience. */
  bap: string;
  /** The BAP admin REST API's base URL (environments, apps, flows), which differs from its audience. */
  bapApi: string;
  /** Key Vault audience. */
  keyVault: string;
  /** Microsoft Graph audience. */
  graph: string;
}

/** Every supported cloud. */
export const CLOUDS: Record<CloudName, Cloud> = {
  public: {
    name: "public",
    authorityHost: "https://login.microsoftonline.com",
    powerPlatform: "https://api.powerplatform.com",
    bap: "https://service.powerapps.com/",
    bapApi: "https://api.bap.microsoft.com",
    keyVault: "https://vault.azure.net",
    graph: "https://graph.microsoft.com",
  },
  usgov: {
    name: "usgov",
    authorityHost: "https://login.microsoftonline.com",
    powerPlatform: "https://api.gov.powerplatform.microsoft.us",
    bap: "https://gov.service.powerapps.us/",
    bapApi: "https://gov.api.bap.microsoft.us",
    keyVault: "https://vault.usgovcloudapi.net",
    graph: "https://graph.microsoft.com",
  },
  usgovhigh: {
    name: "usgovhigh",
    authorityHost: "https://login.microsoftonline.us",
    powerPlatform: "https://api.high.powerplatform.microsoft.us",
    bap: "https://high.service.powerapps.us/",
    bapApi: "https://high.api.bap.microsoft.us",
    keyVault: "https://vault.usgovcloudapi.net",
    graph: "https://graph.microsoft.us",
  },
  usgovdod: {
    name: "usgovdod",
    authorityHost: "https://login.microsoftonline.us",
    powerPlatform: "https://api.appsplatform.us",
    bap: "https://service.apps.appsplatform.us/",
    bapApi: "https://api.bap.appsplatform.us",
    keyVault: "https://vault.usgovcloudapi.net",
    graph: "https://dod-graph.microsoft.us",
  },
  china: {
    name: "china",
    authorityHost: "https://login.chinacloudapi.cn",
    powerPlatform: "https://api.powerplatform.partner.microsoftonline.cn",
    bap: "https://service.powerapps.cn/",
    bapApi: "https://api.bap.partner.microsoftonline.cn",
    keyVault: "https://vault.azure.cn",
    graph: "https://microsoftgraph.chinacloudapi.cn",
  },
};

/** Aliases people type (pac's names and the config file's `dod`). */
const ALIASES: Record<string, CloudName> = {
  public: "public",
  commercial: "public",
  azurecloud: "public",
  gcc: "usgov",
  usgov: "usgov",
  gcchigh: "usgovhigh",
  usgovhigh: "usgovhigh",
  dod: "usgovdod",
  usgovdod: "usgovdod",
  china: "china",
  mooncake: "china",
  azurechinacloud: "china",
};

/** Resolves a cloud name (case-insensitive, with aliases); undefined means public. */
export function cloudByName(name: string | null | undefined): Cloud {
  if (!name) return CLOUDS.public;
  const key = ALIASES[name.toLowerCase().replace(/[^a-z]/g, "")];
  if (!key) {
    throw withRemedy(new UsageError(`Unknown cloud "${name}".`), { action: "fix", topic: "entra.cloud" });
  }
  return CLOUDS[key];
}
