/**
 * Which Dataverse org a command talks to, and a client for it: `resolveDataverseHost` in
 * lib/dataverse/host.ts decides (flag, DATAVERSE_HOST, profile, config); this adds what the context knows,
 * `-e/--environment` (an environment resolved to its Dataverse URL) and how to fix a missing host.
 */

import { DataverseClient } from "../lib/dataverse/client.ts";
import {
  type DataverseOrg,
  normalizeDataverseHost,
  resolveDataverseHost as resolveHost,
} from "../lib/dataverse/host.ts";
import { ConfigError, PpxError } from "../lib/errors.ts";
import type { Context } from "./context.ts";
import type { HostFlag } from "./kit/flags.ts";

export type { HostFlag };

/**
 * Resolves the org URL for this invocation; `flag` is the `--dataverse-host` / `--host` value, or the
 * environment `-e` names.
 */
export async function resolveDataverseHost(ctx: Context, flag: HostFlag | undefined): Promise<DataverseOrg> {
  if (typeof flag === "object") return normalizeDataverseHost(await environmentHost(ctx, flag.environment));
  try {
    const { url, audience } = await resolveHost({
      flag,
      env: ctx.env,
      profile: ctx.globals.profile,
      config: async () => {
        try {
          return await ctx.config();
        } catch (error) {
          // No home directory at all: there is simply no configured host. (The context throws that
          // before any promise exists, so a `.catch` on the promise would miss it.)
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
      hint: "Pass --dataverse-host org.crm.dynamics.com or -e ENVIRONMENT, set DATAVERSE_HOST (for the " +
        "emulator: its URL), or choose one with `ppx env select` or `ppx profile set-host org.crm.dynamics.com`.",
    });
  }
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

/** A Dataverse client for the resolved org, with a token for the org's audience. */
export async function dataverseClient(
  ctx: Context,
  flag: HostFlag | undefined,
): Promise<{ org: DataverseOrg; client: DataverseClient }> {
  const org = await resolveDataverseHost(ctx, flag);
  return { org, client: new DataverseClient(ctx.http({ baseUrl: org.url, audience: org.audience })) };
}
