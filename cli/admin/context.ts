/**
 * The Power Platform admin side of the context: API clients per family (cloud from the profile or
 * config, base URLs overridable by variables) and `-e/--environment` resolution with its defaults
 * (the flag, PPX_ENVIRONMENT_ID, the profile's environment, the config's).
 */

import { resolveSetting } from "../../lib/config/settings.ts";
import { PpxError } from "../../lib/errors.ts";
import type { HttpClient } from "../../lib/http/client.ts";
import { type ApiFamily, cloudEndpoints } from "../../lib/powerplatform/endpoints.ts";
import {
  type EnvironmentSummary,
  listEnvironments,
  looksLikeEnvironmentId,
  matchEnvironment,
} from "../../lib/powerplatform/environments.ts";
import type { Context } from "../context.ts";

/** A setting's value, or undefined when unset or there is no config directory at all. */
export async function settingValue(ctx: Context, key: string): Promise<string | undefined> {
  let doc;
  try {
    doc = await ctx.config();
  } catch (error) {
    if (error instanceof PpxError && error.code === "config.no-home") return undefined;
    throw error;
  }
  const value = resolveSetting(key, { doc, env: ctx.env, flags: { "--profile": ctx.globals.profile } }).value;
  return value ?? undefined;
}

const clients = new WeakMap<Context, Map<ApiFamily, HttpClient>>();
const cloudFlags = new WeakMap<Context, string>();

/** Records `--cloud` for this invocation's admin clients (before the first one is built). */
export function useCloud(ctx: Context, flag: string | undefined): void {
  if (flag) cloudFlags.set(ctx, flag);
}

/** An HTTP client for one admin API family, built once per invocation. */
export async function adminClient(ctx: Context, family: ApiFamily): Promise<HttpClient> {
  let byFamily = clients.get(ctx);
  if (!byFamily) clients.set(ctx, byFamily = new Map());
  const existing = byFamily.get(family);
  if (existing) return existing;
  // --cloud, then PPX_CLOUD, then the profile's or the config's `cloud`.
  const cloud = cloudFlags.get(ctx) ?? ctx.env.get("PPX_CLOUD") ?? await settingValue(ctx, "cloud");
  const endpoint = cloudEndpoints(cloud, ctx.env)[family];
  const client = ctx.http({ baseUrl: endpoint.baseUrl, audience: endpoint.audience });
  byFamily.set(family, client);
  return client;
}

const lists = new WeakMap<Context, Promise<EnvironmentSummary[]>>();

/** The tenant's environments (listed once per invocation). */
export async function environments(ctx: Context): Promise<EnvironmentSummary[]> {
  let list = lists.get(ctx);
  if (!list) {
    list = adminClient(ctx, "bap").then((bap) => listEnvironments(bap));
    lists.set(ctx, list);
  }
  return await list;
}

/** The environment named by the flag, else the default (PPX_ENVIRONMENT_ID, profile, config). */
export async function environmentQuery(ctx: Context, flag: string | undefined): Promise<string | undefined> {
  return flag?.trim() || await settingValue(ctx, "environment_id");
}

/**
 * Resolves what was typed after `-e` to an environment. An id needs no lookup unless `full` asks for
 * the whole summary (its Dataverse URL, for `ppx dv -e`).
 */
export async function resolveEnvironment(
  ctx: Context,
  query: string,
  full = false,
): Promise<EnvironmentSummary> {
  if (!full && looksLikeEnvironmentId(query)) return { id: query.trim(), displayName: query.trim() };
  return matchEnvironment(query, await environments(ctx));
}
