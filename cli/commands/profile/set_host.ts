/** `ppx profile set-host HOST [PROFILE]`: the default Dataverse host, globally or for one profile. */

import { Command } from "@commander-js/extra-typings";
import { getProfile, normalizeHost } from "../../../lib/config/profiles.ts";
import type { App } from "../../app.ts";

/** Builds `profile set-host`. */
export default function setHost(app: App) {
  return new Command("set-host")
    .description("Set the default Dataverse host (for all profiles, or only for PROFILE)")
    .argument("<host>", "organisation host or URL, e.g. contoso.crm.dynamics.com")
    .argument("[profile]", "set it on this profile only")
    .action(async (host, profile, _options, command) => {
      const ctx = app.context(command);
      const value = normalizeHost(host);
      await ctx.configStore.update((doc) => {
        if (profile) getProfile(doc, profile).dataverse_host = value;
        else doc.dataverse_host = value;
      });
      ctx.out.result(
        { dataverse_host: value, profile: profile ?? null },
        `Default Dataverse host set to ${value}${profile ? ` for profile ${profile}` : ""}.`,
      );
    });
}
