/** `ppx connector runtime-status ID`: the connector's runtime status (Power Platform API only). */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import { connectorApi, type RemoteFlags, withRemote } from "./shared.ts";

/** Builds `connector runtime-status`. */
export default function runtimeStatus(app: App) {
  const command = new Command("runtime-status")
    .description("Show a custom connector's runtime status (connectivity API)")
    .argument("<connector>", "the connector's name (id)");
  withRemote(command);
  return command.action(async (name, options, cmd) => {
    const flags = options as RemoteFlags;
    const ctx = app.context(cmd);
    const { api } = await connectorApi(ctx, flags);
    ctx.out.print(await api.runtimeStatus(name) ?? {});
  });
}
