/** `ppx github teardown-ci`: removes what `ppx github setup-ci` set up. */

import { Command } from "@commander-js/extra-typings";
import { parseRepo } from "../../../lib/github/alm/options.ts";
import { run } from "../../../lib/github/alm/teardown.ts";
import type { App } from "../../app.ts";
import { confirmOrCancel } from "../../prompter.ts";
import { almDeps, type CiFlags, githubClient, renderPlan, stagesOf, withCiFlags } from "./shared.ts";

/** Builds `github teardown-ci`. */
export default function teardownCi(app: App) {
  const command = new Command("teardown-ci")
    .description("Remove what setup-ci created (workflows, variables, credentials, the app it made)")
    .option("--delete-environments", "also delete the GitHub environments (default: keep them)");
  withCiFlags(command);
  command.addHelpText(
    "after",
    "\nApplication users are disabled (Dataverse never deletes users). An app given with --client-id is kept;" +
      "\nonly its ppx-* federated credentials go.\n\nExample:\n  ppx github teardown-ci --repo contoso/crm" +
      " --dev contoso-dev --test contoso-test --prod contoso --yes\n",
  );
  return command.action(async (options, cmd) => {
    const ctx = app.context(cmd);
    const flags = options as unknown as CiFlags & { deleteEnvironments?: boolean };
    const repo = parseRepo(flags.repo);
    const github = await githubClient(ctx, flags);
    const teardown = {
      repo,
      stages: await stagesOf(ctx, flags),
      clientId: flags.clientId,
      appName: flags.appName,
      deleteEnvironments: flags.deleteEnvironments === true,
      secrets: (flags.secret ?? []).map((s) => s.toUpperCase()),
      branch: flags.branch,
      local: flags.local,
    };
    const deps = almDeps(ctx, github, flags.local);
    if (flags.dryRun) {
      return renderPlan(ctx, { ...await run({ ...teardown, dryRun: true }, deps) }, "teardown-ci");
    }
    if (!ctx.globals.yes) {
      await confirmOrCancel(ctx.prompter, `Remove the CI setup of ${repo.owner}/${repo.name}?`, {
        flag: "--yes",
        declined: "Nothing removed.",
      });
    }
    renderPlan(ctx, { ...await run({ ...teardown, dryRun: false }, deps) }, "teardown-ci");
  });
}
