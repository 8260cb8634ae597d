/**
 * `ppx github setup-ci`: status -> plan -> apply. Everything is read first (nothing written), the plan
 * lists one step per object with `create`, `update` or `keep`, a dry run returns it as is, and apply
 * carries the steps out in order. A second run finds everything in place and changes nothing. A failure
 * midway throws SetupCiIncompleteError with the steps already applied and the teardown command.
 *
 * @module
 */

import type { Clock } from "../../clock.ts";
import { ApiError, AuthError } from "../../errors.ts";
import { AppUsersApi, type AppUserState } from "./app_users.ts";
import { SetupCiIncompleteError } from "./errors.ts";
import { GitHubRepoApi } from "./github_api.ts";
import {
  ENTRA_TOKEN_EXCHANGE_AUDIENCE,
  type FederatedCredential,
  GITHUB_OIDC_ISSUER,
  type GraphApplication,
  GraphAppsApi,
} from "./graph_api.ts";
import {
  type AlmDeps,
  branchSubject,
  defaultAppName,
  environmentSubject,
  type SetupCiOptions,
} from "./options.ts";
import { keep, type PlanResult, type Step, viewOf } from "./plan.ts";
import { sealSecret } from "./seal.ts";
import { workflows } from "./workflows.ts";

/** The result of setup-ci: the plan (applied unless a dry run) and the app's client id when known. */
export interface SetupCiResult extends PlanResult {
  /** The app registration's client id (undefined in a dry run that would create it). */
  clientId?: string;
  /** The branch the deploy workflow runs from. */
  branch: string;
}

/** A federated credential name from a label (Graph allows letters, digits, `-` and `_`). */
export function credentialName(kind: "env" | "branch", label: string): string {
  return `ppx-${kind}-${label.replace(/[^A-Za-z0-9_-]/g, "-")}`.slice(0, 120);
}

/** The scopes a classic GitHub token needs, given how workflows are written. */
export function missingScopes(scopes: string[] | undefined, local: boolean): string[] {
  if (scopes === undefined) return [];
  const wanted = local ? ["repo"] : ["repo", "workflow"];
  return wanted.filter((s) => !scopes.includes(s));
}

/** Waits before each retry while a new app reaches Dataverse (Entra propagation takes seconds to a minute). */
export const PROPAGATION_DELAYS_MS: readonly number[] = [5_000, 10_000, 20_000, 30_000];

/**
 * Creates the application user, retrying while Dataverse does not know the app yet. Dataverse answers
 * 4xx for an app id Entra has not propagated to it (pac's create-service-principal fails on this race).
 */
async function createAppUser(create: () => Promise<string>, clock: Clock | undefined, fresh: boolean) {
  const delays = fresh && clock ? PROPAGATION_DELAYS_MS : [];
  for (let attempt = 0;; attempt++) {
    try {
      return await create();
    } catch (error) {
      const unknownApp = error instanceof ApiError && error.status >= 400 && error.status < 500 &&
        error.status !== 401 && error.status !== 409;
      if (!unknownApp || attempt >= delays.length) throw error;
      await clock!.sleep(delays[attempt]);
    }
  }
}

/** The command that undoes a setup, for messages. */
export function teardownCommand(options: SetupCiOptions): string {
  const stage = (r: string) => options.stages.find((s) => s.role === r)!;
  const names = (["dev", "test", "prod"] as const)
    .filter((r) => stage(r).environment !== r)
    .map((r) => ` --${r}-name ${stage(r).environment}`).join("");
  return `ppx github teardown-ci --repo ${options.repo.owner}/${options.repo.name} ` +
    `--dev ${stage("dev").url} --test ${stage("test").url} --prod ${stage("prod").url}${names}` +
    (options.clientId ? ` --client-id ${options.clientId}` : "") +
    (options.local ? ` --local ${options.local}` : "");
}

