/** `ppx profile use NAME`: make a profile the default. */

import { Command } from "@commander-js/extra-typings";
import type { UseProfileOptions } from "../../../lib/auth/profiles/manage.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";

/** Options of `profile use`. */
export type ProfileUseOptions = UseProfileOptions;

/** Builds `profile use`. */
export default function use(app: App, runF: RunF<ProfileUseOptions> = runProfileUse) {
  return new Command("use")
    .description("Make a profile the default")
    .argument("<name>", "profile name")
    .action(async (name, _options, command) => {
      await runF({ name }, app.context(command));
    });
}

/** Sets the default and confirms it. */
export async function runProfileUse(options: ProfileUseOptions, ctx: Context): Promise<void> {
  // Loaded when the command runs, so `ppx auth --help` parses less (ADR 0023).
  const { useDefaultProfile } = await import("../../../lib/auth/profiles/manage.ts");
  const done = await useDefaultProfile(options, { config: ctx.configStore });
  ctx.out.result(done, `Default profile set to ${done.default}.`);
}
