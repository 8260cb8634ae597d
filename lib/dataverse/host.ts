/**
 * Dataverse org URLs: accepts `org.crm.dynamics.com`, `https://org.crm.dynamics.com/`, a URL that already
 * ends in `/api/data/v9.2`, and `http://` only for loopback hosts (the local emulator).
 *
 * @module
 */

import { resolveSetting } from "../config/settings.ts";
import type { ConfigData } from "../config/schema.ts";
import { type Env, firstEnv } from "../env.ts";
import { ConfigError, option, phrase, ValidationError } from "../errors.ts";

/** A normalised org. */
export interface DataverseOrg {
  /** `https://org.crm.dynamics.com` (no trailing slash). */
  url: string;
  /** The token audience for this org (its URL). */
  audience: string;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Normalises a host or URL; throws ValidationError naming the fix. */
export function normalizeDataverseHost(raw: string): DataverseOrg {
  const text = raw.trim();
  if (text === "") {
    throw new ValidationError("The Dataverse host is empty.", {
      hint: phrase`Pass ${option("dataverseHost", "org.crm.dynamics.com")} or set DATAVERSE_HOST.`,
    });
  }
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new ValidationError(`'${raw}' is not a host name or URL.`, {
      hint: "Use the org's host, e.g. contoso.crm.dynamics.com.",
    });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ValidationError(`'${raw}' must be an https:// URL.`);
  }
  if (url.protocol === "http:" && !LOOPBACK.has(url.hostname)) {
    throw new ValidationError(
      `Refusing plain http:// for ${url.hostname}: tokens would travel unencrypted.`,
      {
        hint: "Use https://, or http://127.0.0.1:<port> for the local emulator.",
      },
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ValidationError(`The Dataverse host '${raw}' may not carry a query, fragment or credentials.`);
  }
  const path = url.pathname.replace(/\/api\/data\/v\d+(\.\d+)?\/?$/, "").replace(/\/+$/, "");
  const base = `${url.origin}${path}`;
  return { url: base, audience: url.origin };
}

/** Where a Dataverse host came from. */
export type HostSource = "flag" | "env" | "config";

/** What host resolution looks at, passed in so nothing is read implicitly. */
export interface HostSources {
  /** The host flag's value, if given. */
  flag?: string;
  /** The environment (DATAVERSE_HOST, PACX_DATAVERSE_HOST). */
  env: Env;
  /** The config document, or undefined when there is no config directory at all. */
  config: () => Promise<ConfigData | undefined>;
  /** The profile named for this invocation (--profile / PPX_PROFILE); the default profile otherwise. */
  profile?: string;
}

/**
 * Which org a command talks to: the flag, then DATAVERSE_HOST (PACX_DATAVERSE_HOST), then the selected
 * profile's `dataverse_host`, then the top-level `dataverse_host` in the config. Throws ConfigError
 * `config.no-host` when none is set (the CLI adds how to set one).
 */
export async function resolveDataverseHost(
  sources: HostSources,
): Promise<DataverseOrg & { source: HostSource }> {
  const fromEnv = firstEnv(sources.env, "DATAVERSE_HOST", "PACX_DATAVERSE_HOST");
  if (sources.flag !== undefined) return { ...normalizeDataverseHost(sources.flag), source: "flag" };
  if (fromEnv !== undefined) return { ...normalizeDataverseHost(fromEnv), source: "env" };
  const doc = await sources.config();
  if (doc) {
    const flags = { "--profile": sources.profile };
    const value = resolveSetting("dataverse_host", { doc, env: sources.env, flags }).value;
    if (typeof value === "string" && value !== "") {
      return { ...normalizeDataverseHost(value), source: "config" };
    }
  }
  throw new ConfigError("No Dataverse host is set.", { code: "config.no-host" });
}
