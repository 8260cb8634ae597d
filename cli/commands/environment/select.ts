/** `ppx env select ENV`: store the default environment; its Dataverse host follows, so `ppx dv` works next. */

import { Command } from "@commander-js/extra-typings";
import { getProfile, normalizeHost } from "../../../lib/config/profiles.ts";
import { selectedProfile } from "../../../lib/config/settings.ts";
import type { App } from "../../app.ts";
import { resolveEnvironment } from "../../admin/context.ts";

/** Builds `env select`. */
export default function select(app: App) {
  return new Command("select")
    .description("Choose the default environment (and its Dataverse host) for this profile, or globally")
    .argument("<environment>", "id, Dataverse URL or host, unique name or part of the display name")
    .addHelpText("after", "\nExample:\n  ppx env select contoso-dev\n  ppx dv whoami\n")
    .action(async (query, _options, command) => {
      const ctx = app.context(command);
      const env = await resolveEnvironment(ctx, query, true);
      const host = env.url ? normalizeHost(env.url) : null;
      const profile = await ctx.configStore.update((doc) => {
        const selected = selectedProfile({ doc, env: ctx.env, flags: { "--profile": ctx.globals.profile } });
        const target = selected?.profile ? getProfile(doc, selected.name) : doc;
        target.environment_id = env.id;
        target.dataverse_host = host;
        return selected?.profile ? selected.name : null;
      });
      if (ctx.out.machine) {
        ctx.out.print({ environment: env, dataverse_host: host, profile });
        return;
      }
      ctx.out.success(
        `Selected ${env.displayName} (${env.id})${profile ? ` for profile ${profile}` : ""}.` +
          (host ? ` Dataverse host: ${host}.` : " It has no Dataverse database."),
      );
    });
}
