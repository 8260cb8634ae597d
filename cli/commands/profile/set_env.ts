/** `ppx profile set-env ID [PROFILE]`: the default environment id, globally or for one profile. */

import { Command } from "@commander-js/extra-typings";
import { setDefaultEnvironment, type SetEnvironmentOptions } from "../../../lib/auth/profiles/manage.ts";
import { InvalidValueError, UsageError } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";

/** Options of `profile set-env`. */
export type ProfileSetEnvOptions = SetEnvironmentOptions;

/** Builds `profile set-env`. */
export default function setEnv(app: App, runF: RunF<ProfileSetEnvOptions> = runProfileSetEnv) {
  return new Command("set-env")
    .description("Set the default environment id (for all profiles, or only for PROFILE)")
    .argument("<environment-id>", "Power Platform environment id")
    .argument("[profile]", "set it on this profile only")
    .action(async (environmentId, profile, _options, command) => {
      await runF({ environmentId, profile }, app.context(command));
    });
}

/** Stores the id and confirms it. */
export async function runProfileSetEnv(options: ProfileSetEnvOptions, ctx: Context): Promise<void> {
  const done = await setDefaultEnvironment(options, { config: ctx.configStore }).catch((error) => {
    if (!(error instanceof InvalidValueError)) throw error;
    throw new UsageError(`'${error.value}' is not an environment id.`, {
      hint: "Use the id shown by the admin center, e.g. Default-<tenant id> or a GUID.",
    });
  });
  ctx.out.result(
    done,
    `Default environment set to ${done.environment_id}${done.profile ? ` for profile ${done.profile}` : ""}.`,
  );
}
