/**
 * What `ppx github setup-ci` and `teardown-ci` share: the stage flags (`--dev/--test/--prod` take an
 * environment name, id or Dataverse URL), the GitHub token and API host (`--github-profile`,
 * `--hostname`), the Graph endpoint (PPX_GRAPH_URL overrides it, e.g. for the emulator), the Dataverse
 * clients, the local checkout for `--local`, and the plan table.
 */

import { type Command, Option, type OptionValues } from "@commander-js/extra-typings";
import { resolveGitHubHost } from "../../../lib/auth/github/host.ts";
import { githubEnvToken, resolveGitHubToken } from "../../../lib/auth/github/resolve.ts";
import { InvalidValueError, UsageError } from "../../../lib/errors.ts";
import type { RepoRef } from "../../../lib/github/alm/github_api.ts";
import { type AlmDeps, parseRepo, type Stage } from "../../../lib/github/alm/options.ts";
import type { PlanResult } from "../../../lib/github/alm/plan.ts";
import { resolveEnvironment } from "../../admin/context.ts";
import type { Context } from "../../context.ts";
import { githubDeps } from "../auth/github_deps.ts";

/** The public Graph endpoint and its token audience. */
export const GRAPH = { url: "https://graph.microsoft.com", audience: "https://graph.microsoft.com" };

/** Flags of both commands, as commander hands them over. */
export type CiFlags = {
  repo: string;
  dev: string;
  test: string;
  prod: string;
  devName: string;
  testName: string;
  prodName: string;
  clientId?: string;
  appName?: string;
  githubProfile?: string;
  hostname?: string;
  branch?: string;
  local?: string;
  secret?: string[];
  dryRun?: true;
};

/** One stage as typed: the environment (name, id or URL) and its GitHub environment name. */
export interface StageQuery {
  role: Stage["role"];
  query: string;
  environment: string;
}

/** What both commands parse their shared flags into. */
export interface CiOptions {
  repo: RepoRef;
  /** dev, test and prod as typed (resolved to Dataverse URLs when the command runs). */
  stages: StageQuery[];
  clientId?: string;
  appName?: string;
  /** `--github-profile`, `--hostname`: which GitHub token and API host. */
  githubProfile?: string;
  hostname?: string;
  branch?: string;
  local?: string;
  /** `--secret` names as given (the variables to read; stored upper-cased). */
  secrets: string[];
  dryRun: boolean;
}

/** `--repo` / `--ppx-repo` as OWNER/NAME, the flag named when it is not. */
export function repoFlag(flag: string, value: string): RepoRef {
  try {
    return parseRepo(value);
  } catch (error) {
    if (!(error instanceof InvalidValueError)) throw error;
    throw new UsageError(`${flag} '${value}' is not OWNER/NAME.`, {
      hint: `Example: ${flag} contoso/crm-solutions`,
    });
  }
}

/** The shared options from the flags (no network). */
export function ciOptions(flags: CiFlags): CiOptions {
  const repo = repoFlag("--repo", flags.repo);
  const stages: StageQuery[] = [
    { role: "dev", query: flags.dev, environment: flags.devName },
    { role: "test", query: flags.test, environment: flags.testName },
    { role: "prod", query: flags.prod, environment: flags.prodName },
  ];
  if (new Set(stages.map((s) => s.environment)).size !== 3) {
    throw new UsageError("--dev-name, --test-name and --prod-name must differ.", {
      hint: "Each stage needs its own GitHub environment (its own approval rules and federated credential).",
    });
  }
  return {
    repo,
    stages,
    clientId: flags.clientId,
    appName: flags.appName,
    githubProfile: flags.githubProfile,
    hostname: flags.hostname,
    branch: flags.branch,
    local: flags.local,
    secrets: flags.secret ?? [],
    dryRun: flags.dryRun === true,
  };
}

/** Adds the flags both commands share. */
export function withCiFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  command: Command<A, O, G>,
): Command<A, O & CiFlags, G> {
  // Declared rather than inferred (as dv's queryFlags); the parse tests check it against argv.
  const typed: Command<A, O & CiFlags, G> = command as never;
  command
    .requiredOption("--repo <owner/name>", "the GitHub repository")
    .requiredOption("--dev <env>", "dev environment: name, id or Dataverse URL")
    .requiredOption("--test <env>", "test environment: name, id or Dataverse URL")
    .requiredOption("--prod <env>", "prod environment: name, id or Dataverse URL")
    .addOption(new Option("--dev-name <name>", "GitHub environment name of dev").default("dev"))
    .addOption(new Option("--test-name <name>", "GitHub environment name of test").default("test"))
    .addOption(new Option("--prod-name <name>", "GitHub environment name of prod").default("prod"))
    .option("--client-id <appId>", "an existing app registration to use instead of creating one")
    .option("--app-name <name>", "display name of the app registration (default ppx-ci-OWNER-NAME)")
    .option("--github-profile <name>", "the GitHub profile (default: GH_TOKEN, else the only GitHub profile)")
    .option("--hostname <host>", "GitHub host: github.com, a GHE.com tenant, or a GitHub Enterprise Server")
    .option("--branch <name>", "the branch deployments run from (default: the repository's default branch)")
    .option("--local <dir>", "write the workflows into this local checkout instead of committing them")
    .option("--secret <name...>", "store the environment variable NAME as a sealed repository secret")
    .option("--dry-run", "print the plan; change nothing");
  return typed;
}

