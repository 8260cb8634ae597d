/** `ppx env list`: the tenant's environments with their Dataverse URLs; `*` marks the selected one. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import { environmentQuery, environments } from "../../admin/context.ts";
import { looksLikeEnvironmentId, matchEnvironment } from "../../../lib/powerplatform/environments.ts";

/** Builds `env list`. */
export default function list(app: App) {
  return new Command("list")
    .description("List environments: display name, id, type, region, Dataverse URL, state (* = selected)")
    .addHelpText("after", "\nExample:\n  ppx env list\n")
    .action(async (_options, command) => {
      const ctx = app.context(command);
      const all = await environments(ctx);
      const query = await environmentQuery(ctx, undefined);
      let selectedId: string | undefined;
      if (query) {
        try {
          selectedId = looksLikeEnvironmentId(query) ? query : matchEnvironment(query, all).id;
        } catch {
          selectedId = undefined; // a stale default must not break the list
        }
      }
      const isSelected = (id: string) =>
        selectedId !== undefined && id.toLowerCase() === selectedId.toLowerCase();
      if (ctx.out.machine) {
        ctx.out.print(all.map((e) => ({ ...e, selected: isSelected(e.id) })));
        return;
      }
      if (all.length === 0) return ctx.out.notice("No environments.");
      ctx.out.print(all.map((e) => ({
        " ": isSelected(e.id) ? "*" : "",
        "display name": e.displayName,
        id: e.id,
        type: e.type ?? "",
        region: e.region ?? "",
        "dataverse url": e.url ?? "",
        state: e.state ?? "",
      })));
    });
}
