/** `ppx profile rename OLD NEW`. */

import { Command } from "@commander-js/extra-typings";
import { moveOwnedKeyringSecrets } from "../../../lib/auth/secrets/profile_secrets.ts";
import { renameProfile } from "../../../lib/config/profiles.ts";
import type { App } from "../../app.ts";

/** Builds `profile rename`. */
export default function rename(app: App) {
  return new Command("rename")
    .description("Rename a profile (it stays the default if it was)")
    .argument("<old>", "current name")
    .argument("<new>", "new name")
    .action(async (from, to, _options, command) => {
      const ctx = app.context(command);
      await ctx.configStore.update((doc) => renameProfile(doc, from, to));
      const failures = await moveOwnedKeyringSecrets(ctx.secrets, from, to);
      for (const f of failures) {
        ctx.out.warn(`Kept ${f.spec} under the old name in the OS keyring (${f.reason}); it still works.`);
      }
      ctx.out.result({ renamed: from, to }, `Renamed profile ${from} to ${to}.`);
    });
}
