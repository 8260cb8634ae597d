/**
 * The Microsoft Entra part of `ppx auth status` and `ppx auth token`: per profile (and for a credential
 * from the environment), a token for each audience it has used, from the cache or renewed with the
 * refresh token / app credential. Never starts an interactive sign-in.
 *
 * @module
 */

import type { Profile } from "../../config/schema.ts";
import { type Env, firstEnv } from "../../env.ts";
import { isPpxError, type PpxError } from "../../errors.ts";
import { type Remedy, remedyOf } from "../remedy.ts";
import type { EntraTokens } from "./chain.ts";
import { cloudByName } from "./clouds.ts";
import { dataverseOrigin, loginScope } from "./login.ts";

/** One status row. */
export interface AzureStatus {
  profile: string;
  provider: "azure";
  origin: string;
  /** The profile's Dataverse host (DATAVERSE_HOST for the environment credential). */
  host?: string;
  account?: string;
  tenant?: string;
  audiences: string[];
  /** ISO time, or "unknown" for an opaque PPX_ACCESS_TOKEN. */
  expiresAt?: string;
  ok: boolean;
  error?: string;
  hint?: string;
  /** What to do about the error, as data (the CLI words it into `hint`). */
  remedy?: Remedy;
}

/** What the Entra status needs: the environment and the tokens of a profile (undefined: the whole chain). */
export interface AzureStatusDeps {
  /** The environment (DATAVERSE_HOST, PPX_CLOUD). */
  env: Env;
  /** Tokens of the named profile, or of the invocation's credential chain for undefined. */
  tokensFor: (profile: string | undefined) => EntraTokens | Promise<EntraTokens>;
  /** How an error reads in a row (the CLI passes its wording of flags and commands); default: as thrown. */
  describe?: (error: PpxError) => { message: string; hint?: string };
}

/** The audiences to check for a profile: those it used, else its sign-in audience. */
export function profileAudiences(profile: Profile | undefined): string[] {
  const used = Object.keys((profile?.token?.audiences as Record<string, string> | undefined) ?? {});
  if (used.length) return used;
  return profile ? [loginScope(profile)] : [];
}

/** Resolves `--audience`: a URL, or a name (dataverse, powerplatform, bap, keyvault, graph). */
export function audienceFor(value: string | undefined, profile: Profile | undefined): string {
  const cloud = cloudByName(profile?.cloud);
  switch ((value ?? "").toLowerCase()) {
    case "":
      return profile ? loginScope(profile) : `${cloud.powerPlatform}/.default`;
    case "dataverse":
      if (profile?.dataverse_host) return `${dataverseOrigin(profile.dataverse_host)}/.default`;
      return `${cloud.powerPlatform}/.default`;
    case "powerplatform":
    case "pp":
      return `${cloud.powerPlatform}/.default`;
    case "bap":
    case "powerapps":
      return `${cloud.bap}/.default`;
    case "keyvault":
      return `${cloud.keyVault}/.default`;
    case "graph":
      return `${cloud.graph}/.default`;
    default:
      return value!;
  }
}

async function check(
  deps: AzureStatusDeps,
  profile: string | undefined,
  audiences: string[],
  label: string,
  host: string | null | undefined,
): Promise<AzureStatus> {
  const tokens = await deps.tokensFor(profile);
  const row: AzureStatus = { profile: label, provider: "azure", origin: "", audiences: [], ok: true };
  if (host) row.host = host;
  try {
    const resolved = await tokens.resolved();
    row.origin = resolved.description;
    const list = audiences.length ? audiences : profileAudiences(resolved.profile);
    let earliest = Infinity;
    for (const audience of list) {
      const t = await tokens.tokenDetails(audience);
      row.audiences.push(audience.replace(/\/\.default$/, ""));
      earliest = Math.min(earliest, t.expiresAt);
      row.account ??= t.account?.username ?? resolved.profile?.token?.account;
      row.tenant ??= t.account?.tenantId ?? (resolved.profile?.token?.tenant as string | undefined);
    }
    if (Number.isFinite(earliest)) row.expiresAt = new Date(earliest).toISOString();
    else if (list.length) row.expiresAt = "unknown";
  } catch (error) {
    if (!isPpxError(error)) throw error;
    row.ok = false;
    const described = deps.describe?.(error) ?? { message: error.message, hint: error.hint };
    row.error = described.message;
    row.hint = described.hint;
    const remedy = remedyOf(error);
    if (remedy) row.remedy = remedy;
  }
  return row;
}

/** Rows for the Azure profiles named, plus the environment credential when one is set. */
export async function azureStatusRows(
  deps: AzureStatusDeps,
  profiles: Profile[],
  withEnvironment: boolean,
): Promise<AzureStatus[]> {
  const rows: AzureStatus[] = [];
  if (withEnvironment) {
    const host = firstEnv(deps.env, "DATAVERSE_HOST", "PACX_DATAVERSE_HOST");
    const audiences = [
      host
        ? `${dataverseOrigin(host)}/.default`
        : `${cloudByName(deps.env.get("PPX_CLOUD")).powerPlatform}/.default`,
    ];
    rows.push(await check(deps, undefined, audiences, "(environment)", host));
  }
  for (const p of profiles) {
    rows.push(await check(deps, p.name, profileAudiences(p), p.name, p.dataverse_host));
  }
  return rows;
}
