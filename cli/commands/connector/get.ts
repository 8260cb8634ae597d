/** `ppx connector get ID`: one custom connector (its properties, secrets never included). */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import { connectorApi, type RemoteFlags, withRemote } from "./shared.ts";

/** Builds `connector get`. */
export default function get(app: App) {
  const command = new Command("get")
    .description("Show one custom connector")
    .argument("<connector>", "the connector's name (id), e.g. shared_contoso-20items-5f...");
  withRemote(command);
  return command.action(async (name, options, cmd) => {
    const flags = options as RemoteFlags;
    const ctx = app.context(cmd);
    const { api } = await connectorApi(ctx, flags);
    const c = await api.get(name);
    if (ctx.out.machine) return ctx.out.print(c);
    const p = c.properties ?? {};
    ctx.out.print({
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
