/** `ppx github setup-ci` / `teardown-ci` end to end against the emulator (GitHub, Graph, Dataverse). */

import { assert, assertEquals, assertIncludes as assertStringIncludes } from "../../helpers/assert.ts";
import { startAlm, TENANT } from "../../helpers/github_alm.ts";

const SETUP = ["github", "setup-ci", "--solution", "ContosoCore", "--ppx-repo", "pacx/ppx"];
const WRITES = /^(POST|PUT|PATCH|DELETE) /;

Deno.test("setup-ci creates the app, credentials, app user, environments, variables, secret and workflows", async () => {
  await using alm = await startAlm();
  const result = await alm.run([...SETUP, ...alm.target, "--secret", "PPX_EXTRA", "--json"], {
    env: { PPX_EXTRA: "s3cr3t-value" },
  });
  assertEquals(result.code, 0, result.stderr);
  const out = JSON.parse(result.stdout);
  assertEquals(out.dryRun, false);
  assert(out.changes > 10);

  // Entra: one app, tagged, with a federated credential per environment and one for main; no secret.
  const apps = [...alm.graph.applications.values()];
  assertEquals(apps.length, 1);
  const app = apps[0];
  assertEquals(app.displayName, "ppx-ci-contoso-crm");
  assertEquals(out.clientId, app.appId);
  const subjects = app.federatedIdentityCredentials.map((c) => c.subject).sort();
  assertEquals(subjects, [
    "repo:contoso/crm:environment:dev",
    "repo:contoso/crm:environment:prod",
    "repo:contoso/crm:environment:test",
    "repo:contoso/crm:ref:refs/heads/main",
  ]);
  for (const c of app.federatedIdentityCredentials) {
    assertEquals(c.issuer, "https://token.actions.githubusercontent.com");
    assertEquals(c.audiences, ["api://AzureADTokenExchange"]);
  }
  assert(alm.graph.servicePrincipals.has(app.appId));

  // Dataverse: the application user with System Customizer.
  const users = [...alm.users.users.values()];
  assertEquals(users.length, 1);
  assertEquals(users[0].applicationid, app.appId);
  assert(users[0].roles.has(alm.users.roles.get("System Customizer")!));

  // GitHub: environments, variables, the sealed secret (opened with the emulator's private key).
  assertEquals([...alm.repo.environments.keys()].sort(), ["dev", "prod", "test"]);
  assertEquals(alm.repo.environments.get("prod")!.reviewers.length, 1);
  assertEquals(alm.repo.variables.get("PPX_TENANT_ID")?.value, TENANT);
  assertEquals(alm.repo.variables.get("PPX_CLIENT_ID")?.value, app.appId);
  assertEquals(alm.repo.variables.get("PPX_SOLUTION")?.value, "ContosoCore");
  assertEquals(alm.repo.environments.get("test")!.variables.get("PPX_ENVIRONMENT_URL")?.value, alm.emu.url);
  assertEquals(alm.repo.openSecret("PPX_EXTRA"), "s3cr3t-value");
  assert(!result.stdout.includes("s3cr3t-value") && !result.stderr.includes("s3cr3t-value"));

  // Workflows committed on main.
  const exportYml = alm.repo.fileText(".github/workflows/ppx-export.yml")!;
  const deployYml = alm.repo.fileText(".github/workflows/ppx-deploy.yml")!;
  assertStringIncludes(exportYml, "id-token: write");
  assertStringIncludes(exportYml, "gh pr create");
  assertStringIncludes(deployYml, "sha256sum -c -");
  assertStringIncludes(deployYml, "--flow federated");
});

Deno.test("setup-ci run twice changes nothing the second time and says so", async () => {
  await using alm = await startAlm();
  assertEquals((await alm.run([...SETUP, ...alm.target])).code, 0);
  const commits = alm.repo.commits.length;
  const before = alm.log.length;
  const again = await alm.run([...SETUP, ...alm.target]);
  assertEquals(again.code, 0, again.stderr);
  assertStringIncludes(again.stderr, "Nothing to change");
  assertEquals(alm.log.slice(before).filter((l) => WRITES.test(l)), []);
  assertEquals(alm.repo.commits.length, commits);
  const json = JSON.parse((await alm.run([...SETUP, ...alm.target, "--json"])).stdout);
  assertEquals(json.changes, 0);
  assert(json.steps.every((s: { action: string }) => s.action === "keep"));
});

Deno.test("setup-ci --dry-run prints the plan and sends no write", async () => {
  await using alm = await startAlm();
  const result = await alm.run([...SETUP, ...alm.target, "--dry-run", "--json"]);
  assertEquals(result.code, 0, result.stderr);
  const plan = JSON.parse(result.stdout);
  assertEquals(plan.dryRun, true);
  assert(
    plan.steps.some((s: { action: string; target: string }) =>
      s.action === "create" && s.target.startsWith("app registration")
    ),
  );
  assertEquals(alm.log.filter((l) => WRITES.test(l)), []);
  assertEquals(alm.graph.applications.size, 0);
  assertEquals(alm.repo.environments.size, 0);
  const table = await alm.run([...SETUP, ...alm.target, "--dry-run"]);
  assert(/create\tentra\tapp registration ppx-ci-contoso-crm/.test(table.stdout), table.stdout);
  assertStringIncludes(table.stderr, "nothing written");
});

