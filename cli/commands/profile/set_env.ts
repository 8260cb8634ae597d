/** `ppx profile set-env ID [PROFILE]`: the default environment id, globally or for one profile. */

import { Command } from "@commander-js/extra-typings";
import { getProfile } from "../../../lib/config/profiles.ts";
import { UsageError } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";

/** Builds `profile set-env`. */
export default function setEnv(app: App) {
  return new Command("set-env")
    .description("Set the default environment id (for all profiles, or only for PROFILE)")
    .argument("<environment-id>", "Power Platform environment id")
    .argument("[profile]", "set it on this profile only")
    .action(async (id, profile, _options, command) => {
      const ctx = app.context(command);
      const value = id.trim();
      if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/.test(value)) {
        throw new UsageError(`'${id}' is not an environment id.`, {
          hint: "Use the id shown by the admin center, e.g. Default-<tenant id> or a GUID.",
        });
      }
      await ctx.configStore.update((doc) => {
        if (profile) getProfile(doc, profile).environment_id = value;
        else doc.environment_id = value;
      });
      ctx.out.result(
        { environment_id: value, profile: profile ?? null },
        `Default environment set to ${value}${profile ? ` for profile ${profile}` : ""}.`,
      );
    });
}
