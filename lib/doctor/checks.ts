/**
 * `ppx doctor` checks: config and its permissions, the OS keyring, proxy and CA settings, clock skew
 * against the sign-in authority, a token per audience, and Dataverse WhoAmI. Each check returns a
 * result with a fix hint; nothing here prints.
 *
 * @module
 */

import type { EntraTokens, ResolvedCredential } from "../auth/entra/chain.ts";
import { describeExpiry } from "../auth/token_expiry.ts";
import { resolveAuthority } from "../auth/entra/authority.ts";
import { cloudByName } from "../auth/entra/clouds.ts";
import type { Keyring } from "../auth/keyring/keyring.ts";
import type { Clock } from "../clock.ts";
import type { ConfigStore } from "../config/store.ts";
import type { Env } from "../env.ts";
import type { HttpClient } from "../http/client.ts";
import { isPpxError, spell, type Speller } from "../errors.ts";
import { defaultProfileName } from "../config/profiles.ts";

/**
 * Why a check needs a step that only the caller can word (a flag to pass, a command to run): the CLI
 * turns it into the check's hint (`cli/commands/doctor.ts`).
 */
export type CheckFix =
  /** The Dataverse probe was turned off on request. */
  | "dataverse-skipped"
  /** No Dataverse host is known (none given, none configured). */
  | "no-dataverse-host"
  /** A profile's sign-in has expired. */
  | "sign-in-again";

/** One check's outcome. */
export interface CheckResult {
  check: string;
  status: "ok" | "warn" | "fail" | "skip";
  detail: string;
  hint?: string;
  /** The next step, as data, when the caller words it (then `hint` is absent). */
  fix?: CheckFix;
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
}

/** What `ppx doctor` is asked to check. */
export interface DoctorOptions {
  /** The Dataverse URL, e.g. `https://contoso.crm.dynamics.com` (undefined = none known). */
  host?: string;
  /** How hints name options and commands (the CLI's `--flag` and `ppx ...`); the library's own by default. */
  speller?: Speller;
  /** Do not probe Dataverse (`--no-check-dataverse`); its host is still the clock reference of a raw token. */
  skipDataverse?: boolean;
}

function message(error: unknown, speller?: Speller): { detail: string; hint?: string } {
  if (isPpxError(error)) {
    return {
      detail: error.message,
      hint: speller && error.text.hint ? spell(error.text.hint, speller) : error.hint,
    };
  }
  return { detail: error instanceof Error ? error.message : String(error) };
}

/** Runs every check in order. */
export async function runDoctor(options: DoctorOptions, deps: DoctorDeps): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  // 1. config
  let defaultProfile: string | null | undefined;
  try {
    const { doc } = await deps.config.load();
    const azure = defaultProfileName(doc, "azure");
    const github = defaultProfileName(doc, "github");
    defaultProfile =
      [azure && `${azure} (Azure)`, github && `${github} (GitHub)`].filter(Boolean).join(", ") ||
      null;
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
    results.push({ check: "config", status: "fail", ...message(error, options.speller) });
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
      detail: `OS keyring unavailable: ${message(error, options.speller).detail}`,
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
    results.push({ check: "credential", status: "fail", ...message(error, options.speller) });
  }
  results.push(await clockCheck(options, deps, resolved));
  // 5. tokens per audience
  const profile = resolved?.profile;
  if (resolved) {
    const cloud = cloudByName(profile?.cloud ?? deps.env.get("PPX_CLOUD"));
    const probed = options.host && !options.skipDataverse ? [options.host] : [];
    const audiences = [...new Set([...probed, cloud.powerPlatform])];
    for (const audience of audiences) {
      try {
        const t = await deps.tokens.tokenDetails(audience);
        const expired = t.expiresAt <= deps.clock.now();
        results.push({
          check: `token ${audience}`,
          status: expired ? "fail" : "ok",
          detail: describeExpiry(t.expiresAt, deps.clock.now()),
          ...(!expired ? {} : resolved.origin === "access-token"
            ? {
              hint:
                `${resolved.description} has expired: set a fresh token, or unset it to use your profiles.`,
            }
            : { fix: "sign-in-again" as const }),
        });
      } catch (error) {
        results.push({ check: `token ${audience}`, status: "fail", ...message(error, options.speller) });
      }
    }
  }
  // 6. Dataverse
  if (options.skipDataverse) {
    results.push({
      check: "dataverse",
      status: "skip",
      detail: `skipped${options.host ? `; host ${options.host}` : ""}`,
      fix: "dataverse-skipped",
    });
  } else if (!options.host) {
    results.push({
      check: "dataverse",
      status: "skip",
      detail: "no Dataverse host known",
      fix: "no-dataverse-host",
    });
  } else if (resolved) {
    try {
      const who = await deps.dataverse(options.host).json<{ UserId?: string }>(
        "GET",
        "/api/data/v9.2/WhoAmI",
      );
      results.push({
        check: "dataverse",
        status: "ok",
        detail: `${options.host} reachable; UserId ${who?.UserId ?? "?"}`,
      });
    } catch (error) {
      results.push({ check: "dataverse", status: "fail", ...message(error, options.speller) });
    }
  }
  return results;
}

/**
 * Clock skew against the service the credential talks to: the sign-in authority for anything that signs
 * in, else (a raw PPX_ACCESS_TOKEN signs in nowhere) the Dataverse host, so the emulator passes offline.
 */
async function clockCheck(
  options: DoctorOptions,
  deps: DoctorDeps,
  resolved: ResolvedCredential | undefined,
): Promise<CheckResult> {
  const profile = resolved?.profile;
  let url: string;
  let host: string;
  const viaAuthority = resolved?.origin !== "access-token";
  if (viaAuthority) {
    try {
      const authority = resolveAuthority({
        tenant: profile?.tenant_id ?? deps.env.get("AZURE_TENANT_ID") ?? "organizations",
        cloud: profile?.cloud ?? deps.env.get("PPX_CLOUD"),
        authority: typeof profile?.authority === "string" ? profile.authority : undefined,
        env: deps.env,
      });
      url = `${authority.href}/v2.0/.well-known/openid-configuration`;
      host = authority.host;
    } catch (error) {
      return { check: "clock", status: "fail", ...message(error, options.speller) };
    }
  } else if (options.host) {
    url = `${options.host}/api/data/v9.2/`;
    host = new URL(options.host).host;
  } else {
    return {
      check: "clock",
      status: "skip",
      detail: `${resolved?.description ?? "the token"} signs in nowhere and no Dataverse host is known`,
    };
  }
  try {
    const before = deps.clock.now();
    const response = await deps.fetch(url, { signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
    const date = Date.parse(response.headers.get("date") ?? "");
    if (Number.isNaN(date)) return { check: "clock", status: "skip", detail: `${host} sent no Date header` };
    const skew = Math.round((before + (deps.clock.now() - before) / 2 - date) / 1000);
    const bad = Math.abs(skew) > 300;
    return {
      check: "clock",
      status: bad ? "fail" : "ok",
      detail: `${Math.abs(skew)} s ${skew >= 0 ? "ahead of" : "behind"} ${host}`,
      ...(bad
        ? { hint: "Sync the system clock (NTP): Entra rejects assertions and tokens outside ±5 minutes." }
        : {}),
    };
  } catch (error) {
    return {
      check: "clock",
      status: viaAuthority ? "fail" : "warn",
      detail: `cannot reach ${viaAuthority ? "the sign-in authority" : host}: ${
        message(error, options.speller).detail
      }`,
      hint: "Check the network, HTTPS_PROXY/NO_PROXY and DENO_CERT.",
    };
  }
}
