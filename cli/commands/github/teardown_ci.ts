/** `ppx github teardown-ci`: removes what `ppx github setup-ci` set up. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import { confirmOrCancel } from "../../prompter.ts";
import {
  almDeps,
  type CiOptions,
  ciOptions,
  githubClient,
  renderPlan,
  stagesOf,
  withCiFlags,
} from "./shared.ts";

/** The options `github teardown-ci` parses its argv into. */
export interface GithubTeardownCiOptions extends CiOptions {
  /** Also delete the GitHub environments. */
  deleteEnvironments: boolean;
}

/** Builds `github teardown-ci`; `runF` receives the parsed options (tests capture them). */
export default function teardownCi(app: App, runF: RunF<GithubTeardownCiOptions> = runTeardownCi) {
  const command = withCiFlags(
    new Command("teardown-ci")
      .description("Remove what setup-ci created (workflows, variables, credentials, the app it made)")
      .option("--delete-environments", "also delete the GitHub environments (default: keep them)"),
  );
  command.addHelpText(
    "after",
    "\nApplication users are disabled (Dataverse never deletes users). An app given with --client-id is kept;" +
      "\nonly its ppx-* federated credentials go.\n\nExample:\n  ppx github teardown-ci --repo contoso/crm" +
      " --dev contoso-dev --test contoso-test --prod contoso --yes\n",
  );
  return command.action(async (flags, cmd) => {
    await runF(
      { ...ciOptions(flags), deleteEnvironments: flags.deleteEnvironments === true },
      app.context(cmd),
    );
  });
}

/** Plans the teardown; unless a dry run, asks (or --yes) and carries it out; prints the plan. */
export async function runTeardownCi(options: GithubTeardownCiOptions, ctx: Context): Promise<void> {
  const github = await githubClient(ctx, options);
  // The teardown use-case (yaml) loads when the command runs, not for `--help` (ADR 0023).
  const { run } = await import("../../../lib/github/alm/teardown.ts");
  const teardown = {
    repo: options.repo,
    stages: await stagesOf(ctx, options.stages),
    clientId: options.clientId,
    appName: options.appName,
    deleteEnvironments: options.deleteEnvironments,
    secrets: options.secrets.map((s) => s.toUpperCase()),
    branch: options.branch,
    local: options.local,
  };
  const deps = almDeps(ctx, github, options.local);
  if (options.dryRun) {
    return renderPlan(ctx, { ...await run({ ...teardown, dryRun: true }, deps) }, "teardown-ci");
  }
  if (!ctx.globals.yes) {
    await confirmOrCancel(
      ctx.prompter,
      `Remove the CI setup of ${options.repo.owner}/${options.repo.name}?`,
      {
        flag: "--yes",
        declined: "Nothing removed.",
      },
    );
  }
  renderPlan(ctx, { ...await run({ ...teardown, dryRun: false }, deps) }, "teardown-ci");
}
