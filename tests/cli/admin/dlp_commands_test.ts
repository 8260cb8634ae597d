/** `policy dlp show|diff|connectors|assignments` over HTTP against the emulated BAP V2 policies. */

import { assert, assertEquals, assertIncludes } from "../../helpers/assert.ts";
import { runPpx } from "../../helpers/cli.ts";
import { startGovernanceTenant } from "../../helpers/governance.ts";
import { tempDir } from "../../helpers/fixtures.ts";

const BASELINE = "2f4e1a6b-0000-4000-8000-0000000000d1";
const DEV = "8d0c4f6e-0000-4000-8000-000000000002";

type Groups = { classification: string; connectors: { id: string }[] }[];
const ids = (groups: Groups, c: string) =>
  groups.find((g) => g.classification === c)!.connectors.map((x) => x.id.split("/").at(-1)).sort();

Deno.test("connectors set moves connectors named by display name, short name or id, and keeps the rest", async () => {
  await using t = await startGovernanceTenant();
  const r = await runPpx([
    "policy",
    "dlp",
    "connectors",
    "set",
    "Tenant baseline",
    "--business",
    "Dropbox,teams",
    "--blocked",
    "/providers/Microsoft.PowerApps/apis/shared_sql",
  ], { env: t.env });
  assertEquals(r.code, 0, r.stderr);
  const groups = t.gov.state.dlpPolicies.get(BASELINE)!.connectorGroups as Groups;
  assertEquals(ids(groups, "Confidential"), [
    "shared_commondataserviceforapps",
    "shared_dropbox",
    "shared_sharepointonline",
    "shared_teams",
  ]);
  assertEquals(ids(groups, "General"), ["shared_approvals", "shared_office365"]);
  assertEquals(ids(groups, "Blocked"), ["shared_sql", "shared_twitter"]);
  // The rest of the policy is untouched.
  assertEquals(t.gov.state.dlpPolicies.get(BASELINE)!.environmentType, "AllEnvironments");
  assert(
    t.gov.requests.some((x) => x.startsWith("PATCH /providers/PowerPlatform.Governance/v2/policies/")),
  );
});

Deno.test("connectors set: an unknown name is exit 2 with suggestions and no PATCH; one name in two groups too", async () => {
  await using t = await startGovernanceTenant();
  const r = await runPpx(
    ["policy", "dlp", "connectors", "set", BASELINE, "--blocked", "Sharepoint Online"],
    {
      env: t.env,
    },
  );
  assertEquals(r.code, 2);
  assertIncludes(r.stderr, "No connector is called 'Sharepoint Online'");
  const twice = await runPpx([
    "policy",
    "dlp",
    "connectors",
    "set",
    BASELINE,
    "--business",
    "sql",
    "--blocked",
    "SQL Server",
  ], {
    env: t.env,
  });
  assertEquals(twice.code, 2);
  assertIncludes(twice.stderr, "both Business and Blocked");
  assert(!t.gov.requests.some((x) => x.startsWith("PATCH")));
});

Deno.test("show prints the groups as a table; --json carries the rows", async () => {
  await using t = await startGovernanceTenant();
  const r = await runPpx(["policy", "dlp", "show", "production lockdown"], { env: t.env });
  assertEquals(r.code, 0, r.stderr);
  assertIncludes(r.stdout, "Business\tSQL Server");
  assertIncludes(r.stdout, "Blocked\tDropbox");
  const j = JSON.parse(
    (await runPpx(["policy", "dlp", "show", BASELINE, "--json"], { env: t.env })).stdout,
  );
  assertEquals(j.defaultGroup, "Non-business");
  assertEquals(j.rows.length, 7);
});

Deno.test("diff of two policies, and of a policy and a JSON file", async () => {
  await using t = await startGovernanceTenant();
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const r = await runPpx(["policy", "dlp", "diff", "Tenant baseline", "Production lockdown", "--json"], {
    env: t.env,
  });
  assertEquals(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as { kind: string; item: string; a: string; b: string }[];
  assert(
    rows.some((x) => x.item === "defaultConnectorsClassification" && x.a === "General" && x.b === "Blocked"),
  );
  assert(rows.some((x) => x.item === "Dropbox" && x.a === "-" && x.b === "Blocked"));
  assert(rows.some((x) => x.item === "Office 365 Outlook" && x.a === "Non-business" && x.b === "-"));
  assert(!rows.some((x) => x.item === "SQL Server"));
  const policy = t.gov.state.dlpPolicies.get(BASELINE)!;
  await Deno.writeTextFile(`${dir}/same.json`, JSON.stringify(policy));
  const same = await runPpx(["policy", "dlp", "diff", BASELINE, "same.json"], { env: t.env, cwd: dir });
  assertEquals(same.code, 0, same.stderr);
  assertIncludes(same.stderr + same.stdout, "same");
  await Deno.writeTextFile(`${dir}/bad.json`, "{ nope");
  const bad = await runPpx(["policy", "dlp", "diff", BASELINE, "@bad.json"], { env: t.env, cwd: dir });
  assertEquals(bad.code, 2);
  assertIncludes(bad.stderr, "bad.json");
});

Deno.test("assignments: remove from an all-environments policy makes it except that one (needs --yes); assign puts it back", async () => {
  await using t = await startGovernanceTenant();
  const refused = await runPpx(["policy", "dlp", "assignments", "remove", BASELINE, DEV], { env: t.env });
  assertEquals(refused.code, 2);
  const r = await runPpx(
    ["policy", "dlp", "assignments", "remove", BASELINE, "Contoso Sales Dev", "--yes"],
    {
      env: t.env,
    },
  );
  assertEquals(r.code, 0, r.stderr);
  const list = JSON.parse(
    (await runPpx(["policy", "dlp", "assignments", "list", BASELINE, "--json"], { env: t.env })).stdout,
  );
  assertEquals(list, {
    environmentType: "ExceptEnvironments",
    rows: [{ environmentId: DEV, assignment: "excluded" }],
  });
  const back = await runPpx(["policy", "dlp", "assignments", "assign", BASELINE, "-e", DEV], {
    env: t.env,
  });
  assertEquals(back.code, 0, back.stderr);
  assertEquals(t.gov.state.dlpPolicies.get(BASELINE)!.environments, []);
});

Deno.test("connectors update refuses a payload without groups (exit 2, no PATCH)", async () => {
  await using t = await startGovernanceTenant();
  const r = await runPpx(
    ["policy", "dlp", "connectors", "update", BASELINE, "--payload", '{"groups":[]}'],
    {
      env: t.env,
    },
  );
  assertEquals(r.code, 2);
  assertIncludes(r.stderr, "groups");
  assert(!t.gov.requests.some((x) => x.startsWith("PATCH")));
});
