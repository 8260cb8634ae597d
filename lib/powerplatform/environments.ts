/**
 * Environments as people name them: the tenant's list (BAP admin API, which carries each environment's
 * Dataverse URL, unique name and domain) and resolving what a user typed after `-e` (an id, a Dataverse
 * URL or host, a unique name or domain, or an unambiguous part of the display name).
 *
 * @module
 */

import { command, NotFoundError, phrase, UsageError } from "../errors.ts";
import type { HttpClient } from "../http/client.ts";
import { listItems } from "./paging.ts";

/** The BAP admin API version ppx lists environments with. */
export const BAP_API_VERSION = "2021-04-01";
/** The BAP admin path of the tenant's environments. */
export const BAP_ENVIRONMENTS_PATH = "/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments";

/** One environment, as `ppx env list` shows it. */
export interface EnvironmentSummary {
  /** Environment id (BAP `name`), e.g. `Default-<tenant>` or a GUID. */
  id: string;
  /** The name people see. */
  displayName: string;
  /** Production, Sandbox, Trial, Developer, Default, Teams... */
  type?: string;
  /** Geography, e.g. `unitedstates`. */
  region?: string;
  /** The Dataverse org URL, when the environment has a database. */
  url?: string;
  /** Ready, Disabled, NotSpecified... */
  state?: string;
  /** Dataverse unique name (e.g. `unq1234...`). */
  uniqueName?: string;
  /** Dataverse domain (the host's first label). */
  domainName?: string;
}

/** Turns one BAP environment record into a summary. */
export function summarizeEnvironment(raw: Record<string, unknown>): EnvironmentSummary {
  const p = (raw.properties ?? {}) as Record<string, unknown>;
  const linked = (p.linkedEnvironmentMetadata ?? {}) as Record<string, unknown>;
  const states = (p.states ?? {}) as Record<string, { id?: string } | undefined>;
  const s = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  return {
    id: String(raw.name ?? raw.id ?? ""),
    displayName: s(p.displayName) ?? String(raw.name ?? ""),
    type: s(p.environmentSku),
    region: s(raw.location) ?? s(p.azureRegion),
    url: s(linked.instanceUrl)?.replace(/\/+$/, ""),
    state: s(states.management?.id) ?? s(p.provisioningState),
    uniqueName: s(linked.uniqueName),
    domainName: s(linked.domainName),
  };
}

/** Every environment of the tenant, from the BAP admin API (all pages). */
export async function listEnvironments(
  bap: HttpClient,
  apiVersion = BAP_API_VERSION,
): Promise<EnvironmentSummary[]> {
  const out: EnvironmentSummary[] = [];
  const items = listItems<Record<string, unknown>>(
    bap,
    { path: BAP_ENVIRONMENTS_PATH, query: { "api-version": apiVersion } },
    {},
    { all: true },
  );
  for await (const raw of items) out.push(summarizeEnvironment(raw));
  return out;
}

const ID = /^(default-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when the text is an environment id itself (a GUID, or `Default-<GUID>`). */
export function looksLikeEnvironmentId(text: string): boolean {
  return ID.test(text.trim());
}

/**
 * Picks the environment a user meant. Tried in order: id, Dataverse URL or host, unique name or domain,
 * display name, then a part of the display name. Several matches -> UsageError (exit 2) listing them;
 * none -> NotFoundError (exit 5) naming the closest display names.
 */
export function matchEnvironment(
  query: string,
  environments: readonly EnvironmentSummary[],
): EnvironmentSummary {
  const q = query.trim();
  const lower = q.toLowerCase();
  const host = hostOf(q);
  const tiers: ((e: EnvironmentSummary) => boolean)[] = [
    (e) => e.id.toLowerCase() === lower,
    (e) => host !== undefined && e.url !== undefined && hostOf(e.url) === host,
    (e) => e.uniqueName?.toLowerCase() === lower || e.domainName?.toLowerCase() === lower,
    (e) => e.displayName.toLowerCase() === lower,
    (e) => lower !== "" && e.displayName.toLowerCase().includes(lower),
  ];
  for (const tier of tiers) {
    const hits = environments.filter(tier);
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) {
      throw new UsageError(`'${q}' matches ${hits.length} environments: ${hits.map(describe).join("; ")}.`, {
        hint: "Give more of the name, or the id or Dataverse URL.",
      });
    }
  }
  const closest = closestNames(q, environments);
  throw new NotFoundError(`No environment matches '${q}'.`, {
    hint: closest.length
      ? phrase`Closest: ${closest.join(", ")}. List them with \`${command("env", "list")}\`.`
      : phrase`List them with \`${command("env", "list")}\`.`,
  });
}

function describe(e: EnvironmentSummary): string {
  return `${e.displayName} (${e.id}${e.url ? `, ${e.url}` : ""})`;
}

function hostOf(text: string): string | undefined {
  if (!text.includes(".") && !text.includes("://") && !/:\d+$/.test(text)) return undefined;
  try {
    return new URL(text.includes("://") ? text : `https://${text}`).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Up to three display names nearest to the query (edit distance). */
export function closestNames(query: string, environments: readonly EnvironmentSummary[]): string[] {
  const q = query.toLowerCase();
  return environments
    .map((e) => ({ name: e.displayName, d: distance(q, e.displayName.toLowerCase()) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.name);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length];
}