Deno.test("setup-ci names the missing GitHub scope and how to get it, before writing anything", async () => {
  await using alm = await startAlm();
  const result = await alm.run([...SETUP, ...alm.target], { scopes: ["repo"] });
  assertEquals(result.code, 4);
  assertStringIncludes(result.stderr, "lacks the scope workflow");
  assertStringIncludes(result.stderr, '--scopes "repo,workflow"');
  assertEquals(result.stdout, "");
  assertEquals(alm.log.filter((l) => WRITES.test(l)), []);
});

Deno.test("setup-ci names the Graph permission when app registrations may not be created", async () => {
  await using alm = await startAlm();
  alm.graph.knobs.denyWrites = true;
  const result = await alm.run([...SETUP, ...alm.target]);
  assertEquals(result.code, 4, result.stderr);
  assertStringIncludes(result.stderr, "Application.ReadWrite.All");
  assertStringIncludes(result.stderr, "--client-id");
  assertEquals(alm.log.filter((l) => WRITES.test(l) && !l.endsWith(" 403")), []);
});

Deno.test("a failure midway lists what was created and how to undo it; a re-run finishes", async () => {
  await using alm = await startAlm();
  // Graph fails on the service principal, after the app and its credentials were created.
  alm.graph.knobs.failServicePrincipals = true;
  const failed = await alm.run([...SETUP, ...alm.target]);
  alm.graph.knobs.failServicePrincipals = false;
  assertEquals(failed.code, 3, failed.stderr);
  assertStringIncludes(failed.stderr, "Applied before the failure");
  assertStringIncludes(failed.stderr, "create entra: app registration ppx-ci-contoso-crm");
  assertStringIncludes(failed.stderr, "ppx github teardown-ci --repo contoso/crm");
  const again = await alm.run([...SETUP, ...alm.target]);
  assertEquals(again.code, 0, again.stderr);
  assertEquals(alm.graph.applications.size, 1);
});

Deno.test("teardown-ci removes what setup-ci created and keeps the environments", async () => {
  await using alm = await startAlm();
  assertEquals((await alm.run([...SETUP, ...alm.target])).code, 0);
  const down = await alm.run(["github", "teardown-ci", ...alm.target, "--yes"]);
  assertEquals(down.code, 0, down.stderr);
  assertEquals(alm.graph.applications.size, 0);
  assertEquals(alm.repo.variables.size, 0);
  assertEquals(alm.repo.fileText(".github/workflows/ppx-export.yml"), undefined);
  assertEquals([...alm.users.users.values()].map((u) => u.isdisabled), [true]);
  assertEquals(alm.repo.environments.size, 3);
  assertEquals(alm.repo.environments.get("dev")!.variables.size, 0);
  const noPrompt = await alm.run(["github", "teardown-ci", ...alm.target]);
  assertEquals(noPrompt.code, 2, noPrompt.stderr);
});

Deno.test("setup-ci --local writes the workflows into a checkout and needs no workflow scope", async () => {
  await using alm = await startAlm();
  const result = await alm.run([...SETUP, ...alm.target, "--local", alm.dir], { scopes: ["repo"] });
  assertEquals(result.code, 0, result.stderr);
  const text = await Deno.readTextFile(`${alm.dir}/.github/workflows/ppx-deploy.yml`);
  assertStringIncludes(text, "environment: prod");
  assertEquals(alm.repo.files.size, 0);
});

Deno.test("setup-ci waits while a new app reaches Dataverse (Entra propagation)", async () => {
  await using alm = await startAlm();
  alm.users.knobs.propagationFailures = 2;
  const result = await alm.run([...SETUP, ...alm.target]);
  assertEquals(result.code, 0, result.stderr);
  assertEquals(alm.users.users.size, 1);
  assertEquals(alm.clock.sleeps.filter((ms) => ms >= 5_000), [5_000, 10_000]);
});

Deno.test("setup-ci keeps existing environments and their protection rules, and updates only what differs", async () => {
  await using alm = await startAlm();
  alm.repo.environments.set("prod", { name: "prod", reviewers: [42], variables: new Map() });
  assertEquals((await alm.run([...SETUP, ...alm.target])).code, 0);
  assertEquals(alm.repo.environments.get("prod")!.reviewers, [42]);
  alm.repo.variables.get("PPX_SOLUTION")!.value = "Other";
  const again = JSON.parse((await alm.run([...SETUP, ...alm.target, "--json"])).stdout);
  assertEquals(again.changes, 1);
  const changed = again.steps.filter((s: { action: string }) => s.action !== "keep");
  assertEquals(changed, [{
    area: "github",
    action: "update",
    target: "variable PPX_SOLUTION",
    detail: "ContosoCore",
  }]);
  assertEquals(alm.repo.variables.get("PPX_SOLUTION")!.value, "ContosoCore");
});

