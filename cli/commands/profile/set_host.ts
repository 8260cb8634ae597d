/** `ppx profile set-host HOST [PROFILE]`: the default Dataverse host, globally or for one profile. */

import { Command } from "@commander-js/extra-typings";
import { setDefaultHost, type SetHostOptions } from "../../../lib/auth/profiles/manage.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";

/** Options of `profile set-host`. */
export type ProfileSetHostOptions = SetHostOptions;

/** Builds `profile set-host`. */
export default function setHost(app: App, runF: RunF<ProfileSetHostOptions> = runProfileSetHost) {
  return new Command("set-host")
    .description("Set the default Dataverse host (for all profiles, or only for PROFILE)")
    .argument("<host>", "organisation host or URL, e.g. contoso.crm.dynamics.com")
    .argument("[profile]", "set it on this profile only")
    .action(async (host, profile, _options, command) => {
      await runF({ host, profile }, app.context(command));
    });
}

/** Stores the host and confirms it. */
export async function runProfileSetHost(options: ProfileSetHostOptions, ctx: Context): Promise<void> {
  const done = await setDefaultHost(options, { config: ctx.configStore });
  ctx.out.result(
    done,
    `Default Dataverse host set to ${done.dataverse_host}${
      done.profile ? ` for profile ${done.profile}` : ""
    }.`,
  );
}
