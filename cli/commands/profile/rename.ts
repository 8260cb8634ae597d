/** `ppx profile rename OLD NEW`. */

import { Command } from "@commander-js/extra-typings";
import { renameProfileAndSecrets, type RenameProfileOptions } from "../../../lib/auth/profiles/manage.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";

/** Options of `profile rename`. */
export type ProfileRenameOptions = RenameProfileOptions;

/** Builds `profile rename`. */
export default function rename(app: App, runF: RunF<ProfileRenameOptions> = runProfileRename) {
  return new Command("rename")
    .description("Rename a profile (it stays the default if it was)")
    .argument("<old>", "current name")
    .argument("<new>", "new name")
    .action(async (from, to, _options, command) => {
      await runF({ from, to }, app.context(command));
    });
}

/** Renames, warning about keyring entries that stay under the old name. */
export async function runProfileRename(options: ProfileRenameOptions, ctx: Context): Promise<void> {
  const done = await renameProfileAndSecrets(options, { config: ctx.configStore, secrets: ctx.secrets });
  for (const f of done.failures) {
    ctx.out.warn(`Kept ${f.spec} under the old name in the OS keyring (${f.reason}); it still works.`);
  }
  ctx.out.result({ renamed: done.renamed, to: done.to }, `Renamed profile ${done.renamed} to ${done.to}.`);
}