Deno.test("setup-ci --client-id reuses an app; teardown keeps it and removes only its ppx credentials", async () => {
  await using alm = await startAlm();
  alm.graph.applications.set("obj-1", {
    id: "obj-1",
    appId: "11111111-2222-4333-8444-555555555555",
    displayName: "Contoso CI",
    signInAudience: "AzureADMyOrg",
    tags: [],
    createdDateTime: "2026-01-01T00:00:00Z",
    federatedIdentityCredentials: [{
      id: "keep-me",
      name: "other",
      issuer: "https://token.actions.githubusercontent.com",
      subject: "repo:contoso/other:ref:refs/heads/main",
      audiences: ["api://AzureADTokenExchange"],
      description: null,
    }],
  });
  const reuse = ["--client-id", "11111111-2222-4333-8444-555555555555"];
  const result = await alm.run([...SETUP, ...alm.target, ...reuse]);
  assertEquals(result.code, 0, result.stderr);
  assertEquals(alm.graph.applications.size, 1);
  assertEquals(alm.graph.applications.get("obj-1")!.federatedIdentityCredentials.length, 5);
  const down = await alm.run(["github", "teardown-ci", ...alm.target, ...reuse, "--yes"]);
  assertEquals(down.code, 0, down.stderr);
  assertEquals(alm.graph.applications.get("obj-1")!.federatedIdentityCredentials.map((c) => c.id), [
    "keep-me",
  ]);
});

Deno.test("setup-ci refuses bad input before any call", async () => {
  await using alm = await startAlm();
  const badRepo = await alm.run([...SETUP, ...alm.target.map((a) => a === "contoso/crm" ? "contoso" : a)]);
  assertEquals(badRepo.code, 2);
  assertStringIncludes(badRepo.stderr, "is not OWNER/NAME");
  const badSecret = await alm.run([...SETUP, ...alm.target, "--secret", "NOT_SET_ANYWHERE"]);
  assertEquals(badSecret.code, 2);
  assertStringIncludes(badSecret.stderr, "NOT_SET_ANYWHERE is not set");
  const sameNames = await alm.run([...SETUP, ...alm.target, "--test-name", "dev"]);
  assertEquals(sameNames.code, 2);
  assertEquals(alm.log.filter((l) => WRITES.test(l)), []);
});

Deno.test("setup-ci names a security role that does not exist, and teardown-ci --dry-run removes nothing", async () => {
  await using alm = await startAlm();
  const badRole = await alm.run([...SETUP, ...alm.target, "--role", "No Such Role"]);
  assertEquals(badRole.code, 5, badRole.stderr);
  assertStringIncludes(badRole.stderr, "no security role named 'No Such Role'");
  assertEquals(alm.log.filter((l) => WRITES.test(l)), []);
  assertEquals((await alm.run([...SETUP, ...alm.target])).code, 0);
  const before = alm.log.length;
  const plan = JSON.parse(
    (await alm.run(["github", "teardown-ci", ...alm.target, "--dry-run", "--json"])).stdout,
  );
  assert(plan.changes > 5);
  assertEquals(alm.log.slice(before).filter((l) => WRITES.test(l)), []);
  assertEquals(alm.graph.applications.size, 1);
});

Deno.test("without GH_TOKEN, setup-ci says how to sign in to GitHub", async () => {
  await using alm = await startAlm();
  const result = await alm.run([...SETUP, ...alm.target], { env: { GH_TOKEN: "" } });
  assertEquals(result.code, 4, result.stderr);
  assertStringIncludes(result.stderr, "ppx auth github");
});

Deno.test("setup-ci turns on Actions pull requests only with --allow-actions-prs", async () => {
  await using alm = await startAlm();
  const plain = JSON.parse((await alm.run([...SETUP, ...alm.target, "--json"])).stdout);
  const row = plain.steps.find((s: { target: string }) => s.target === "Actions may create pull requests");
  assertEquals(row.action, "keep");
  assertStringIncludes(row.detail, "--allow-actions-prs");
  assertEquals(alm.repo.actionsMayCreatePulls, false);
  const allowed = await alm.run([...SETUP, ...alm.target, "--allow-actions-prs", "--json"]);
  assertEquals(JSON.parse(allowed.stdout).changes, 1);
  assertEquals(alm.repo.actionsMayCreatePulls, true);
});

Deno.test("a teardown that fails midway lists what it removed; running it again finishes", async () => {
  await using alm = await startAlm();
  assertEquals((await alm.run([...SETUP, ...alm.target])).code, 0);
  alm.graph.knobs.denyWrites = true;
  const failed = await alm.run(["github", "teardown-ci", ...alm.target, "--yes"]);
  assertEquals(failed.code, 3, failed.stderr);
  assertStringIncludes(failed.stderr, "Removed before the failure");
  assertStringIncludes(failed.stderr, "delete workflow: .github/workflows/ppx-export.yml");
  assertStringIncludes(failed.stderr, "run the same teardown again");
  alm.graph.knobs.denyWrites = false;
  const again = await alm.run(["github", "teardown-ci", ...alm.target, "--yes"]);
  assertEquals(again.code, 0, again.stderr);
  assertEquals(alm.graph.applications.size, 0);
});
