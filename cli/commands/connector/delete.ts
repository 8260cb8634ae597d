/** `ppx connector delete ID`: asks first unless --yes (no terminal and no --yes: exit 2). */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import { confirmOrCancel } from "../../prompter.ts";
import { connectorDeps, type RemoteOptions, remoteOptions, withRemote } from "./shared.ts";

/** The options `connector delete` parses its argv into. */
export interface ConnectorDeleteOptions extends RemoteOptions {
  /** The connector's name (id). */
  name: string;
}

/** Builds `connector delete`; `runF` receives the parsed options (tests capture them). */
export default function del(app: App, runF: RunF<ConnectorDeleteOptions> = runDelete) {
  const command = withRemote(
    new Command("delete")
      .description("Delete a custom connector from an environment (asks first; --yes to skip)")
      .argument("<connector>", "the connector's name (id)"),
  );
  command.addHelpText(
    "after",
    "\nExample:\n  ppx connector delete shared_contoso-20items-5f1a2b -e contoso-dev --yes\n",
  );
  return command.action(async (name, flags, cmd) => {
    await runF({ name, ...remoteOptions(flags) }, app.context(cmd));
  });
}

/** Deletes the connector once confirmed (or with --yes) and says so (a change record with --json). */
export async function runDelete(options: ConnectorDeleteOptions, ctx: Context): Promise<void> {
  // The use-cases (jsonc-parser, node:path) load when the command runs, not for `--help` (ADR 0023).
  const { deleteConnector } = await import("../../../lib/connectors/use_cases.ts");
  const result = await deleteConnector(options, {
    ...connectorDeps(ctx, options),
    confirm: async (environment) => {
      if (ctx.globals.yes) return;
      await confirmOrCancel(
        ctx.prompter,
        `Delete connector '${options.name}' from environment '${environment}'?`,
        { flag: "--yes", declined: "Nothing deleted." },
      );
    },
  });
  // The notice goes to stderr in every format (scripts reading --json see it there, as before).
  ctx.out.success(`Deleted connector '${result.deleted}' from environment '${result.environment}'.`);
  ctx.out.result(result, () => {});
}
