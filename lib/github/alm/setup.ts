/**
 * `ppx github setup-ci`: status -> plan -> apply. Everything is read first (nothing written), the plan
 * lists one step per object with `create`, `update` or `keep`, a dry run returns it as is, and apply
 * carries the steps out in order. A second run finds everything in place and changes nothing. A failure
 * midway throws SetupCiIncompleteError with the steps already applied and the teardown command.
 *
 * @module
 */

import { AuthError } from "../../errors.ts";
import { GitHubScopesError, SetupCiIncompleteError } from "./errors.ts";
import { GitHubRepoApi } from "./github_api.ts";
import { GraphAppsApi } from "./graph_api.ts";
import type { AlmDeps, SetupCiOptions } from "./options.ts";
import { type PlanResult, type Step, viewOf } from "./plan.ts";
import { planDataverse, PROPAGATION_DELAYS_MS } from "./plan_dataverse.ts";
import { credentialName, planEntra } from "./plan_entra.ts";
import { planGitHub } from "./plan_github.ts";
import { planWorkflows } from "./plan_workflows.ts";
import type { SetupContext } from "./setup_context.ts";

export { credentialName, PROPAGATION_DELAYS_MS };

/** The result of setup-ci: the plan (applied unless a dry run) and the app's client id when known. */
export interface SetupCiResult extends PlanResult {
  /** The app registration's client id (undefined in a dry run that would create it). */
  clientId?: string;
  /** The branch the deploy workflow runs from. */
  branch: string;
}

/** The scopes a classic GitHub token needs, given how workflows are written. */
export function missingScopes(scopes: string[] | undefined, local: boolean): string[] {
  if (scopes === undefined) return [];
  const wanted = local ? ["repo"] : ["repo", "workflow"];
  return wanted.filter((s) => !scopes.includes(s));
}

/** Runs setup-ci. */
export async function run(options: SetupCiOptions, deps: AlmDeps): Promise<SetupCiResult> {
  const github = new GitHubRepoApi(deps.github, options.repo);
  const graph = new GraphAppsApi(deps.graph);
  const repo = await github.repo();
  const missing = missingScopes(repo.scopes, options.local !== undefined);
  if (missing.length) {
    throw new GitHubScopesError(missing, options.local !== undefined);
  }
  if (!repo.admin) {
    throw new AuthError(`You are not an admin of ${options.repo.owner}/${options.repo.name}.`, {
      code: "auth.github.admin",
      hint:
        "Environments, variables and secrets need admin rights on the repository; ask an owner to grant them.",
    });
  }
  const branch = options.branch ?? repo.defaultBranch;
  const steps: Step[] = [];
  const app: SetupContext["app"] = {};
  // Planned in the order they must be applied: the app before its credentials and users, environments
  // before their variables.
  const ctx: SetupContext = { options, deps, github, graph, app, branch, steps };
  await planEntra(ctx);
  await planDataverse(ctx);
  await planGitHub(ctx);
  await planWorkflows(ctx);

  const changes = steps.filter((s) => s.action !== "keep").length;
  if (!options.dryRun) {
    const applied: Step[] = [];
    for (const step of steps) {
      if (!step.apply) continue;
      try {
        await step.apply();
      } catch (error) {
        // Nothing written yet: the cause itself (with its own exit code and hint) says it best.
        if (applied.length === 0) throw error;
        throw new SetupCiIncompleteError(applied.map(viewOf), viewOf(step), {
          repo: options.repo,
          stages: options.stages,
          clientId: options.clientId,
          local: options.local,
        }, error);
      }
      applied.push(step);
    }
  }
  return { dryRun: options.dryRun, changes, steps: steps.map(viewOf), clientId: app.value?.appId, branch };
}
