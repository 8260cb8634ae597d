/**
 * Which Dataverse org a command talks to, and a client for it.
 *
 * Host resolution order: the `--dataverse-host` / `--host` flag (or `-e/--environment`, resolved to the
 * environment's Dataverse URL), then DATAVERSE_HOST (PACX_DATAVERSE_HOST),
 * then the selected profile's `dataverse_host` (--profile, PPX_PROFILE or the default profile), then the
 * top-level `dataverse_host` in config.json (`ppx profile set-host`, `ppx config set dataverse_host`).
 */

import { DataverseClient } from "../lib/dataverse/client.ts";
import { type DataverseOrg, normalizeDataverseHost } from "../lib/dataverse/host.ts";
import { firstEnv } from "../lib/env.ts";
import { resolveSetting } from "../lib/config/settings.ts";
import { ConfigError, PpxError } from "../lib/errors.ts";
import type { Context } from "./context.ts";

/** A host flag: a host or URL, or `-e/--environment` naming an environment whose Dataverse host is meant. */
export type HostFlag = string | { environment: string };

/** Resolves the org URL (see the module comment for the order); nothing else reads the host. */
export async function resolveDataverseHost(ctx: Context, flag: HostFlag | undefined): Promise<DataverseOrg> {
  if (typeof flag === "object") return normalizeDataverseHost(await environmentHost(ctx, flag.environment));
  const raw = flag ?? firstEnv(ctx.env, "DATAVERSE_HOST", "PACX_DATAVERSE_HOST") ?? await configuredHost(ctx);
  if (raw === undefined) {
    throw new ConfigError("No Dataverse host is set.", {
      code: "config.no-host",
      hint: "Pass --dataverse-host org.crm.dynamics.com, set DATAVERSE_HOST (for the emulator: its URL), " +
        "or save one with `ppx profile set-host org.crm.dynamics.com`.",
    });
  }
  return normalizeDataverseHost(raw);
}

/** The Dataverse URL of the environment `-e` names (resolved like every `-e`). */
async function environmentHost(ctx: Context, query: string): Promise<string> {
  const { resolveEnvironment } = await import("./admin/context.ts");
  const env = await resolveEnvironment(ctx, query, true);
  if (!env.url) {
    throw new ConfigError(`The environment ${env.displayName} (${env.id}) has no Dataverse database.`, {
      code: "config.no-host",
      hint: "Pick an environment with a Dataverse URL (see `ppx env list`).",
    });
  }
  return env.url;
}

/** The profile's or the file's host; none when there is no config directory at all. */
async function configuredHost(ctx: Context): Promise<string | undefined> {
  let doc;
  try {
    doc = await ctx.config();
  } catch (error) {
    if (error instanceof PpxError && error.code === "config.no-home") return undefined;
    throw error;
  }
  const flags = { "--profile": ctx.globals.profile };
  const value = resolveSetting("dataverse_host", { doc, env: ctx.env, flags }).value;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A Dataverse client for the resolved org, with a token for the org's audience. */
export async function dataverseClient(
  ctx: Context,
  flag: HostFlag | undefined,
): Promise<{ org: DataverseOrg; client: DataverseClient }> {
  const org = await resolveDataverseHost(ctx, flag);
  return { org, client: new DataverseClient(ctx.http({ baseUrl: org.url, audience: org.audience })) };
}
