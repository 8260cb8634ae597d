/** `ppx connector delete ID`: asks first unless --yes (no terminal and no --yes: exit 2). */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import { confirmOrCancel } from "../../prompter.ts";
import { connectorApi, type RemoteFlags, withRemote } from "./shared.ts";

/** Builds `connector delete`. */
export default function del(app: App) {
  const command = new Command("delete")
    .description("Delete a custom connector from an environment (asks first; --yes to skip)")
    .argument("<connector>", "the connector's name (id)");
  withRemote(command);
  command.addHelpText(
    "after",
    "\nExample:\n  ppx connector delete shared_contoso-20items-5f1a2b -e contoso-dev --yes\n",
  );
  return command.action(async (name, options, cmd) => {
    const flags = options as RemoteFlags;
    const ctx = app.context(cmd);
    const { api, environment } = await connectorApi(ctx, flags);
    if (!ctx.globals.yes) {
      await confirmOrCancel(ctx.prompter, `Delete connector '${name}' from environment '${environment}'?`, {
        flag: "--yes",
        declined: "Nothing deleted.",
      });
    }
    await api.delete(name);
    ctx.out.success(`Deleted connector '${name}' from environment '${environment}'.`);
    if (ctx.out.machine) ctx.out.print({ deleted: name, environment });
  });
}
