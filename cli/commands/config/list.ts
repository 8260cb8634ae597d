/** `ppx config list`: every setting, its effective value and where it comes from. */

import { Command } from "@commander-js/extra-typings";
import { resolveSetting, SETTINGS } from "../../../lib/config/settings.ts";
import type { App } from "../../app.ts";
import { profileFlag } from "./flags.ts";

/** Builds `config list`. */
export default function list(app: App) {
  return new Command("list")
    .alias("ls")
    .description("List settings with their effective values and sources (flag, env, profile, file, default)")
    .action(async (_options, command) => {
      const ctx = app.context(command);
      const doc = await ctx.config();
      const rows = SETTINGS.map((def) => {
        const r = resolveSetting(def.key, {
          doc,
          env: ctx.env,
          flags: { "--profile": profileFlag(command) },
        });
        return { key: r.key, value: r.value, source: r.source, from: r.from ?? null };
      });
      ctx.out.print(rows, {
        columns: [
          "key",
          "value",
          { key: "source", format: (v, row) => (row.from ? `${v} (${row.from})` : String(v)) },
        ],
      });
    });
}