/** Runs setup-ci. */
export async function run(options: SetupCiOptions, deps: AlmDeps): Promise<SetupCiResult> {
  const github = new GitHubRepoApi(deps.github, options.repo);
  const graph = new GraphAppsApi(deps.graph);
  const repo = await github.repo();
  const missing = missingScopes(repo.scopes, options.local !== undefined);
  if (missing.length) {
    throw new AuthError(
      `The GitHub token lacks the scope${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`,
      {
        code: "auth.github.scopes",
        hint: `Sign in again with them: ppx auth github <profile> --scopes "repo,workflow" ` +
          `(or a token with them in GH_TOKEN).${
            options.local ? "" : " With --local, `workflow` is not needed."
          }`,
      },
    );
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

  // (a) Entra: the app registration, its federated credentials and its service principal.
  const app: { value?: GraphApplication; fresh?: boolean } = {};
  const appName = options.appName ?? defaultAppName(options.repo);
  if (options.clientId) {
    app.value = await graph.byAppId(options.clientId);
    steps.push(
      keep("entra", `app registration ${app.value.displayName ?? appName}`, `client id ${app.value.appId}`),
    );
  } else {
    app.value = await graph.byName(appName);
    if (app.value) steps.push(keep("entra", `app registration ${appName}`, `client id ${app.value.appId}`));
    else {
      steps.push({
        area: "entra",
        action: "create",
        target: `app registration ${appName}`,
        detail: "single tenant, no client secret",
        apply: async () => {
          app.value = await graph.create(appName);
          app.fresh = true;
        },
      });
    }
  }
  const existing: FederatedCredential[] = app.value ? await graph.credentials(app.value.id) : [];
  const wanted: FederatedCredential[] = [
    ...options.stages.map((s) => ({
      name: credentialName("env", s.environment),
      subject: environmentSubject(options.repo, s.environment),
    })),
    { name: credentialName("branch", branch), subject: branchSubject(options.repo, branch) },
  ].map((c) => ({
    ...c,
    issuer: GITHUB_OIDC_ISSUER,
    audiences: [ENTRA_TOKEN_EXCHANGE_AUDIENCE],
    description: "GitHub Actions OIDC, added by ppx github setup-ci",
  }));
  for (const credential of wanted) {
    const target = `federated credential ${credential.name}`;
    const same = existing.find((c) => c.issuer === credential.issuer && c.subject === credential.subject);
    const named = existing.find((c) => c.name === credential.name);
    if (same) steps.push(keep("entra", target, credential.subject));
    else {
      steps.push({
        area: "entra",
        action: named ? "update" : "create",
        target,
        detail: credential.subject,
        apply: async () => {
          if (named?.id) await graph.deleteCredential(app.value!.id, named.id);
          await graph.addCredential(app.value!.id, credential);
        },
      });
    }
  }
  const hasSp = app.value ? await graph.hasServicePrincipal(app.value.appId) : false;
  if (hasSp) steps.push(keep("entra", "service principal", app.value!.appId));
  else {
    steps.push({
      area: "entra",
      action: "create",
      target: "service principal",
      detail: "needed for Dataverse application users",
      apply: async () => {
        await graph.createServicePrincipal(app.value!.appId);
      },
    });
  }

  // (b) Dataverse: one application user with the role per distinct organisation.
  const seen = new Set<string>();
  for (const stage of options.stages) {
    const orgUrl = stage.url.replace(/\/+$/, "");
    if (seen.has(orgUrl.toLowerCase())) continue;
    seen.add(orgUrl.toLowerCase());
    const users = new AppUsersApi(deps.dataverse(orgUrl), orgUrl);
    const bu = await users.rootBusinessUnit();
    const roleId = await users.roleId(options.role, bu);
    const state: AppUserState = app.value ? await users.state(app.value.appId, roleId) : { hasRole: false };
    const target = `application user in ${orgUrl}`;
    if (state.userId && state.hasRole && !state.disabled) {
      steps.push(keep("dataverse", target, `role ${options.role}`));
      continue;
    }
    steps.push({
      area: "dataverse",
      action: state.userId ? "update" : "create",
      target,
      detail: state.disabled ? `enable, role ${options.role}` : `role ${options.role}`,
      apply: async () => {
        const userId = state.userId ??
          await createAppUser(() => users.create(app.value!.appId, bu), deps.clock, app.fresh === true);
        if (state.disabled) await users.setDisabled(userId, false);
        if (!state.hasRole) await users.assignRole(userId, roleId);
      },
    });
  }

  // (c) GitHub: environments (existing ones untouched), variables, sealed secrets.
  let reviewer: number | undefined | null = null;
  for (const stage of options.stages) {
    const target = `environment ${stage.environment}`;
    if (await github.hasEnvironment(stage.environment)) {
      steps.push(keep("github", target, "protection rules kept as they are"));
      continue;
    }
    steps.push({
      area: "github",
      action: "create",
      target,
      detail: stage.role === "prod" ? "you as required reviewer" : undefined,
      apply: async () => {
        if (stage.role === "prod" && reviewer === null) reviewer = await github.userId();
        await github.createEnvironment(
          stage.environment,
          stage.role === "prod" ? reviewer ?? undefined : undefined,
        );
      },
    });
  }
  const variables: { name: string; value: () => string; shown: string; environment?: string }[] = [
    { name: "PPX_TENANT_ID", value: () => options.tenantId, shown: options.tenantId },
    {
      name: "PPX_CLIENT_ID",
      value: () => app.value!.appId,
      shown: app.value?.appId ?? "(the new app's client id)",
    },
    { name: "PPX_SOLUTION", value: () => options.solution, shown: options.solution },
    ...options.stages.map((s) => ({
      name: "PPX_ENVIRONMENT_URL",
      value: () => s.url.replace(/\/+$/, ""),
      shown: s.url.replace(/\/+$/, ""),
      environment: s.environment,
    })),
  ];
  for (const v of variables) {
    const target = v.environment ? `variable ${v.name} (${v.environment})` : `variable ${v.name}`;
    const environmentExists = v.environment === undefined || await github.hasEnvironment(v.environment);
    const current = environmentExists ? await github.variable(v.name, v.environment) : undefined;
    const wantedValue = app.value || v.name !== "PPX_CLIENT_ID" ? v.value() : undefined;
    if (current !== undefined && current === wantedValue) {
      steps.push(keep("github", target, v.shown));
      continue;
    }
    steps.push({
      area: "github",
      action: current === undefined ? "create" : "update",
      target,
      detail: v.shown,
      apply: async () => {
        await github.setVariable(v.name, v.value(), current !== undefined, v.environment);
      },
    });
  }
  for (const secret of options.secrets) {
    const target = `secret ${secret.name}`;
    if (await github.hasSecret(secret.name)) {
      steps.push(
        keep("github", target, "exists; GitHub never shows a secret's value, so it is not replaced"),
      );
      continue;
    }
    steps.push({
      area: "github",
      action: "create",
      target,
      detail: "sealed with the repository's public key",
      apply: async () => {
        const key = await github.publicKey();
        await github.putSecret(secret.name, await sealSecret(secret.value, key.key), key.keyId);
      },
    });
  }

  // The export workflow opens a pull request with GITHUB_TOKEN, which GitHub allows only when the
  // repository says so. That is a security setting: changed only with --allow-actions-prs.
  const target = "Actions may create pull requests";
  if (await github.actionsMayCreatePulls()) steps.push(keep("github", target, "on"));
  else if (options.allowActionsPulls) {
    steps.push({
      area: "github",
      action: "update",
      target,
      detail: "turn on (--allow-actions-prs)",
      apply: () => github.allowActionsToCreatePulls(),
    });
  } else {
    steps.push(
      keep(
        "github",
        target,
        "off: the export workflow will push its branch but not open the pull request; " +
          "pass --allow-actions-prs or turn on Settings > Actions > General > Workflow permissions",
      ),
    );
  }

  // (d) Workflow files: through the contents API on the branch, or into a local checkout.
  const files = workflows({
    solution: options.solution,
    environments: {
      dev: options.stages.find((s) => s.role === "dev")!.environment,
      test: options.stages.find((s) => s.role === "test")!.environment,
      prod: options.stages.find((s) => s.role === "prod")!.environment,
    },
    branch,
    ppxVersion: options.ppxVersion,
    ppxRepo: options.ppxRepo,
    schedule: options.schedule,
  });
  for (const file of files) {
    if (options.local !== undefined) {
      const local = deps.files!;
      const current = await local.read(file.path);
      if (current === file.text) steps.push(keep("workflow", file.path, `in ${options.local}`));
      else {
        steps.push({
          area: "workflow",
          action: current === undefined ? "create" : "update",
          target: file.path,
          detail: `in ${options.local} (commit and push it yourself)`,
          apply: () => local.write(file.path, file.text),
        });
      }
      continue;
    }
    const current = await github.file(file.path, branch);
    if (current?.text === file.text) steps.push(keep("workflow", file.path, `on ${branch}`));
    else {
      steps.push({
        area: "workflow",
        action: current ? "update" : "create",
        target: file.path,
        detail: `commit on ${branch}`,
        apply: () =>
          github.putFile(
            file.path,
            file.text,
            branch,
            `ci: ${current ? "update" : "add"} ${file.path} (ppx github setup-ci)`,
            current?.sha,
          ),
      });
    }
  }

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
        throw new SetupCiIncompleteError(applied.map(viewOf), viewOf(step), teardownCommand(options), error);
      }
      applied.push(step);
    }
  }
  return { dryRun: options.dryRun, changes, steps: steps.map(viewOf), clientId: app.value?.appId, branch };
}
