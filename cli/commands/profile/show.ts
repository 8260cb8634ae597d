/** `ppx profile show [NAME]`: a profile's settings and where each secret lives, never a secret. */

import { Command } from "@commander-js/extra-typings";
import { type ProfileDetails, showProfile } from "../../../lib/auth/profiles/view.ts";
import { UsageError } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import type { Output } from "../../output/render.ts";

/** Options of `profile show`. */
export interface ProfileShowOptions {
  /** The profile named on the command line (else --profile, else the default). */
  name?: string;
}

/** Builds `profile show`. */
export default function show(app: App, runF: RunF<ProfileShowOptions> = runProfileShow) {
  return new Command("show")
    .description(
      "Show a profile (default: --profile or the default profile); secrets show only where they live",
    )
    .argument("[name]", "profile name")
    .action(async (name, _options, command) => {
      await runF({ name }, app.context(command));
    });
}

/** Prints the profile (secrets as where they live). */
export async function runProfileShow(options: ProfileShowOptions, ctx: Context): Promise<void> {
  const details = showProfile(
    { name: options.name ?? ctx.globals.profile },
    { doc: await ctx.config(), secrets: ctx.secrets },
  );
  if (!details) {
    throw new UsageError("No profile given and no default profile is set.", {
      hint: "Pass a name (`ppx profile show NAME`) or choose a default with `ppx profile use NAME`.",
    });
  }
  ctx.out.result(details, (d, out) => showView(d, out));
}

function showView(details: ProfileDetails, out: Output): void {
  const { secrets, ...rest } = details;
  const record: Record<string, unknown> = { ...rest };
  record.scopes = details.scopes.join(" ");
  if (Array.isArray(record.scopes_granted)) record.scopes_granted = record.scopes_granted.join(" ");
  for (const s of secrets) record[s.purpose] = s.where;
  if (secrets.length === 0) record.secrets = "none stored";
  out.print(record);
}
