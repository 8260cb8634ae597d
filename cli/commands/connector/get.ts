/** `ppx connector get ID`: one custom connector (its properties, secrets never included). */

import { Command } from "@commander-js/extra-typings";
import type { ConnectorResource } from "../../../lib/connectors/api.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import { connectorDeps, type RemoteOptions, remoteOptions, withRemote } from "./shared.ts";

/** The options `connector get` parses its argv into. */
export interface ConnectorGetOptions extends RemoteOptions {
  /** The connector's name (id). */
  name: string;
}

/** Builds `connector get`; `runF` receives the parsed options (tests capture them). */
export default function get(app: App, runF: RunF<ConnectorGetOptions> = runGet) {
  return withRemote(
    new Command("get")
      .description("Show one custom connector")
      .argument("<connector>", "the connector's name (id), e.g. shared_contoso-20items-5f..."),
  ).action(async (name, flags, cmd) => {
    await runF({ name, ...remoteOptions(flags) }, app.context(cmd));
  });
}

/** Reads the connector: the resource with --json, its main properties as a record for people. */
export async function runGet(options: ConnectorGetOptions, ctx: Context): Promise<void> {
  // The use-cases (jsonc-parser, node:path) load when the command runs, not for `--help` (ADR 0023).
  const { getConnector } = await import("../../../lib/connectors/use_cases.ts");
  const c = await getConnector(options, connectorDeps(ctx, options));
  ctx.out.result(c, (c: ConnectorResource, out) => {
    const p = c.properties ?? {};
    out.print({
      name: c.name,
      displayName: p.displayName ?? null,
      description: p.description ?? null,
      backend: (p.backendService as { serviceUrl?: string } | undefined)?.serviceUrl ?? null,
      brandColor: p.iconBrandColor ?? null,
      created: p.createdTime ?? null,
      changed: p.changedTime ?? null,
    });
  });
}
