/** `ppx env who`: the selected environment, its Dataverse org and the signed-in user. */

import { Command, Option } from "@commander-js/extra-typings";
import { DataverseClient } from "../../../lib/dataverse/client.ts";
import { normalizeDataverseHost } from "../../../lib/dataverse/host.ts";
import { UsageError } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";
import { environmentQuery, resolveEnvironment } from "../../admin/context.ts";

/** Builds `env who`. */
export default function who(app: App) {
  return new Command("who")
    .description("Show the selected environment, its Dataverse org and the signed-in user")
    .addOption(new Option("-e, --environment <env>", "another environment than the selected one"))
    .addHelpText("after", "\nExample:\n  ppx env who\n")
    .action(async (options, command) => {
      const ctx = app.context(command);
      const query = await environmentQuery(ctx, options.environment);
      if (!query) {
        throw new UsageError("No environment is selected.", {
          hint: "Choose one with `ppx env select ENVIRONMENT` (see `ppx env list`), or pass -e.",
        });
      }
      const env = await resolveEnvironment(ctx, query, true);
      const result: Record<string, unknown> = {
        environment: env.displayName,
        id: env.id,
        type: env.type ?? null,
        region: env.region ?? null,
        url: env.url ?? null,
      };
      if (env.url) {
        const org = normalizeDataverseHost(env.url);
        const client = new DataverseClient(ctx.http({ baseUrl: org.url, audience: org.audience }));
        const me = await client.whoAmI();
        Object.assign(result, {
          UserId: me.UserId,
          BusinessUnitId: me.BusinessUnitId,
          OrganizationId: me.OrganizationId,
        });
      }
      ctx.out.print(result);
    });
}
