/** `ppx connector runtime-status ID`: the connector's runtime status (Power Platform API only). */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import { connectorDeps, type RemoteOptions, remoteOptions, withRemote } from "./shared.ts";

/** The options `connector runtime-status` parses its argv into. */
export interface ConnectorRuntimeStatusOptions extends RemoteOptions {
  /** The connector's name (id). */
  name: string;
}

/** Builds `connector runtime-status`; `runF` receives the parsed options (tests capture them). */
export default function runtimeStatus(
  app: App,
  runF: RunF<ConnectorRuntimeStatusOptions> = runRuntimeStatus,
) {
  return withRemote(
    new Command("runtime-status")
      .description("Show a custom connector's runtime status (connectivity API)")
      .argument("<connector>", "the connector's name (id)"),
  ).action(async (name, flags, cmd) => {
    await runF({ name, ...remoteOptions(flags) }, app.context(cmd));
  });
}

/** Prints the status as the service gives it (a record). */
export async function runRuntimeStatus(options: ConnectorRuntimeStatusOptions, ctx: Context): Promise<void> {
  // The use-cases (jsonc-parser, node:path) load when the command runs, not for `--help` (ADR 0023).
  const { connectorRuntimeStatus } = await import("../../../lib/connectors/use_cases.ts");
  ctx.out.result(await connectorRuntimeStatus(options, connectorDeps(ctx, options)));
}
