/** `ppx profile list`: every profile, the default marked. */

import { Command } from "@commander-js/extra-typings";
import type { ListProfilesOptions } from "../../../lib/auth/profiles/view.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import type { RenderOptions } from "../../output/render.ts";

/** Options of `profile list`: none. */
export type ProfileListOptions = ListProfilesOptions;

/** Builds `profile list`. */
export default function list(app: App, runF: RunF<ProfileListOptions> = runProfileList) {
  return new Command("list")
    .alias("ls")
    .description("List profiles (* marks the default)")
    .action(async (_options, command) => {
      await runF({}, app.context(command));
    });
}

/** Prints the profiles (or how to create the first). */
export async function runProfileList(options: ProfileListOptions, ctx: Context): Promise<void> {
  // Loaded when the command runs, so `ppx auth --help` parses less (ADR 0023).
  const { listProfiles } = await import("../../../lib/auth/profiles/view.ts");
  const rows = listProfiles(options, { doc: await ctx.config() });
  ctx.out.result(rows, (rows, out) => {
    if (rows.length > 0) return out.print(rows, listView);
    out.notice(
      "No profiles yet. Create one with `ppx auth create NAME --environment ORG_URL` (Entra ID) or `ppx login NAME --provider github`.",
    );
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
