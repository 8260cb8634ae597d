/** `ppx profile delete NAME`: remove a profile and the secrets ppx stored for it. */

import { Command } from "@commander-js/extra-typings";
import { forgetOwnedSecrets } from "../../../lib/auth/secrets/profile_secrets.ts";
import { deleteProfile, getProfile } from "../../../lib/config/profiles.ts";
import { CancelledError } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";

/** Builds `profile delete`. */
export default function deleteCommand(app: App) {
  return new Command("delete")
    .alias("rm")
    .description("Delete a profile and the tokens ppx stored for it (asks first; --yes to skip)")
    .argument("<name>", "profile name")
    .action(async (name, _options, command) => {
      const ctx = app.context(command);
      getProfile(await ctx.config(), name);
      if (!ctx.globals.yes) {
        const ok = await ctx.prompter.confirm(`Delete profile ${name} and its stored tokens?`, {
          flag: "--yes",
        });
        if (!ok) throw new CancelledError("Nothing deleted.");
      }
      const removed = await ctx.configStore.update((doc) => deleteProfile(doc, name));
      const failures = await forgetOwnedSecrets(ctx.secrets, removed);
      for (const f of failures) ctx.out.warn(`Could not remove ${f.spec} from the OS keyring: ${f.reason}`);
      ctx.out.result({ deleted: name }, `Deleted profile ${name}.`);
    });
}
