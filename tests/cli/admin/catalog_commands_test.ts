import { assert, assertEquals, assertIncludes } from "../../helpers/assert.ts";
import { runPpx } from "../../helpers/cli.ts";
import { startTenant } from "../../helpers/powerplatform.ts";
import { tempDir } from "../../helpers/fixtures.ts";

const SELF = "8d0c4f6e-0000-4000-8000-000000000001";
const FLOW = "7c8d0e1f-2222-4a3b-9c00-000000000001";

Deno.test("environment names: ambiguous is exit 2 listing matches, unknown is exit 5 with the closest", async () => {
  await using t = await startTenant();
  const ambiguous = await runPpx(["environment", "show", "-e", "sales"], { env: t.env });
  assertEquals(ambiguous.code, 2);
  assertIncludes(ambiguous.stderr, "Contoso Sales Dev");
  assertIncludes(ambiguous.stderr, "Contoso Sales Test");
  const missing = await runPpx(["environment", "show", "Contoso Prodution"], { env: t.env });
  assertEquals(missing.code, 5);
  assertIncludes(missing.stderr, "Contoso Production");
  const byHost = await runPpx(["environment", "show", "contoso.crm4.dynamics.com", "--json"], {
    env: t.env,
  });
  assertEquals(byHost.code, 0, byHost.stderr);
  assertEquals(JSON.parse(byHost.stdout).displayName, "Contoso Production");
  const none = await runPpx(["environment", "backups"], { env: t.env });
  assertEquals(none.code, 2);
  assertIncludes(none.stderr, "ppx env select");
});

Deno.test("a destructive operation without a terminal and without --yes is exit 2 and changes nothing", async () => {
  await using t = await startTenant();
  const r = await runPpx(["environment", "delete", "Contoso Sales Test"], { env: t.env });
  assertEquals(r.code, 2);
  assertIncludes(r.stderr, "--yes");
  assert(!t.pp.requests.some((x) => x.startsWith("DELETE")));
  const yes = await runPpx(["environment", "delete", "Contoso Sales Test", "--yes", "--wait", "--json"], {
    env: t.env,
  });
  assertEquals(yes.code, 0, yes.stderr);
  const list = JSON.parse((await runPpx(["env", "list", "--json"], { env: t.env })).stdout);
  assert(!list.some((e: { displayName: string }) => e.displayName === "Contoso Sales Test"));
});

Deno.test("a bad --payload file names the file and the line; exit 2", async () => {
  await using t = await startTenant();
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  await Deno.writeTextFile(`${dir}/group.json`, '{\n  "displayName": "Sales",\n  "description": ,\n}\n');
  const r = await runPpx(["environment", "groups", "create", "--payload", "@group.json"], {
    env: t.env,
    cwd: dir,
  });
  assertEquals(r.code, 2);
  assertIncludes(r.stderr, "group.json");
  assertIncludes(r.stderr, "line 3");
});

Deno.test("a failed operation exits 1 with the service's detail; a timeout exits 6 naming `ppx environment ops show`", async () => {
  await using t = await startTenant();
  t.pp.operations.failNext = 1;
  const failed = await runPpx(["environment", "reset", "-e", SELF, "--yes", "--wait"], { env: t.env });
  assertEquals(failed.code, 1);
  assertIncludes(failed.stderr, "Failed");
  assertIncludes(failed.stderr, "told to fail");

  t.pp.operations.delayMs = 60_000;
  const slow = await runPpx([
    "environment",
    "backup",
    "-e",
    SELF,
    "--label",
    "x",
    "--wait",
    "--timeout",
    "1",
  ], {
    env: t.env,
  });
  assertEquals(slow.code, 6);
  assertIncludes(slow.stderr, "ppx environment ops show");
  const id = /ops show ([0-9a-f-]+)/.exec(slow.stderr)![1];
  const show = await runPpx(["environment", "ops", "show", id, "--json"], { env: t.env });
  assertEquals(JSON.parse(show.stdout).status, "Running");
  assertEquals(show.code, 8); // pending, like solution import-status
});

Deno.test("429 with Retry-After is retried", async () => {
  await using t = await startTenant();
  t.pp.throttle(1, 0);
  const r = await runPpx(["environment", "groups", "list", "--json"], { env: t.env });
  assertEquals(r.code, 0, r.stderr);
  assertEquals(t.pp.requests.filter((x) => x.includes("environmentGroups")).length, 2);
});

Deno.test("earlier names are aliases that behave identically", async () => {
  await using t = await startTenant();
  const created = await runPpx(["env-group", "create", "--name", "Sales", "--json"], { env: t.env });
  assertEquals(created.code, 0, created.stderr);
  const id = JSON.parse(created.stdout).id;
  const a = await runPpx(["environment", "groups", "list", "--json"], { env: t.env });
  const b = await runPpx(["env-group", "list", "--json"], { env: t.env });
  assertEquals(a.stdout, b.stdout);
  const apply = await runPpx(["env-group", "apply", id, "-e", "emulator", "--wait", "--json"], {
    env: t.env,
  });
  assertEquals(apply.code, 0, apply.stderr);
  assertEquals(t.pp.state.environments.get(SELF)?.groupId, id);

  const flows = await runPpx(["flows", "list", "-e", "emulator", "--all", "--json"], { env: t.env });
  const power = await runPpx(
    ["power", "flows", "list", "--environment-id", "emulator", "--all", "--json"],
    {
      env: t.env,
    },
  );
  assertEquals(flows.code, 0, flows.stderr);
  assertEquals(flows.stdout, power.stdout);
  assertEquals(JSON.parse(flows.stdout).length, 3); // two pages by x-ms-continuation-token

  const apps = await runPpx(["apps", "list", "-e", "emulator", "--all"], { env: t.env });
  const admin = await runPpx(["app", "admin", "list", "-e", "emulator", "--all"], { env: t.env });
  assertEquals(apps.stdout, admin.stdout);
  assertIncludes(apps.stdout, "Expense Tracker");

  // PACX's spelling: the environment as an argument.
  const pacxFlows = await runPpx(["flows", "list", "emulator", "--all", "--json"], { env: t.env });
  assertEquals([pacxFlows.code, pacxFlows.stdout], [0, flows.stdout], pacxFlows.stderr);
  const pacxApps = await runPpx(["app", "admin", "list", "emulator", "--all"], { env: t.env });
  assertEquals([pacxApps.code, pacxApps.stdout], [0, apps.stdout], pacxApps.stderr);
});

