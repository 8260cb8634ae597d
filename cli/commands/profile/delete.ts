/** `ppx profile delete NAME`: remove a profile and the secrets ppx stored for it. */

import { Command } from "@commander-js/extra-typings";
import type { RemoveProfileOptions } from "../../../lib/auth/profiles/manage.ts";
import { confirmOrCancel } from "../../prompter.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";

/** Options of `profile delete`. */
export type ProfileDeleteOptions = RemoveProfileOptions;

/** Builds `profile delete`. */
export default function deleteCommand(app: App, runF: RunF<ProfileDeleteOptions> = runProfileDelete) {
  return new Command("delete")
    .alias("rm")
    .description("Delete a profile and the tokens ppx stored for it (asks first; --yes to skip)")
    .argument("<name>", "profile name")
    .action(async (name, _options, command) => {
      await runF({ name }, app.context(command));
    });
}

/** Asks first (unless --yes), deletes, warns about keyring entries left behind. */
export async function runProfileDelete(options: ProfileDeleteOptions, ctx: Context): Promise<void> {
  // Loaded when the command runs, so `ppx auth --help` parses less (ADR 0023).
  const { removeProfile } = await import("../../../lib/auth/profiles/manage.ts");
  const done = await removeProfile(options, {
    config: ctx.configStore,
    secrets: ctx.secrets,
    confirm: (name) =>
      ctx.globals.yes
        ? Promise.resolve()
        : confirmOrCancel(ctx.prompter, `Delete profile ${name} and its stored tokens?`, {
          flag: "--yes",
          declined: "Nothing deleted.",
        }),
  });
  for (const f of done.failures) ctx.out.warn(`Could not remove ${f.spec} from the OS keyring: ${f.reason}`);
  ctx.out.result({ deleted: done.deleted }, `Deleted profile ${done.deleted}.`);
}
