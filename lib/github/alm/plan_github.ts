/**
 * setup-ci, GitHub: environments (existing ones untouched), variables, sealed secrets and the
 * Actions setting the export workflow's pull request needs.
 *
 * @module
 */

import { keep } from "./plan.ts";
import { sealSecret } from "./seal.ts";
import type { SetupContext } from "./setup_context.ts";

/** Plans the GitHub steps. */
export async function planGitHub(ctx: SetupContext): Promise<void> {
  const { options, github, app, steps } = ctx;
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
}
