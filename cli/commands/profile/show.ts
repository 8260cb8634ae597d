/** `ppx profile show [NAME]`: a profile's settings and where each secret lives, never a secret. */

import { Command } from "@commander-js/extra-typings";
import { getProfile } from "../../../lib/config/profiles.ts";
import { UsageError } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";
import type { Output } from "../../output/render.ts";

/** Builds `profile show`. */
export default function show(app: App) {
  return new Command("show")
    .description(
      "Show a profile (default: --profile or the default profile); secrets show only where they live",
    )
    .argument("[name]", "profile name")
    .action(async (name, _options, command) => {
      const ctx = app.context(command);
      const doc = await ctx.config();
      const selected = name ?? ctx.globals.profile ?? doc.default ?? undefined;
      if (!selected) {
        throw new UsageError("No profile given and no default profile is set.", {
          hint: "Pass a name (`ppx profile show NAME`) or choose a default with `ppx profile use NAME`.",
        });
      }
      const p = getProfile(doc, selected);
      const secrets = ctx.secrets.describeProfile(doc, p);
      const record: Record<string, unknown> = {
        name: p.name,
        default: doc.default === p.name,
        provider: p.provider,
        flow: p.flow ?? null,
        cloud: p.cloud ?? null,
        tenant_id: p.tenant_id ?? null,
        client_id: p.client_id ?? null,
        scopes: p.scopes ?? [],
        dataverse_host: p.dataverse_host ?? null,
        environment_id: p.environment_id ?? null,
        account: p.token?.account ?? null,
        token_expires_at: p.token?.expires_at ?? null,
        scopes_granted: p.token?.scopes_granted ?? null,
      };
      ctx.out.result({
        ...record,
        secrets: secrets.map((s) => ({ purpose: s.purpose, storage: s.storage, where: s.where })),
      }, () => showView(record, p.scopes, secrets, ctx.out));
    });
}

function showView(
  record: Record<string, unknown>,
  scopes: string[] | undefined,
  secrets: { purpose: string; where: string }[],
  out: Output,
): void {
  record.scopes = (scopes ?? []).join(" ");
  if (Array.isArray(record.scopes_granted)) record.scopes_granted = record.scopes_granted.join(" ");
  for (const s of secrets) record[s.purpose] = s.where;
  if (secrets.length === 0) record.secrets = "none stored";
  out.print(record);
}
