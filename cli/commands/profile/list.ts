/** `ppx profile list`: every profile, the default marked. */

import { Command } from "@commander-js/extra-typings";
import { profileNames } from "../../../lib/config/profiles.ts";
import type { App } from "../../app.ts";
import type { RenderOptions } from "../../output/render.ts";

/** Builds `profile list`. */
export default function list(app: App) {
  return new Command("list")
    .alias("ls")
    .description("List profiles (* marks the default)")
    .action(async (_options, command) => {
      const ctx = app.context(command);
      const doc = await ctx.config();
      const rows = profileNames(doc).map((name) => {
        const p = doc.profiles[name];
        return {
          default: doc.default === name,
          name,
          provider: p.provider,
          flow: p.flow ?? null,
          tenant_id: p.tenant_id ?? null,
          dataverse_host: p.dataverse_host ?? null,
          account: p.token?.account ?? null,
        };
      });
      ctx.out.result(rows, (rows, out) => {
        if (rows.length > 0) return out.print(rows, listView);
        out.notice(
          "No profiles yet. Create one with `ppx auth create NAME --environment ORG_URL` (Entra ID) or `ppx login NAME --provider github`.",
        );
      });
    });
}

/** The table `profile list` shows people. */
const listView: RenderOptions = {
  columns: [
    { key: "default", header: " ", format: (v) => (v ? "*" : "") },
    "name",
    "provider",
    "flow",
    "tenant_id",
    "dataverse_host",
    "account",
  ],
};
