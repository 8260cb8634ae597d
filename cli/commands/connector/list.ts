/** `ppx connector list`: the environment's custom connectors. */

import { Command, Option } from "@commander-js/extra-typings";
import { wholeNumber } from "../../kit/flags.ts";
import type { App } from "../../app.ts";
import { connectorApi, type RemoteFlags, withRemote } from "./shared.ts";

/** Builds `connector list`. */
export default function list(app: App) {
  const command = new Command("list")
    .description("List the custom connectors of an environment")
    .addOption(new Option("--top <n>", "at most n connectors").argParser(wholeNumber("--top", { min: 1 })));
  withRemote(command);
  command.addHelpText("after", "\nExample:\n  ppx connector list -e contoso-dev\n");
  return command.action(async (options, cmd) => {
    const flags = options as RemoteFlags & { top?: number };
    const ctx = app.context(cmd);
    const top = flags.top;
    const { api } = await connectorApi(ctx, flags);
    async function* rows() {
      for await (const c of api.list(top)) {
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
  });
}
