/**
 * The Microsoft Entra part of `ppx auth status` and `ppx auth token`: per profile (and for a credential
 * from the environment), a token for each audience it has used, from the cache or renewed with the
 * refresh token / app credential. Never starts an interactive sign-in.
 */

import { phraseError } from "../../kit/phrase.ts";
import { cloudByName } from "../../../lib/auth/entra/clouds.ts";
import { dataverseOrigin, loginScope } from "../../../lib/auth/entra/login.ts";
import type { Profile } from "../../../lib/config/schema.ts";
import { firstEnv } from "../../../lib/env.ts";
import { isPpxError } from "../../../lib/errors.ts";
import type { Context } from "../../context.ts";

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
  ctx: Context,
  profile: string | undefined,
  audiences: string[],
  label: string,
  host: string | null | undefined,
): Promise<AzureStatus> {
  const tokens = profile === undefined ? ctx.entra() : ctx.entraFor(profile);
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
    const phrased = phraseError(error);
    row.error = phrased.message;
    row.hint = phrased.hint;
  }
  return row;
}

/** Rows for the Azure profiles named, plus the environment credential when one is set. */
export async function azureStatusRows(
  ctx: Context,
  profiles: Profile[],
  withEnvironment: boolean,
): Promise<AzureStatus[]> {
  const rows: AzureStatus[] = [];
  if (withEnvironment) {
    const host = firstEnv(ctx.env, "DATAVERSE_HOST", "PACX_DATAVERSE_HOST");
    const audiences = [
      host
        ? `${dataverseOrigin(host)}/.default`
        : `${cloudByName(ctx.env.get("PPX_CLOUD")).powerPlatform}/.default`,
    ];
    rows.push(await check(ctx, undefined, audiences, "(environment)", host));
  }
  for (const p of profiles) {
    rows.push(await check(ctx, p.name, profileAudiences(p), p.name, p.dataverse_host));
  }
  return rows;
}

/** A status row as the table shows it. */
export function azureStatusView(row: AzureStatus): Record<string, unknown> {
  return {
    profile: row.profile,
    provider: row.provider,
    host: row.host ?? "",
    account: row.account ?? "",
    scopes: row.audiences.join(", "),
    token: row.expiresAt === "unknown"
      ? "unknown expiry"
      : row.expiresAt
      ? `expires ${row.expiresAt.replace("T", " ").slice(0, 16)}Z`
      : "",
    status: row.ok ? "ok" : `${row.error}${row.hint ? ` ${row.hint}` : ""}`,
  };
}