Deno.test("flows: set-state, runs with --status filter and paging, diagnostics", async () => {
  await using t = await startTenant();
  const env = { ...t.env };
  assertEquals((await runPpx(["env", "select", "emulator"], { env })).code, 0);
  const off = await runPpx(["flows", "set-state", FLOW, "--state", "stopped"], { env });
  assertEquals(off.code, 0, off.stderr);
  assertEquals(t.pp.state.flows.get(FLOW)?.state, "Stopped");
  const bad = await runPpx(["flows", "set-state", FLOW, "--state", "paused"], { env });
  assertEquals(bad.code, 2);

  const all = await runPpx(["flows", "runs", "list", FLOW, "--all", "--json"], { env });
  assertEquals(JSON.parse(all.stdout).length, 3);
  const failed = await runPpx(["power", "runs", "list", FLOW, "--status", "failed", "--json"], { env });
  const runs = JSON.parse(failed.stdout);
  assertEquals(runs.map((r: { properties: { status: string } }) => r.properties.status), ["Failed"]);
  const diag = await runPpx(["flows", "runs", "diagnostics", FLOW, runs[0].name], { env });
  assertIncludes(diag.stdout, "Unauthorized");
});

Deno.test("packages install waits for the install by default", async () => {
  await using t = await startTenant();
  const r = await runPpx(["packages", "install", "msdyn_OfficeGroups", "-e", "emulator", "--json"], {
    env: t.env,
  });
  assertEquals(r.code, 0, r.stderr);
  assertEquals(JSON.parse(r.stdout).status, "Succeeded");
  const installed = await runPpx(
    ["app", "pkgs", "list", "-e", "emulator", "--install-state", "installed", "--all", "--json"],
    { env: t.env },
  );
  assertEquals(JSON.parse(installed.stdout).map((p: { uniqueName: string }) => p.uniqueName).sort(), [
    "msdyn_OfficeGroups",
    "msdyn_PortalTemplates",
  ]);
});

Deno.test("one page by default; the next page's token is reported and --continuation-token resumes there", async () => {
  await using t = await startTenant();
  for (const group of ["apps", "flows"]) {
    const first = await runPpx([group, "list", "-e", "emulator", "--json"], { env: t.env });
    assertEquals(JSON.parse(first.stdout).length, 2);
    const token = /--continuation-token '([^']+)'/.exec(first.stderr)?.[1];
    assert(token, first.stderr);
    const rest = await runPpx([group, "list", "-e", "emulator", "--continuation-token", token, "--json"], {
      env: t.env,
    });
    assertEquals(rest.code, 0, rest.stderr);
    assertEquals(JSON.parse(rest.stdout).length, 1);
    assert(!rest.stderr.includes("--continuation-token"));
  }
});

Deno.test("--cloud picks the cloud of the admin APIs; an unknown one is exit 2", async () => {
  await using t = await startTenant();
  const bad = await runPpx(["env", "list", "--cloud", "mars"], { env: t.env });
  assertEquals(bad.code, 2);
  assertIncludes(bad.stderr, "Unknown cloud");
  const gcc = await runPpx(["environment", "groups", "list", "--cloud", "gcc", "--json"], { env: t.env });
  assertEquals(gcc.code, 0, gcc.stderr);
});

Deno.test("apps share, permissions and revoke with typed flags", async () => {
  await using t = await startTenant();
  const APP = "3f1a9b7c-1111-4d2e-8f00-000000000002";
  const env = t.env;
  const share = await runPpx(
    [
      "apps",
      "share",
      APP,
      "-e",
      "emulator",
      "--principal",
      "u-42",
      "--principal-type",
      "user",
      "--role",
      "canview",
    ],
    { env },
  );
  assertEquals(share.code, 0, share.stderr);
  const perms = JSON.parse(
    (await runPpx(["apps", "permissions", APP, "-e", "emulator", "--all", "--json"], { env })).stdout,
  );
  const added = perms.find((p: { properties: { principal: { id: string } } }) =>
    p.properties.principal.id === "u-42"
  );
  assertEquals(added.properties.roleName, "CanView");
  const revoke = await runPpx([
    "app",
    "admin",
    "revoke-share",
    APP,
    "-e",
    "emulator",
    "--assignment-id",
    added.name,
    "--yes",
  ], {
    env,
  });
  assertEquals(revoke.code, 0, revoke.stderr);
  assertEquals(t.pp.state.apps.get(APP)?.permissions.some((p) => p.principal.id === "u-42"), false);
});

Deno.test("an empty admin list says so once, like every list: 'No results.' in a table, nothing in TSV", async () => {
  await using t = await startTenant();
  const table = await runPpx(["environment", "groups", "list"], { env: t.env, tty: true });
  assertEquals(table.code, 0, table.stderr);
  assertEquals(table.stderr.match(/No results\.|Nothing found\./g), ["No results."]);
  const tsv = await runPpx(["environment", "groups", "list"], { env: t.env });
  assertEquals([tsv.code, tsv.stdout], [0, ""]);
});
