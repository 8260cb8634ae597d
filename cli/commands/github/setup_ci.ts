/** `ppx github setup-ci`: GitHub-backed ALM for a solution in one command. */

import { Command, Option } from "@commander-js/extra-typings";
import { UsageError } from "../../../lib/errors.ts";
import type { RepoRef } from "../../../lib/github/alm/github_api.ts";
import { BUILD, VERSION } from "../../../lib/version.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import {
  almDeps,
  type CiOptions,
  ciOptions,
  githubClient,
  renderPlan,
  repoFlag,
  stagesOf,
  tenantOf,
  withCiFlags,
} from "./shared.ts";

/** The options `github setup-ci` parses its argv into (environments and secrets are read when it runs). */
export interface GithubSetupCiOptions extends CiOptions {
  solution: string;
  role: string;
  /** `--tenant-id`; default: the signed-in tenant. */
  tenantId?: string;
  ppxVersion: string;
  ppxRepo: RepoRef;
  schedule: string;
  allowActionsPulls: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Builds `github setup-ci`; `runF` receives the parsed options (tests capture them). */
export default function setupCi(app: App, runF: RunF<GithubSetupCiOptions> = runSetupCi) {
  const command = withCiFlags(
    new Command("setup-ci")
      .description(
        "Set up GitHub Actions ALM for a solution: app, federated credentials, app users, workflows",
      )
      .requiredOption("--solution <uniquename>", "the solution's unique name"),
  )
    .addOption(
      new Option("--role <name>", "security role of the application user").default("System Customizer"),
    )
    .option("--tenant-id <id>", "the Entra tenant (default: the signed-in tenant)")
    .addOption(
      new Option("--ppx-version <version>", "the ppx release the workflows install")
        // Described, not printed: the help (and its snapshots) stay the same from one release to the next.
        .default(VERSION, "this ppx's version"),
    )
    .option("--ppx-repo <owner/name>", "the repository publishing ppx releases (default: this build's)")
    .option("--allow-actions-prs", "let workflows open pull requests (the repository's Actions setting)")
    .addOption(
      new Option("--schedule <cron>", "when the scheduled export runs (UTC cron)").default("0 3 * * 1-5"),
    );
  command.addHelpText(
    "after",
    '\nNeeds: a GitHub token with the repo and workflow scopes (ppx auth github NAME --scopes "repo,workflow")' +
      "\nand an Entra sign-in allowed to create app registrations (Graph Application.ReadWrite.All), or --client-id." +
      "\n\nExample:\n  ppx github setup-ci --repo contoso/crm --solution ContosoCore --dev contoso-dev" +
      " --test contoso-test --prod contoso --dry-run\n",
  );
  return command.action(async (flags, cmd) => {
    const shared = ciOptions(flags);
    if (!NAME.test(flags.solution)) {
      throw new UsageError(`--solution '${flags.solution}' is not a solution unique name.`, {
        hint:
          "Use the unique name (letters, digits, underscores), e.g. ContosoCore; `ppx solution list` shows them.",
      });
    }
    const ppxRepo = flags.ppxRepo ?? (BUILD.repository || undefined);
    if (!ppxRepo) {
      throw new UsageError(
        "This ppx was not built from a release, so it cannot tell where releases come from.",
        { hint: "Pass --ppx-repo OWNER/NAME (the repository that publishes ppx releases)." },
      );
    }
    for (const name of flags.secret ?? []) {
      if (!NAME.test(name) || /^GITHUB_/i.test(name)) {
        throw new UsageError(`--secret ${name}: not a valid secret name.`, {
          hint: "Letters, digits and underscores, not starting with GITHUB_.",
        });
      }
    }
    await runF({
      ...shared,
      solution: flags.solution,
      role: flags.role,
      tenantId: flags.tenantId,
      ppxVersion: flags.ppxVersion,
      ppxRepo: repoFlag("--ppx-repo", ppxRepo),
      schedule: flags.schedule,
      allowActionsPulls: flags.allowActionsPrs === true,
    }, app.context(cmd));
  });
}

/**
 * Reads the secrets' values from the environment, resolves the stages and the tenant, runs setup-ci and
 * prints its plan (applied unless a dry run).
 */
export async function runSetupCi(options: GithubSetupCiOptions, ctx: Context): Promise<void> {
  const secrets = options.secrets.map((name) => {
    const value = ctx.env.get(name);
    if (!value) {
      throw new UsageError(`--secret ${name}: the environment variable ${name} is not set.`, {
        hint:
          `Set ${name} to the value to store; ppx reads secrets only from the environment, never from flags.`,
      });
    }
    return { name: name.toUpperCase(), value };
  });
  const github = await githubClient(ctx, options);
  // The setup use-case (yaml, libsodium) loads when the command runs, not for `--help` (ADR 0023).
  const { run } = await import("../../../lib/github/alm/setup.ts");
  const result = await run({
    repo: options.repo,
    solution: options.solution,
    stages: await stagesOf(ctx, options.stages),
    tenantId: await tenantOf(ctx, options.tenantId),
    clientId: options.clientId,
    appName: options.appName,
    role: options.role,
    secrets,
    branch: options.branch,
    local: options.local,
    ppxVersion: options.ppxVersion,
    ppxRepo: `${options.ppxRepo.owner}/${options.ppxRepo.name}`,
    schedule: options.schedule,
    allowActionsPulls: options.allowActionsPulls,
    dryRun: options.dryRun,
  }, almDeps(ctx, github, options.local));
  renderPlan(ctx, { ...result }, "setup-ci");
  if (!ctx.out.machine && !result.dryRun && result.changes > 0 && result.clientId) {
    ctx.out.notice(`Workflows sign in as app ${result.clientId}; deployments run from ${result.branch}.`);
  }
}
