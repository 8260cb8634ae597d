/** `ppx github setup-ci`: GitHub-backed ALM for a solution in one command. */

import { Command, Option } from "@commander-js/extra-typings";
import { UsageError } from "../../../lib/errors.ts";
import { parseRepo, type SetupCiOptions } from "../../../lib/github/alm/options.ts";
import { run } from "../../../lib/github/alm/setup.ts";
import { BUILD, VERSION } from "../../../lib/version.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import {
  almDeps,
  type CiFlags,
  githubClient,
  renderPlan,
  stagesOf,
  tenantOf,
  withCiFlags,
} from "./shared.ts";

/** Flags of setup-ci. */
export interface SetupFlags extends CiFlags {
  solution: string;
  role: string;
  tenantId?: string;
  ppxVersion: string;
  ppxRepo?: string;
  schedule: string;
  allowActionsPrs?: boolean;
}

/** Turns the flags into the use-case's options (no network except environment names). */
export async function setupOptions(ctx: Context, flags: SetupFlags): Promise<SetupCiOptions> {
  const repo = parseRepo(flags.repo);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(flags.solution)) {
    throw new UsageError(`--solution '${flags.solution}' is not a solution unique name.`, {
      hint:
        "Use the unique name (letters, digits, underscores), e.g. ContosoCore; `ppx solution list` shows them.",
    });
  }
  const ppxRepo = flags.ppxRepo ?? (BUILD.repository || undefined);
  if (!ppxRepo) {
    throw new UsageError(
      "This ppx was not built from a release, so it cannot tell where releases come from.",
      {
        hint: "Pass --ppx-repo OWNER/NAME (the repository that publishes ppx releases).",
      },
    );
  }
  parseRepo(ppxRepo);
  const secrets = (flags.secret ?? []).map((name) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^GITHUB_/i.test(name)) {
      throw new UsageError(`--secret ${name}: not a valid secret name.`, {
        hint: "Letters, digits and underscores, not starting with GITHUB_.",
      });
    }
    const value = ctx.env.get(name);
    if (!value) {
      throw new UsageError(`--secret ${name}: the environment variable ${name} is not set.`, {
        hint:
          `Set ${name} to the value to store; ppx reads secrets only from the environment, never from flags.`,
      });
    }
    return { name: name.toUpperCase(), value };
  });
  return {
    repo,
    solution: flags.solution,
    stages: await stagesOf(ctx, flags),
    tenantId: await tenantOf(ctx, flags.tenantId),
    clientId: flags.clientId,
    appName: flags.appName,
    role: flags.role,
    secrets,
    branch: flags.branch,
    local: flags.local,
    ppxVersion: flags.ppxVersion,
    ppxRepo,
    schedule: flags.schedule,
    allowActionsPulls: flags.allowActionsPrs === true,
    dryRun: flags.dryRun === true,
  };
}

/** Builds `github setup-ci`. */
export default function setupCi(app: App) {
  const command = new Command("setup-ci")
    .description("Set up GitHub Actions ALM for a solution: app, federated credentials, app users, workflows")
    .requiredOption("--solution <uniquename>", "the solution's unique name");
  withCiFlags(command);
  command
    .addOption(
      new Option("--role <name>", "security role of the application user").default("System Customizer"),
    )
    .option("--tenant-id <id>", "the Entra tenant (default: the signed-in tenant)")
    .addOption(
      new Option("--ppx-version <version>", "the ppx release the workflows install").default(VERSION),
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
  return command.action(async (options, cmd) => {
    const ctx = app.context(cmd);
    const flags = options as unknown as SetupFlags;
    const github = await githubClient(ctx, flags);
    const setup = await setupOptions(ctx, flags);
    const result = await run(setup, almDeps(ctx, github, flags.local));
    renderPlan(ctx, { ...result }, "setup-ci");
    if (!ctx.out.machine && !result.dryRun && result.changes > 0 && result.clientId) {
      ctx.out.notice(`Workflows sign in as app ${result.clientId}; deployments run from ${result.branch}.`);
    }
  });
}
