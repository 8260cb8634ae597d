/**
 * `ppx github teardown-ci`: removes what setup-ci created, with the same plan -> apply shape. It deletes
 * the workflow files, the variables and the named secrets, the federated credentials named `ppx-*`, the
 * app registration only when setup-ci created it (tagged `ppx-setup-ci`), and disables the application
 * users (Dataverse keeps users; it never deletes them). GitHub environments are kept unless asked,
 * because they may hold protection rules and history that predate setup-ci.
 *
 * @module
 */

import { AppUsersApi } from "./app_users.ts";
import { TeardownCiIncompleteError } from "./errors.ts";
import { GitHubRepoApi } from "./github_api.ts";
import { GraphAppsApi, SETUP_CI_TAG } from "./graph_api.ts";
import { type AlmDeps, defaultAppName, type TeardownCiOptions } from "./options.ts";
import { keep, type PlanResult, type Step, viewOf } from "./plan.ts";
import { workflows } from "./workflows.ts";

const VARIABLES = ["PPX_TENANT_ID", "PPX_CLIENT_ID", "PPX_SOLUTION"];

/** Runs teardown-ci. Steps already gone are reported as `keep` (nothing to remove). */
export async function run(options: TeardownCiOptions, deps: AlmDeps): Promise<PlanResult> {
  const github = new GitHubRepoApi(deps.github, options.repo);
  const graph = new GraphAppsApi(deps.graph);
  const repo = await github.repo();
  const branch = options.branch ?? repo.defaultBranch;
  const steps: Step[] = [];
  const gone = (area: Step["area"], target: string) => keep(area, target, "not there");

  const paths = workflows({
    solution: "x",
    environments: { dev: "dev", test: "test", prod: "prod" },
    branch,
    ppxVersion: "0",
    ppxRepo: "x/x",
    schedule: "0 0 * * *",
  }).map((f) => f.path);
  for (const path of paths) {
    if (options.local !== undefined) {
      const local = deps.files!;
      const present = (await local.read(path)) !== undefined;
      steps.push(
        present
          ? {
            area: "workflow",
            action: "delete",
            target: path,
            apply: async () => void await local.remove(path),
          }
          : gone("workflow", path),
      );
      continue;
    }
    const current = await github.file(path, branch);
    steps.push(
      current
        ? {
          area: "workflow",
          action: "delete",
          target: path,
          detail: `commit on ${branch}`,
          apply: () =>
            github.deleteFile(path, branch, `ci: remove ${path} (ppx github teardown-ci)`, current.sha),
        }
        : gone("workflow", path),
    );
  }
  for (const name of VARIABLES) {
    const present = (await github.variable(name)) !== undefined;
    steps.push(
      present
        ? {
          area: "github",
          action: "delete",
          target: `variable ${name}`,
          apply: async () => void await github.deleteVariable(name),
        }
        : gone("github", `variable ${name}`),
    );
  }
  for (const name of options.secrets) {
    const present = await github.hasSecret(name);
    steps.push(
      present
        ? {
          area: "github",
          action: "delete",
          target: `secret ${name}`,
          apply: async () => void await github.deleteSecret(name),
        }
        : gone("github", `secret ${name}`),
    );
  }
  for (const stage of options.stages) {
    const exists = await github.hasEnvironment(stage.environment);
    if (!exists) {
      steps.push(gone("github", `environment ${stage.environment}`));
      continue;
    }
    if (options.deleteEnvironments) {
      steps.push({
        area: "github",
        action: "delete",
        target: `environment ${stage.environment}`,
        apply: () => github.deleteEnvironment(stage.environment),
      });
      continue;
    }
    const target = `variable PPX_ENVIRONMENT_URL (${stage.environment})`;
    const present = (await github.variable("PPX_ENVIRONMENT_URL", stage.environment)) !== undefined;
    steps.push(
      present
        ? {
          area: "github",
          action: "delete",
          target,
          apply: async () => void await github.deleteVariable("PPX_ENVIRONMENT_URL", stage.environment),
        }
        : gone("github", target),
    );
  }

  const app = options.clientId
    ? await graph.byAppId(options.clientId)
    : await graph.byName(options.appName ?? defaultAppName(options.repo));
  if (app) {
    const seen = new Set<string>();
    for (const stage of options.stages) {
      const orgUrl = stage.url.replace(/\/+$/, "");
      if (seen.has(orgUrl.toLowerCase())) continue;
      seen.add(orgUrl.toLowerCase());
      const users = new AppUsersApi(deps.dataverse(orgUrl), orgUrl);
      const found = await users.find(app.appId);
      const target = `application user in ${orgUrl}`;
      steps.push(
        found && !found.disabled
          ? {
            area: "dataverse",
            action: "update",
            target,
            detail: "disable",
            apply: () => users.setDisabled(found.userId, true),
          }
          : keep("dataverse", target, found ? "already disabled" : "not there"),
      );
    }
    const ours = (app.tags ?? []).includes(SETUP_CI_TAG);
    if (ours) {
      steps.push({
        area: "entra",
        action: "delete",
        target: `app registration ${app.displayName ?? app.appId}`,
        detail: "with its federated credentials and service principal",
        apply: () => graph.delete(app.id),
      });
    } else {
      for (const credential of await graph.credentials(app.id)) {
        if (!credential.name.startsWith("ppx-") || !credential.id) continue;
        steps.push({
          area: "entra",
          action: "delete",
          target: `federated credential ${credential.name}`,
          detail: credential.subject,
          apply: () => graph.deleteCredential(app.id, credential.id!),
        });
      }
      steps.push(
        keep("entra", `app registration ${app.displayName ?? app.appId}`, "not created by setup-ci; kept"),
      );
    }
  } else steps.push(gone("entra", `app registration ${options.appName ?? defaultAppName(options.repo)}`));

  const changes = steps.filter((s) => s.action !== "keep").length;
  if (!options.dryRun) {
    const applied: Step[] = [];
    for (const step of steps) {
      if (!step.apply) continue;
      try {
        await step.apply();
      } catch (error) {
        if (applied.length === 0) throw error;
        throw new TeardownCiIncompleteError(applied.map(viewOf), viewOf(step), error);
      }
      applied.push(step);
    }
  }
  return { dryRun: options.dryRun, changes, steps: steps.map(viewOf) };
}
