/** `ppx solution delete`: uninstall a solution (asks first; --yes without a TTY). */

import { Command } from "@commander-js/extra-typings";
import { CancelledError, UsageError } from "../../../lib/errors.ts";
import { deleteSolution, findSolution } from "../../../lib/solutions/lifecycle/solutions.ts";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlag, withHost } from "../dv/shared.ts";

/** Builds `solution delete`. */
export default function deleteCommand(app: App) {
  return withHost(
    new Command("delete")
      .description("Delete (uninstall) a solution; managed solutions take their components with them")
      .option("-n, --name <uniquename>", "the solution's unique name")
      .addHelpText("after", "\nExamples:\n  ppx solution delete --name Contoso --yes"),
  ).action(async (options, command) => {
    const ctx = app.context(command);
    if (!options.name) throw new UsageError("Missing --name.", { hint: "Pass --name <uniquename>." });
    const { client } = await dataverseClient(ctx, hostFlag(options));
    const s = await findSolution(client, options.name);
    if (!ctx.globals.yes) {
      const what = s.managed ? "managed solution (and its components)" : "unmanaged solution";
      const ok = await ctx.prompter.confirm(`Delete the ${what} ${s.uniqueName} ${s.version}?`, {
        flag: "--yes",
      });
      if (!ok) throw new CancelledError("Not deleted.");
    }
    const deleted = await deleteSolution(client, s.uniqueName);
    ctx.out.result(
      { deleted: deleted.uniqueName, id: deleted.id },
      `Deleted ${deleted.uniqueName} ${deleted.version}.`,
    );
  });
}
