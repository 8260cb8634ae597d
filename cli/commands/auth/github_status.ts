/**
 * The GitHub part of `ppx auth status` and `ppx auth token`, kept apart so the provider-neutral
 * commands only route GitHub profiles here.
 */

import { githubEnvStatus, githubProfileStatus, type GitHubStatus } from "../../../lib/auth/github/status.ts";
import { resolveGitHubToken } from "../../../lib/auth/github/resolve.ts";
import type { Context } from "../../context.ts";
import { githubDeps } from "./github_deps.ts";

/** Status rows for the given GitHub profiles, plus one for a token variable when set. */
export async function githubStatusRows(ctx: Context, profiles: string[]): Promise<GitHubStatus[]> {
  const deps = githubDeps(ctx);
  const rows: GitHubStatus[] = [];
  const env = await githubEnvStatus(deps, ctx.env);
  if (env) rows.push(env);
  for (const profile of profiles) rows.push(await githubProfileStatus(deps, profile, ctx.env));
  return rows;
}

/** A status row as the table shows it. */
export function githubStatusView(row: GitHubStatus): Record<string, unknown> {
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

/** The token of a GitHub profile (env variables first), refreshed if needed; never signs in. */
export async function githubTokenFor(ctx: Context, profile: string | undefined): Promise<string> {
  return (await resolveGitHubToken(githubDeps(ctx), { profile, env: ctx.env })).token;
}