/** Resolves the three stages to Dataverse URLs. */
export async function stagesOf(ctx: Context, queries: StageQuery[]): Promise<Stage[]> {
  const stages: Stage[] = [];
  for (const { role, query, environment } of queries) {
    let url: string | undefined;
    if (/^https?:\/\//i.test(query)) url = query.replace(/\/+$/, "");
    else url = (await resolveEnvironment(ctx, query, true)).url;
    if (!url) {
      throw new UsageError(`The ${role} environment '${query}' has no Dataverse database.`, {
        hint: `Pick an environment with Dataverse for --${role} (ppx env list shows their URLs).`,
      });
    }
    stages.push({ role, environment, url });
  }
  return stages;
}

/** The GitHub profile: the flag; else, without a token variable, the only GitHub profile there is. */
async function githubProfile(ctx: Context, flag: string | undefined): Promise<string | undefined> {
  if (flag || githubEnvToken(ctx.env)) return flag;
  const doc = await ctx.config();
  const names = Object.entries(doc.profiles).filter(([, p]) => p.provider === "github").map(([n]) => n);
  if (names.length > 1) {
    throw new UsageError(`Several GitHub profiles (${names.join(", ")}): which one?`, {
      hint: "Pass --github-profile NAME.",
    });
  }
  return names[0];
}

/** The GitHub API base URL and an HTTP client with the GitHub token. */
export async function githubClient(ctx: Context, flags: { githubProfile?: string; hostname?: string }) {
  const profile = await githubProfile(ctx, flags.githubProfile);
  const resolved = await resolveGitHubToken(githubDeps(ctx), { profile, env: ctx.env });
  const host = resolveGitHubHost(flags.hostname ?? resolved.host);
  return ctx.http({
    baseUrl: host.apiUrl,
    token: { getToken: () => Promise.resolve(resolved.token) },
  });
}

/** The services setup-ci / teardown-ci talk to. */
export function almDeps(ctx: Context, github: ReturnType<Context["http"]>, local?: string): AlmDeps {
  const graphBase = (ctx.env.get("PPX_GRAPH_URL") ?? GRAPH.url).replace(/\/+$/, "");
  // node:path loads when a file is touched, not for `--help` (ADR 0023).
  const at = async (path: string) => {
    const { join, resolve } = await import("node:path");
    return join(resolve(ctx.cwd, local!), path);
  };
  return {
    github,
    clock: ctx.clock,
    graph: ctx.http({ baseUrl: `${graphBase}/v1.0`, audience: GRAPH.audience }),
    dataverse: (url) => ctx.http({ baseUrl: `${url}/api/data/v9.2`, audience: new URL(url).origin }),
    files: local === undefined ? undefined : {
      async read(path) {
        try {
          return await Deno.readTextFile(await at(path));
        } catch (error) {
          if (error instanceof Deno.errors.NotFound) return undefined;
          throw error;
        }
      },
      async write(path, text) {
        const target = await at(path);
        const { dirname } = await import("node:path");
        await Deno.mkdir(dirname(target), { recursive: true });
        const tmp = `${target}.${crypto.randomUUID().slice(0, 8)}.tmp`;
        await Deno.writeTextFile(tmp, text);
        await Deno.rename(tmp, target);
      },
      async remove(path) {
        try {
          await Deno.remove(await at(path));
          return true;
        } catch (error) {
          if (error instanceof Deno.errors.NotFound) return false;
          throw error;
        }
      },
    },
  };
}

/** The tenant id: the flag, else the `tid` of the Graph token. */
export async function tenantOf(ctx: Context, flag: string | undefined): Promise<string> {
  if (flag) return flag;
  const token = await ctx.tokenSource(GRAPH.audience).getToken();
  const { decodeJwt } = await import("jose");
  try {
    const tid = decodeJwt(token).tid;
    if (typeof tid === "string" && tid) return tid;
  } catch {
    // an opaque token: fall through
  }
  throw new UsageError("Cannot tell the tenant id from the sign-in.", { hint: "Pass --tenant-id." });
}

/** Prints the plan: JSON as is, else a table and a one-line summary on stderr. */
export function renderPlan(ctx: Context, result: PlanResult & Record<string, unknown>, verb: string): void {
  ctx.out.result(result, (result, out) => {
    out.print(
      result.steps.map((s) => ({ action: s.action, area: s.area, target: s.target, detail: s.detail ?? "" })),
      { columns: ["action", "area", "target", "detail"] },
    );
    if (result.changes === 0) out.success(`Nothing to change: ${verb} is already done.`);
    else if (result.dryRun) out.notice(`Dry run: ${result.changes} change(s) planned, nothing written.`);
    else out.success(`${result.changes} change(s) applied.`);
  });
}
