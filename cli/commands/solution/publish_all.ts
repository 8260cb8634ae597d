/** `ppx solution publish-all`: PublishAllXml. */

import { Command } from "@commander-js/extra-typings";
import { publishAll } from "../../../lib/solutions/lifecycle/solutions.ts";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlag, withHost } from "../dv/shared.ts";

/** Builds `solution publish-all`. */
export default function publishAllCommand(app: App) {
  return withHost(
    new Command("publish-all").alias("publish").description("Publish all customizations (PublishAllXml)"),
  ).action(async (options, command) => {
    const ctx = app.context(command);
    const { org, client } = await dataverseClient(ctx, hostFlag(options));
    await publishAll(client);
    ctx.out.result({ published: true, org: org.url }, "Published all customizations.");
  });
}
