/** `ppx solution delete`: uninstall a solution (asks first; --yes without a TTY). */

import { Command } from "@commander-js/extra-typings";
import {
  deleteSolutionByName,
  type DeleteSolutionOptions,
} from "../../../lib/solutions/lifecycle/changes.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { type HostFlag, hostFlags, hostOf } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";
import { confirmOrCancel } from "../../prompter.ts";
import { worded } from "./advice.ts";
import { requiredName } from "./shared.ts";

/** The options `solution delete` parses its argv into. */
export interface SolutionDeleteOptions extends DeleteSolutionOptions {
  /** The org, when given. */
  host?: HostFlag;
}

/** Builds `solution delete`; `runF` receives the parsed options (tests capture them). */
export default function deleteCommand(app: App, runF: RunF<SolutionDeleteOptions> = runDelete) {
  return hostFlags(
    new Command("delete")
      .description("Delete (uninstall) a solution; managed solutions take their components with them")
      .option("-n, --name <uniquename>", "the solution's unique name")
      .addHelpText("after", "\nExamples:\n  ppx solution delete --name Contoso --yes"),
  ).action(async (flags, command) => {
    const ctx = app.context(command);
    await runF({ name: requiredName(flags.name), host: hostOf(flags) }, ctx);
  });
}

/** Asks (unless --yes), deletes, and says what was deleted. */
export async function runDelete(options: SolutionDeleteOptions, ctx: Context): Promise<void> {
  const { client } = await dataverseClient(ctx, options.host);
  const deleted = await worded(deleteSolutionByName(options, {
    client,
    confirm: ctx.globals.yes ? undefined : async (s) => {
      const what = s.managed ? "managed solution (and its components)" : "unmanaged solution";
      await confirmOrCancel(ctx.prompter, `Delete the ${what} ${s.uniqueName} ${s.version}?`, {
        flag: "--yes",
        declined: "Nothing deleted.",
      });
    },
  }));
  ctx.out.result(
    { deleted: deleted.uniqueName, id: deleted.id },
    `Deleted ${deleted.uniqueName} ${deleted.version}.`,
  );
}
