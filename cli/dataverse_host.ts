/**
 * Which Dataverse org a command talks to, and a client for it.
 *
 * Host resolution order: the `--dataverse-host` / `--host` flag, then DATAVERSE_HOST (PACX_DATAVERSE_HOST),
 * then — once the config store lands — the active profile's host. `resolveDataverseHost` is the single
 * place to wire the profile in.
 */

import { DataverseClient } from "../lib/dataverse/client.ts";
import { type DataverseOrg, normalizeDataverseHost } from "../lib/dataverse/host.ts";
import { firstEnv } from "../lib/env.ts";
import { ConfigError } from "../lib/errors.ts";
import type { Context } from "./context.ts";

/**
 * Resolves the org URL: flag, then environment, then (TODO: config store) the profile's dataverse host.
 * The lead wires the profile lookup in here; nothing else reads the host.
 */
export function resolveDataverseHost(ctx: Context, flag: string | undefined): DataverseOrg {
  const raw = flag ?? firstEnv(ctx.env, "DATAVERSE_HOST", "PACX_DATAVERSE_HOST");
  if (raw === undefined) {
    throw new ConfigError("No Dataverse host is set.", {
      code: "config.no-host",
      hint: "Pass --dataverse-host org.crm.dynamics.com, or set DATAVERSE_HOST (for the emulator: its URL).",
    });
  }
  return normalizeDataverseHost(raw);
}

/** A Dataverse client for the resolved org, with a token for the org's audience. */
export function dataverseClient(
  ctx: Context,
  flag: string | undefined,
): { org: DataverseOrg; client: DataverseClient } {
  const org = resolveDataverseHost(ctx, flag);
  return { org, client: new DataverseClient(ctx.http({ baseUrl: org.url, audience: org.audience })) };
}
