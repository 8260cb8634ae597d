/**
 * setup-ci, Entra: the app registration (created or reused), a federated credential per GitHub
 * environment and one for the branch, and the service principal.
 *
 * @module
 */

import { ENTRA_TOKEN_EXCHANGE_AUDIENCE, type FederatedCredential, GITHUB_OIDC_ISSUER } from "./graph_api.ts";
import { branchSubject, defaultAppName, environmentSubject } from "./options.ts";
import { keep } from "./plan.ts";
import type { SetupContext } from "./setup_context.ts";

/** A federated credential name from a label (Graph allows letters, digits, `-` and `_`). */
export function credentialName(kind: "env" | "branch", label: string): string {
  return `ppx-${kind}-${label.replace(/[^A-Za-z0-9_-]/g, "-")}`.slice(0, 120);
}

/** Plans the Entra steps. */
export async function planEntra(ctx: SetupContext): Promise<void> {
  const { options, graph, app, branch, steps } = ctx;
  // (a) Entra: the app registration, its federated credentials and its service principal.
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
}
