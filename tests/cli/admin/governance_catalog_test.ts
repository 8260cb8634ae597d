/** Part-2 catalog commands end to end: ppx in process over HTTP against the emulated governance APIs. */

import { assert, assertEquals, assertIncludes } from "../../helpers/assert.ts";
import { runPpx } from "../../helpers/cli.ts";
import { startGovernanceTenant } from "../../helpers/governance.ts";

const PROD = "8d0c4f6e-0000-4000-8000-000000000004";
const DEV = "8d0c4f6e-0000-4000-8000-000000000002";

Deno.test("dlp list pages through every policy; get by name shows its groups as JSON", async () => {
  await using t = await startGovernanceTenant();
  const list = await runPpx(["policy", "dlp", "list", "--all", "--json"], { env: t.env });
  assertEquals(list.code, 0, list.stderr);
  const names = JSON.parse(list.stdout).map((p: { displayName: string }) => p.displayName);
  assertEquals(names, ["Tenant baseline", "Production lockdown"]);
  const get = await runPpx(["policy", "dlp", "get", "2f4e1a6b-0000-4000-8000-0000000000d2", "--json"], {
    env: t.env,
  });
  assertEquals(JSON.parse(get.stdout).defaultConnectorsClassification, "Blocked");
  assert(t.gov.requests.every((r) => r.includes("/providers/PowerPlatform.Governance/v2/policies")));
});

Deno.test("rbac: assign at environment scope, list it, delete needs --yes; `auth assignments` is the same command", async () => {
  await using t = await startGovernanceTenant();
  const created = await runPpx([
    "rbac",
    "assignments",
    "create-environment",
    "-e",
    "Contoso Production",
    "--principal-id",
    "u-42",
    "--role-definition-id",
    "c886ad2e-27f7-4874-8381-5849b8d8a090",
    "--json",
  ], { env: t.env });
  assertEquals(created.code, 0, created.stderr);
  const id = JSON.parse(created.stdout).value[0].id;
  const list = await runPpx(["auth", "assignments", "list-environment", "-e", PROD, "--json"], {
    env: t.env,
  });
  assertEquals(JSON.parse(list.stdout).map((a: { id: string }) => a.id), [id]);
  const refused = await runPpx(["rbac", "assignments", "delete-environment", id, "-e", PROD], {
    env: t.env,
  });
  assertEquals(refused.code, 2);
  assertIncludes(refused.stderr, "--yes");
  assert(!t.gov.requests.some((r) => r.startsWith("DELETE")));
  const gone = await runPpx(["auth", "assignments", "delete-environment", id, "-e", PROD, "--yes"], {
    env: t.env,
  });
  assertEquals(gone.code, 0, gone.stderr);
  const roles = await runPpx(["auth", "roles", "list", "--all"], { env: t.env });
  assertIncludes(roles.stdout, "Power Platform reader");
});

Deno.test("a 403 names the role the operation needs (no scope gate on the token)", async () => {
  await using t = await startGovernanceTenant();
  t.gov.forbid("/authorization");
  const r = await runPpx(["rbac", "roles", "list"], { env: t.env });
  assertEquals(r.code, 1);
  assertIncludes(r.stderr, "403");
  assertIncludes(r.stderr, "Power Platform RBAC administrator");
});

Deno.test("users admin-role apply waits for the operation; the role then lists", async () => {
  await using t = await startGovernanceTenant();
  const r = await runPpx(["users", "admin-role", "apply", "-e", DEV, "--json"], { env: t.env });
  assertEquals(r.code, 0, r.stderr);
  assertIncludes(r.stdout, "Succeeded");
  const roles = await runPpx([
    "users",
    "admin-role",
    "list",
    "00000000-0000-4000-8000-0000000000aa",
    "--json",
  ], {
    env: t.env,
  });
  assertIncludes(roles.stdout, `/environments/${DEV}`);
});

