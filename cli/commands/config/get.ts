/** `ppx config get KEY`: a setting's effective value (exit 1 when unset, like `git config`). */

import { Command } from "@commander-js/extra-typings";
import { resolveSetting } from "../../../lib/config/settings.ts";
import type { App } from "../../app.ts";
import { profileFlag } from "./flags.ts";

/** Builds `config get`. */
export default function get(app: App) {
  return new Command("get")
    .description("Print a setting's effective value (exit 1 when it is not set)")
    .argument("<key>", "setting name (see `ppx config list`)")
    .action(async (key, _options, command) => {
      const ctx = app.context(command);
      const resolved = resolveSetting(key, {
        doc: await ctx.config(),
        env: ctx.env,
        flags: { "--profile": profileFlag(command) },
      });
      ctx.out.result(resolved, (r, out) => {
        if (r.value !== null) out.print(r.value);
        else out.notice(`${r.key} is not set.`);
      });
      if (resolved.value === null) ctx.conclude("failed");
    });
}
