/** `ppx connector list`: the environment's custom connectors. */

import { Command, Option } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { wholeNumber } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";
import { connectorDeps, type RemoteOptions, remoteOptions, withRemote } from "./shared.ts";

/** The options `connector list` parses its argv into. */
export interface ConnectorListOptions extends RemoteOptions {
  /** `--top`: at most this many. */
  top?: number;
}

/** Builds `connector list`; `runF` receives the parsed options (tests capture them). */
export default function list(app: App, runF: RunF<ConnectorListOptions> = runList) {
  const command = withRemote(
    new Command("list")
      .description("List the custom connectors of an environment")
      .addOption(new Option("--top <n>", "at most n connectors").argParser(wholeNumber("--top", { min: 1 }))),
  );
  command.addHelpText("after", "\nExample:\n  ppx connector list -e contoso-dev\n");
  return command.action(async (flags, cmd) => {
    await runF({ top: flags.top, ...remoteOptions(flags) }, app.context(cmd));
  });
}

/** Streams the connectors (a list: name, display name, description, changed). */
export async function runList(options: ConnectorListOptions, ctx: Context): Promise<void> {
  // The use-cases (jsonc-parser, node:path) load when the command runs, not for `--help` (ADR 0023).
  const { listConnectors } = await import("../../../lib/connectors/use_cases.ts");
  const connectors = listConnectors(options, connectorDeps(ctx, options));
  async function* rows() {
    for await (const c of connectors) {
      const p = c.properties ?? {};
      yield {
        name: c.name,
        displayName: p.displayName ?? null,
        description: p.description ?? null,
        changed: p.changedTime ?? null,
      };
    }
  }
  await ctx.out.printStream(rows(), { columns: ["name", "displayName", "changed"] });
}
