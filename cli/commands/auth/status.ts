/** `ppx auth status [PROFILE]`: which profiles can get a token, as whom, with which scopes. */

import { Command } from "@commander-js/extra-typings";
import type { AuthStatusOptions, AuthStatusRow } from "../../../lib/auth/status.ts";
import type { AzureStatus } from "../../../lib/auth/entra/status.ts";
import type { GitHubStatus } from "../../../lib/auth/github/status.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import { githubDeps } from "./github_deps.ts";
import { phraseError } from "../../kit/phrase.ts";

/** How a remedy reads as a hint (cli/remedies.ts, loaded only when there are rows to show). */
type RemedyHint = typeof import("../../remedies.ts").remedyHint;

/** Options of `auth status`. */
export type AuthStatusCommandOptions = AuthStatusOptions;

/** Builds `ppx auth status`. */
export default function authStatusCommand(app: App, runF: RunF<AuthStatusCommandOptions> = runAuthStatus) {
  return new Command("status")
    .description("Show each profile's account, scopes and whether its token works (exit 4 if one does not)")
    .argument("[profile]", "only this profile")
    .addHelpText("after", "\nExamples:\n  ppx auth status\n  ppx auth status work --json\n")
    .action(async (profile, _options, command) => {
      await runF({ profile }, app.context(command));
    });
}

/** Prints the rows (table or JSON); concludes "auth-required" when one is not ok. */
export async function runAuthStatus(options: AuthStatusCommandOptions, ctx: Context): Promise<void> {
  // Loaded when the command runs, so `ppx auth --help` parses less (ADR 0023).
  const { authStatus } = await import("../../../lib/auth/status.ts");
  const { rows, failed } = await authStatus(options, {
    env: ctx.env,
    fetch: ctx.fetch,
    clock: ctx.clock,
    github: githubDeps(ctx),
    tokensFor: (profile) => profile === undefined ? ctx.entra() : ctx.entraFor(profile),
    describe: phraseError,
  });
  if (!rows.length) {
    ctx.out.notice(
      "No profiles yet: create one with `ppx auth create NAME` (Azure) or `ppx auth github NAME`.",
    );
    return;
  }
  const { remedyHint } = await import("../../remedies.ts");
  const data = rows.map((row) => statusData(row, remedyHint));
  const views = rows.map((row) =>
    row.kind === "github" ? githubStatusView(row) : azureStatusView(row, remedyHint)
  );
  ctx.out.result(
    data,
    (_rows, out) =>
      out.print(views, {
        columns: ["profile", "provider", "host", "account", "scopes", "token", "status"],
      }),
  );
  if (failed) ctx.conclude("auth-required");
}

/** A row as `--json` shows it: the provider's fields, a remedy worded as the hint. */
function statusData(row: AuthStatusRow, remedyHint: RemedyHint): Record<string, unknown> {
  if (row.kind === "github") {
    const { kind: _kind, ...rest } = row;
    return rest;
  }
  const { kind: _kind, remedy, ...rest } = row;
  return remedy ? { ...rest, hint: remedyHint(remedy) } : rest;
}

/** A GitHub status row as the table shows it. */
function githubStatusView(row: GitHubStatus): Record<string, unknown> {
  return {
    profile: row.profile,
    provider: row.provider,
    host: row.host,
    account: row.account ?? "",
    scopes: row.scopes === undefined ? (row.ok ? "(GitHub App: permissions)" : "") : row.scopes.join(", "),
    token: row.origin ?? "",
    status: row.ok ? "ok" : row.error ?? "error",
  };
}

/** An Entra status row as the table shows it. */
function azureStatusView(row: AzureStatus, remedyHint: RemedyHint): Record<string, unknown> {
  const hint = row.remedy ? remedyHint(row.remedy) : row.hint;
  return {
    profile: row.profile,
    provider: row.provider,
    host: row.host ?? "",
    account: row.account ?? "",
    scopes: row.audiences.join(", "),
    token: row.expiresAt === "unknown"
      ? "unknown expiry"
      : row.expiresAt
      ? `expires ${row.expiresAt.replace("T", " ").slice(0, 16)}Z`
      : "",
    status: row.ok ? "ok" : `${row.error}${hint ? ` ${hint}` : ""}`,
  };
}
