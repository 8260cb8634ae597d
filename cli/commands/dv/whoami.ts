/** `ppx dv whoami`: the signed-in user, business unit and org ids. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlag, withHost } from "./shared.ts";

/** Builds `dv whoami`. */
export default function whoami(app: App) {
  return withHost(new Command("whoami").description("Show the user, business unit and org ids of the token"))
    .action(async (options, command) => {
      const ctx = app.context(command);
      const { org, client } = await dataverseClient(ctx, hostFlag(options));
      const me = await client.whoAmI();
      ctx.out.print({
        org: org.url,
        UserId: me.UserId,
        BusinessUnitId: me.BusinessUnitId,
        OrganizationId: me.OrganizationId,
      });
    });
}
