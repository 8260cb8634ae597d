/**
 * Which Dataverse org a command talks to, and a client for it: `resolveDataverseHost` in
 * lib/dataverse/host.ts decides (flag, DATAVERSE_HOST, profile, config); this adds what the context knows
 * and how to fix a missing host.
 */

import { DataverseClient } from "../lib/dataverse/client.ts";
import { type DataverseOrg, resolveDataverseHost as resolveHost } from "../lib/dataverse/host.ts";
import { ConfigError, PpxError } from "../lib/errors.ts";
import type { Context } from "./context.ts";

/** Resolves the org URL for this invocation; `flag` is the `--dataverse-host` / `--host` value. */
export async function resolveDataverseHost(ctx: Context, flag: string | undefined): Promise<DataverseOrg> {
  try {
    const { url, audience } = await resolveHost({
      flag,
      env: ctx.env,
      profile: ctx.globals.profile,
      config: async () => {
        try {
          return await ctx.config();
        } catch (error) {
          // No home directory at all: there is simply no configured host.
          if (error instanceof PpxError && error.code === "config.no-home") return undefined;
          throw error;
        }
      },
    });
    return { url, audience };
  } catch (error) {
    if (!(error instanceof PpxError) || error.code !== "config.no-host") throw error;
    throw new ConfigError(error.message, {
      code: "config.no-host",
      hint: "Pass --dataverse-host org.crm.dynamics.com, set DATAVERSE_HOST (for the emulator: its URL), " +
        "or save one with `ppx profile set-host org.crm.dynamics.com`.",
    });
  }
}

/** A Dataverse client for the resolved org, with a token for the org's audience. */
export async function dataverseClient(
  ctx: Context,
  flag: string | undefined,
): Promise<{ org: DataverseOrg; client: DataverseClient }> {
  const org = await resolveDataverseHost(ctx, flag);
  return { org, client: new DataverseClient(ctx.http({ baseUrl: org.url, audience: org.audience })) };
}