Deno.test("licensing: link environments to a billing policy by name-resolved ids, list them, bad payload is exit 1 with the service's message", async () => {
  await using t = await startGovernanceTenant();
  const policy = "b1000000-0000-4000-8000-000000000001";
  const add = await runPpx(
    ["licensing", "billing", "environment", "add", policy, "--environment-ids", DEV],
    {
      env: t.env,
    },
  );
  assertEquals(add.code, 0, add.stderr);
  const list = await runPpx(["licensing", "billing", "environment", "list", policy, "--json"], {
    env: t.env,
  });
  assertEquals(JSON.parse(list.stdout).map((e: { environmentId: string }) => e.environmentId), [PROD, DEV]);
  const bad = await runPpx([
    "licensing",
    "allocations",
    "currency",
    "patch",
    "-e",
    DEV,
    "--payload",
    '{"currencyAllocations":5}',
  ], { env: t.env });
  assertEquals(bad.code, 1);
  assertIncludes(bad.stderr, "currencyAllocations must be an array");
  const cap = await runPpx(["licensing", "capacity", "tenant", "--json"], { env: t.env });
  assertEquals(JSON.parse(cap.stdout).tenantCapacities.length, 3);
});

Deno.test("analytics: resources page with $skiptoken; dismiss waits and the status changes", async () => {
  await using t = await startGovernanceTenant();
  const first = await runPpx(["analytics", "resources", "InactiveApps", "--json"], { env: t.env });
  assertEquals(JSON.parse(first.stdout).length, 2);
  const all = await runPpx(["analytics", "resources", "InactiveApps", "--all", "--json"], { env: t.env });
  assertEquals(JSON.parse(all.stdout).length, 5);
  const dismiss = await runPpx([
    "analytics",
    "dismiss",
    "--scenario",
    "InactiveApps",
    "--recommendation-id",
    "rec-1",
    "--notes",
    "owner left",
  ], { env: t.env });
  assertEquals(dismiss.code, 0, dismiss.stderr);
  const status = await runPpx(["analytics", "status", "InactiveApps", "rec-1", "--json"], { env: t.env });
  assertEquals(JSON.parse(status.stdout).status, "Dismissed");
});

Deno.test("governance: report submit --wait ends Completed; assignment by environment lists by environment", async () => {
  await using t = await startGovernanceTenant();
  const submit = await runPpx(["governance", "report", "submit", "--wait", "--json"], { env: t.env });
  assertEquals(submit.code, 0, submit.stderr);
  const reports = await runPpx(["governance", "report", "list", "--json"], { env: t.env });
  assertEquals(JSON.parse(reports.stdout)[0].status, "Completed");
  const assign = await runPpx(["governance", "assignment", "create", "rbp-1", "Contoso Production"], {
    env: t.env,
  });
  assertEquals(assign.code, 0, assign.stderr);
  const byEnv = await runPpx(["governance", "assignment", "list-by-environment", "-e", PROD, "--json"], {
    env: t.env,
  });
  assertEquals(JSON.parse(byEnv.stdout)[0].policyId, "rbp-1");
});

Deno.test("pva: quarantine set then status; channel update is a PUT", async () => {
  await using t = await startGovernanceTenant();
  const bot = "b0700000-0000-4000-8000-000000000003";
  const set = await runPpx(["pva", "bots", "quarantine", "set", bot, "-e", PROD], { env: t.env });
  assertEquals(set.code, 0, set.stderr);
  const status = await runPpx(["pva", "bots", "quarantine", "status", bot, "-e", PROD, "--json"], {
    env: t.env,
  });
  assertEquals(JSON.parse(status.stdout).isBotQuarantined, true);
  const upd = await runPpx([
    "pva",
    "bots",
    "channels",
    "update",
    bot,
    `${bot}-teams`,
    "-e",
    PROD,
    "--channel-type",
    "MsTeams",
  ], { env: t.env });
  assertEquals(upd.code, 0, upd.stderr);
  assert(t.gov.requests.some((r) => r.startsWith("PUT ") && r.endsWith(`/channels/${bot}-teams`)));
});

Deno.test("tenant: feature list pages; settings show is the whole object", async () => {
  await using t = await startGovernanceTenant();
  const features = await runPpx(["tenant", "feature", "list", "--all", "--json"], { env: t.env });
  assertEquals(JSON.parse(features.stdout).length, 2);
  const settings = await runPpx(["tenant", "settings", "show", "--json"], { env: t.env });
  assertEquals(JSON.parse(settings.stdout).powerPlatform.powerApps.disableShareWithEveryone, false);
});
