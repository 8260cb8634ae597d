/**
 * `ppx doctor` checks: config and its permissions, the OS keyring, proxy and CA settings, clock skew
 * against the sign-in authority, a token per audience, and Dataverse WhoAmI. Each check returns a
 * result with a fix hint; nothing here prints.
 *
 * @module
 */

import type { EntraTokens } from "../auth/entra/chain.ts";
import { resolveAuthority } from "../auth/entra/authority.ts";
import { cloudByName } from "../auth/entra/clouds.ts";
import type { Keyring } from "../auth/keyring/keyring.ts";
import type { Clock } from "../clock.ts";
import type { ConfigStore } from "../config/store.ts";
import type { Env } from "../env.ts";
import type { HttpClient } from "../http/client.ts";
import { isPpxError } from "../errors.ts";

/** One check's outcome. */
export interface CheckResult {
  check: string;
  status: "ok" | "warn" | "fail" | "skip";
  detail: string;
  hint?: string;
}

/** What the checks use. */
export interface DoctorDeps {
  env: Env;
  clock: Clock;
  fetch: typeof fetch;
  config: ConfigStore;
  keyring: () => Keyring;
  tokens: EntraTokens;
  /** An HTTP client for a Dataverse URL with the token for its audience. */
  dataverse: (url: string) => HttpClient;
  /** Dataverse URL to probe, e.g. `https://contoso.crm.dynamics.com` (undefined = skip). */
  host?: string;
}

function message(error: unknown): { detail: string; hint?: string } {
  if (isPpxError(error)) return { detail: error.message, hint: error.hint };
  return { detail: error instanceof Error ? error.message : String(error) };
}

/** Runs every check in order. */
export async function runDoctor(deps: DoctorDeps): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  // 1. config
  let defaultProfile: string | null | undefined;
  try {
    const { doc } = await deps.config.load();
    defaultProfile = doc.default;
    let mode = "";
    try {
      const info = await Deno.stat(deps.config.path);
      if (info.mode !== null && Deno.build.os !== "windows") {
        const bits = info.mode & 0o777;
        mode = `, mode ${bits.toString(8)}`;
        if (bits & 0o077) {
          results.push({
            check: "config",
            status: "warn",
            detail: `${deps.config.path} is readable by others${mode}`,
            hint: `chmod 600 ${deps.config.path}`,
          });
        }
      }
    } catch {
      mode = " (not created yet)";
    }
    results.push({
      check: "config",
      status: "ok",
      detail: `${deps.config.path}${mode}; ${Object.keys(doc.profiles).length} profile(s), default: ${
        defaultProfile ?? "none"
      }`,
    });
  } catch (error) {
    results.push({ check: "config", status: "fail", ...message(error) });
  }
  // 2. keyring
  try {
    const keyring = deps.keyring();
    await keyring.get("ppx", "doctor-probe");
    results.push({ check: "keyring", status: "ok", detail: `${keyring.backend} answers` });
  } catch (error) {
    results.push({
      check: "keyring",
      status: "warn",
      detail: `OS keyring unavailable: ${message(error).detail}`,
      hint:
        "Tokens then go to the config file (encrypted with PACX_CONFIG_ENCRYPTION_KEY, else plaintext 0600).",
    });
  }
  // 3. proxy / CA
  const proxy = deps.env.get("HTTPS_PROXY") ?? deps.env.get("https_proxy") ?? deps.env.get("HTTP_PROXY");
  const ca = deps.env.get("DENO_CERT");
  results.push({
    check: "network",
    status: "ok",
    detail: `proxy: ${proxy ? proxy.replace(/\/\/[^@/]*@/, "//***@") : "none"}; NO_PROXY: ${
      deps.env.get("NO_PROXY") ?? "none"
    }; extra CA: ${ca ?? "none"}${
      deps.env.get("DENO_TLS_CA_STORE") ? `; CA store: ${deps.env.get("DENO_TLS_CA_STORE")}` : ""
    }`,
  });
  // 4. credential and clock skew
  let resolved;
  try {
    resolved = await deps.tokens.resolved();
    results.push({ check: "credential", status: "ok", detail: resolved.description });
  } catch (error) {
    results.push({ check: "credential", status: "fail", ...message(error) });
  }
  const profile = resolved?.profile;
  try {
    const authority = resolveAuthority({
      tenant: profile?.tenant_id ?? deps.env.get("AZURE_TENANT_ID") ?? "organizations",
      cloud: profile?.cloud ?? deps.env.get("PPX_CLOUD"),
      authority: typeof profile?.authority === "string" ? profile.authority : undefined,
      env: deps.env,
    });
    const before = deps.clock.now();
    const response = await deps.fetch(`${authority.href}/v2.0/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    const date = Date.parse(response.headers.get("date") ?? "");
    if (Number.isNaN(date)) {
      results.push({ check: "clock", status: "skip", detail: `${authority.host} sent no Date header` });
    } else {
      const skew = Math.round((before + (deps.clock.now() - before) / 2 - date) / 1000);
      const bad = Math.abs(skew) > 300;
      results.push({
        check: "clock",
        status: bad ? "fail" : "ok",
        detail: `${Math.abs(skew)} s ${skew >= 0 ? "ahead of" : "behind"} ${authority.host}`,
        ...(bad
          ? { hint: "Sync the system clock (NTP): Entra rejects assertions and tokens outside ±5 minutes." }
          : {}),
      });
    }
  } catch (error) {
    results.push({
      check: "clock",
      status: "fail",
      detail: `cannot reach the sign-in authority: ${message(error).detail}`,
      hint: "Check the network, HTTPS_PROXY/NO_PROXY and DENO_CERT.",
    });
  }
  // 5. tokens per audience
  if (resolved) {
    const cloud = cloudByName(profile?.cloud ?? deps.env.get("PPX_CLOUD"));
    const audiences = [...new Set([...(deps.host ? [deps.host] : []), cloud.powerPlatform])];
    for (const audience of audiences) {
      try {
        const t = await deps.tokens.tokenDetails(audience);
        const minutes = Math.round((t.expiresAt - deps.clock.now()) / 60_000);
        results.push({ check: `token ${audience}`, status: "ok", detail: `valid for ${minutes} min` });
      } catch (error) {
        results.push({ check: `token ${audience}`, status: "fail", ...message(error) });
      }
    }
  }
  // 6. Dataverse
  if (!deps.host) {
    results.push({
      check: "dataverse",
      status: "skip",
      detail: "no Dataverse host known",
      hint: "Pass --host, set DATAVERSE_HOST, or `ppx profile set-host HOST`.",
    });
  } else if (resolved) {
    try {
      const who = await deps.dataverse(deps.host).json<{ UserId?: string }>("GET", "/api/data/v9.2/WhoAmI");
      results.push({
        check: "dataverse",
        status: "ok",
        detail: `${deps.host} reachable; UserId ${who?.UserId ?? "?"}`,
      });
    } catch (error) {
      results.push({ check: "dataverse", status: "fail", ...message(error) });
    }
  }
  return results;
}
