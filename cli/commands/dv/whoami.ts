/** `ppx dv whoami`: the signed-in user, business unit and org ids. */

import { Command } from "@commander-js/extra-typings";
import { whoAmI } from "../../../lib/dataverse/records/write.ts";
import type { App } from "../../app.ts";
import type { HostFlag } from "../../kit/flags.ts";
import type { Context } from "../../context.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlags, hostOf } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";

/** The options `dv whoami` parses its argv into. */
export interface DvWhoAmIOptions {
  /** `--dataverse-host` / `--host`, when given. */
  host?: HostFlag;
}

/** Builds `dv whoami`; `runF` receives the parsed options (tests capture them). */
export default function whoami(app: App, runF: RunF<DvWhoAmIOptions> = runWhoAmI) {
  return hostFlags(new Command("whoami").description("Show the user, business unit and org ids of the token"))
    .action(async (flags, command) => {
      await runF({ host: hostOf(flags) }, app.context(command));
    });
}

/** Prints the org URL and the ids (a record). */
export async function runWhoAmI(options: DvWhoAmIOptions, ctx: Context): Promise<void> {
  const { org, client } = await dataverseClient(ctx, options.host);
  const me = await whoAmI({ client });
  ctx.out.result({
    org: org.url,
    UserId: me.UserId,
    BusinessUnitId: me.BusinessUnitId,
    OrganizationId: me.OrganizationId,
  });
}
