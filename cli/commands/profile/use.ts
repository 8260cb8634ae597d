/** `ppx profile use NAME`: make a profile the default. */

import { Command } from "@commander-js/extra-typings";
import { useProfile } from "../../../lib/config/profiles.ts";
import type { App } from "../../app.ts";

/** Builds `profile use`. */
export default function use(app: App) {
  return new Command("use")
    .description("Make a profile the default")
    .argument("<name>", "profile name")
    .action(async (name, _options, command) => {
      const ctx = app.context(command);
      await ctx.configStore.update((doc) => useProfile(doc, name));
      ctx.out.result({ default: name }, `Default profile set to ${name}.`);
    });
}
