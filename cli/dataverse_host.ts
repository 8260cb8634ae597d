/**
 * Which Dataverse org a command talks to, and a client for it: `chooseDataverseOrg` in
 * lib/dataverse/org_choice.ts decides (flag, DATAVERSE_HOST, profile, config; whether a GitHub default is
 * why there is none); this is the glue: the context's config, `-e/--environment` (an environment resolved
 * to its Dataverse URL) and the hint naming the flags and commands that set a host.
 */

import { DataverseClient } from "../lib/dataverse/client.ts";
import { type DataverseOrg, normalizeDataverseHost } from "../lib/dataverse/host.ts";
import { chooseDataverseOrg, NoDataverseHostError } from "../lib/dataverse/org_choice.ts";
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
    const { url, audience } = await chooseDataverseOrg({
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
    if (!(error instanceof NoDataverseHostError)) throw error;
    const github = error.githubDefault;
    throw new ConfigError(error.message, {
      code: "config.no-host",
      hint: (github
        ? `The default profile '${github}' signs in with GitHub; Dataverse needs an Azure profile ` +
          "(`ppx auth create NAME --environment org.crm.dynamics.com`). Otherwise: "
        : "") +
        "Pass --dataverse-host org.crm.dynamics.com or -e ENVIRONMENT, set DATAVERSE_HOST (for the " +
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
