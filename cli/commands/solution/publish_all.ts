/** `ppx solution publish-all`: PublishAllXml. */

import { Command } from "@commander-js/extra-typings";
import { publishAllCustomizations } from "../../../lib/solutions/lifecycle/changes.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { type HostFlag, hostFlags, hostOf } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";

/** The options `solution publish-all` parses its argv into. */
export interface SolutionPublishAllOptions {
  /** The org, when given. */
  host?: HostFlag;
}

/** Builds `solution publish-all`; `runF` receives the parsed options (tests capture them). */
export default function publishAllCommand(app: App, runF: RunF<SolutionPublishAllOptions> = runPublishAll) {
  return hostFlags(
    new Command("publish-all").alias("publish").description("Publish all customizations (PublishAllXml)"),
  ).action(async (flags, command) => {
    await runF({ host: hostOf(flags) }, app.context(command));
  });
}

/** Publishes and says so. */
export async function runPublishAll(options: SolutionPublishAllOptions, ctx: Context): Promise<void> {
  const { org, client } = await dataverseClient(ctx, options.host);
  await publishAllCustomizations({}, { client });
  ctx.out.result({ published: true, org: org.url }, "Published all customizations.");
}
