/** `ppx env who`: the selected environment, its Dataverse org and the signed-in user. */

import { Command, Option } from "@commander-js/extra-typings";
import { DataverseClient } from "../../../lib/dataverse/client.ts";
import { normalizeDataverseHost } from "../../../lib/dataverse/host.ts";
import { whoUseCase } from "../../../lib/powerplatform/env_use_cases.ts";
import type { App } from "../../app.ts";
import { CLOUD_HELP } from "../../admin/builder.ts";
import { environmentQuery, resolveEnvironment, useCloud } from "../../admin/context.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";

/** The options `env who` parses its argv into. */
export interface EnvWhoOptions {
  /** `-e`: another environment than the selected one. */
  environment?: string;
  /** `--cloud`, when given. */
  cloud?: string;
}

/** Builds `env who`; `runF` receives the parsed options (tests capture them). */
export default function who(app: App, runF: RunF<EnvWhoOptions> = runWho) {
  return new Command("who")
    .description("Show the selected environment, its Dataverse org and the signed-in user")
    .addOption(new Option("-e, --environment <env>", "another environment than the selected one"))
    .addOption(new Option("--cloud <cloud>", CLOUD_HELP))
    .addHelpText("after", "\nExample:\n  ppx env who\n")
    .action(async (options, command) => {
      await runF({ environment: options.environment, cloud: options.cloud }, app.context(command));
    });
}

/** Resolves the environment and asks its Dataverse org who the token is (a record). */
export async function runWho(options: EnvWhoOptions, ctx: Context): Promise<void> {
  useCloud(ctx, options.cloud);
  const result = await whoUseCase({ query: await environmentQuery(ctx, options.environment) }, {
    resolve: (q) => resolveEnvironment(ctx, q, true),
    whoAmI: (url) => {
      const org = normalizeDataverseHost(url);
      return new DataverseClient(ctx.http({ baseUrl: org.url, audience: org.audience })).whoAmI();
    },
  });
  ctx.out.result(result);
}
