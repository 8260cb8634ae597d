/** `ppx env select ENV`: store the default environment; its Dataverse host follows, so `ppx dv` works next. */

import { Command, Option } from "@commander-js/extra-typings";
import { getProfile, normalizeHost } from "../../../lib/config/profiles.ts";
import { selectedProfile } from "../../../lib/config/settings.ts";
import { selectEnvironmentUseCase } from "../../../lib/powerplatform/env_use_cases.ts";
import type { App } from "../../app.ts";
import { CLOUD_HELP } from "../../admin/builder.ts";
import { resolveEnvironment, useCloud } from "../../admin/context.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import { UsageError } from "../../../lib/errors.ts";

/** The options `env select` parses its argv into. */
export interface EnvSelectOptions {
  /** What was typed: id, Dataverse URL or host, unique name or part of the display name. */
  query: string;
  /** `--cloud`, when given. */
  cloud?: string;
}

/** Builds `env select`; `runF` receives the parsed options (tests capture them). */
export default function select(app: App, runF: RunF<EnvSelectOptions> = runSelect) {
  return new Command("select")
    .description("Choose the default environment (and its Dataverse host) for this profile, or globally")
    .argument("[environment]", "id, Dataverse URL or host, unique name or part of the display name")
    // pac's spelling: `pac env select --environment ENV`.
    .addOption(new Option("--environment <env>", "pac name of the argument").hideHelp())
    .addOption(new Option("--cloud <cloud>", CLOUD_HELP))
    .addHelpText("after", "\nExample:\n  ppx env select contoso-dev\n  ppx dv whoami\n")
    .action(async (environment, options, command) => {
      const query = environment ?? options.environment;
      if (!query) {
        throw new UsageError("Missing the environment to select.", {
          hint: "ppx env select ENVIRONMENT (an id, Dataverse URL, unique name or part of the display name).",
        });
      }
      await runF({ query, cloud: options.cloud }, app.context(command));
    });
}

/** Stores the choice on the selected profile (or the config's top level) and says what it stored. */
export async function runSelect(options: EnvSelectOptions, ctx: Context): Promise<void> {
  useCloud(ctx, options.cloud);
  const chosen = await selectEnvironmentUseCase({ query: options.query }, {
    resolve: (q) => resolveEnvironment(ctx, q, true),
    normalizeHost,
    save: (environmentId, host) =>
      ctx.configStore.update((doc) => {
        const selected = selectedProfile({
          doc,
          env: ctx.env,
          flags: { "--profile": ctx.globals.profile },
        });
        const target = selected?.profile ? getProfile(doc, selected.name) : doc;
        target.environment_id = environmentId;
        target.dataverse_host = host;
        return selected?.profile ? selected.name : null;
      }),
  });
  const env = chosen.environment;
  ctx.out.result(
    { environment: env, dataverse_host: chosen.dataverseHost, profile: chosen.profile },
    `Selected ${env.displayName} (${env.id})${chosen.profile ? ` for profile ${chosen.profile}` : ""}.` +
      (chosen.dataverseHost ? ` Dataverse host: ${chosen.dataverseHost}.` : " It has no Dataverse database."),
  );
}
