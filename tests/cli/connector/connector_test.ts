import { runPpx } from "../../helpers/cli.ts";
import { ENV_ID, startConnectorTenant, writeConnector } from "../../helpers/connectors.ts";
import { assert, assertEquals, assertIncludes, assertNotIncludes } from "../../helpers/assert.ts";
import { TEMPLATES } from "../../../lib/connectors/templates.ts";

Deno.test("connector init: every template makes a folder that validates clean; --json and SARIF shapes", async () => {
  await using t = await startConnectorTenant();
  for (const template of [...TEMPLATES, "OAuthAAD"]) {
    const dir = `${t.dir}/${template}`;
    const init = await runPpx(["connector", "init", dir, "--template", template], { env: t.env });
    assertEquals(init.code, 0, init.stderr);
    const check = await runPpx(["connector", "validate", dir, "--strict", "--json"], { env: t.env });
    assertEquals(check.code, 0, check.stdout + check.stderr);
    assertEquals(JSON.parse(check.stdout).valid, true);
  }
  const again = await runPpx(["connector", "init", `${t.dir}/noauth`], { env: t.env });
  assertEquals(again.code, 2);
  assertIncludes(again.stderr, "--overwrite");

  const broken = `${t.dir}/noauth`;
  const def = JSON.parse(await Deno.readTextFile(`${broken}/apiDefinition.swagger.json`));
  def.paths["/items"].get.operationId = "list-items";
  def.paths["/items"].get.description = "no period";
  await Deno.writeTextFile(`${broken}/apiDefinition.swagger.json`, JSON.stringify(def, null, 4));
  const table = await runPpx(["connector", "validate", broken], { env: t.env });
  assertEquals(table.code, 1);
  assertIncludes(table.stdout, "OperationIdSanitized");
  assertIncludes(table.stdout, "apiDefinition.swagger.json:");
  assertIncludes(table.stderr, "1 error and 1 warning");
  const sarif = await runPpx(["connector", "validate", broken, "--format", "sarif"], { env: t.env });
  assertEquals(sarif.code, 1);
  const log = JSON.parse(sarif.stdout);
  assertEquals(log.version, "2.1.0");
  const results = log.runs[0].results;
  assertEquals(results.map((r: { ruleId: string }) => r.ruleId).sort(), [
    "OperationIdSanitized",
    "PpxDescriptionPeriod",
  ]);
  const error = results.find((r: { level: string }) => r.level === "error");
  assert(
    error.locations[0].physicalLocation.artifactLocation.uri.endsWith("noauth/apiDefinition.swagger.json"),
  );
  assert(error.locations[0].physicalLocation.region.startLine > 1);
  assertEquals(log.runs[0].tool.driver.rules.length, 2);
  const warningsOnly = await runPpx(["connector", "validate", broken, "--strict"], { env: t.env });
  assertEquals(warningsOnly.code, 1);
  const rules = await runPpx(["connector", "validate", "--rules", "--json"], { env: t.env });
  assert(
    JSON.parse(rules.stdout).some((r: { code: string }) => r.code === "OperationPathMustStartWithSlash"),
  );
});

Deno.test("connector create: paconn's payload, icon and script through storage, secret only in memory, settings.json", async () => {
  await using t = await startConnectorTenant();
  const dir = await writeConnector(`${t.dir}/c`, "oauth2", { icon: true, script: true });
  const noSecret = await runPpx(["connector", "create", dir, "-e", ENV_ID], { env: t.env });
  assertEquals(noSecret.code, 2);
  assertIncludes(noSecret.stderr, "--secret-env");
  assertEquals(t.connectors.requests.length, 0, "nothing is sent before the secret is known");

  const created = await runPpx(
    ["connector", "create", dir, "-e", ENV_ID, "--secret-env", "CONNECTOR_SECRET"],
    {
      env: { ...t.env, CONNECTOR_SECRET: "s3cret-value" },
    },
  );
  assertEquals(created.code, 0, created.stderr);
  const [stored] = t.connectors.store.list(ENV_ID);
  const p = stored.properties;
  assertEquals(p.displayName, "Contoso Items");
  assertEquals((p.backendService as { serviceUrl: string }).serviceUrl, "https://api.contoso.com/");
  assertEquals((p.environment as { name: string }).name, ENV_ID);
  assertEquals((p.openApiDefinition as { info: { title: string } }).info.title, "Contoso Items");
  assertEquals(t.connectors.store.secrets.get(stored.name), "s3cret-value");
  const icon = new URL(String(p.iconUri));
  assertEquals([
    ...t.connectors.store.blobs.get(icon.pathname.split("/").slice(2).join("/"))!.bytes.slice(0, 4),
  ], [0x89, 0x50, 0x4e, 0x47]);
  assert(String(p.scriptDefinitionUrl).includes("script.csx"));
  assertEquals(t.connectors.store.bearerOnStorage, 0, "storage gets the SAS signature, never the token");

  const settings = await Deno.readTextFile(`${dir}/settings.json`);
  assertEquals(Object.keys(JSON.parse(settings)), Object.keys(JSON.parse(settings)).sort());
  assertEquals(JSON.parse(settings).connectorId, stored.name);
  assertEquals(JSON.parse(settings).environment, ENV_ID);
  for (const file of Deno.readDirSync(dir)) {
    assertNotIncludes(await Deno.readTextFile(`${dir}/${file.name}`).catch(() => ""), "s3cret-value");
  }

  const flag = await runPpx(["connector", "update", dir, "--secret", "other"], { env: t.env });
  assertEquals(flag.code, 0, flag.stderr);
  assertIncludes(flag.stderr, "shell history");
  assertEquals(t.connectors.store.list(ENV_ID).length, 1);
  assertEquals(t.connectors.store.secrets.get(stored.name), "other");
});

Deno.test("connector update/push: update keeps the display name; push creates when unknown, updates when known", async () => {
  await using t = await startConnectorTenant();
  const dir = await writeConnector(`${t.dir}/c`);
  const noId = await runPpx(["connector", "update", dir, "-e", ENV_ID], { env: t.env });
  assertEquals(noId.code, 2);
  assertIncludes(noId.stderr, "--connector-id");
  const pushed = await runPpx(["connector", "push", dir, "-e", ENV_ID, "--json"], { env: t.env });
  assertEquals(pushed.code, 0, pushed.stderr);
  assertEquals(JSON.parse(pushed.stdout).action, "created");
  const def = JSON.parse(await Deno.readTextFile(`${dir}/apiDefinition.swagger.json`));
  def.info.title = "Renamed in the file";
  def.info.description = "New description.";
  await Deno.writeTextFile(`${dir}/apiDefinition.swagger.json`, JSON.stringify(def, null, 4));
  const again = await runPpx(["connector", "push", dir, "--json"], { env: t.env });
  assertEquals(JSON.parse(again.stdout).action, "updated");
  const [stored] = t.connectors.store.list(ENV_ID);
  assertEquals(stored.properties.displayName, "Contoso Items", "update does not send the display name");
  assertEquals(stored.properties.description, "New description.");
  assertEquals(t.connectors.store.list(ENV_ID).length, 1);
});

Deno.test("connector download -> update round trip changes nothing; files are written deterministically", async () => {
  await using t = await startConnectorTenant();
  const dir = await writeConnector(`${t.dir}/c`, "apikey", { icon: true, script: true });
  assertEquals((await runPpx(["connector", "create", dir, "-e", ENV_ID], { env: t.env })).code, 0);
  const [stored] = t.connectors.store.list(ENV_ID);
  const first = await runPpx(["connector", "download", stored.name, "-e", ENV_ID, "--out", `${t.dir}/a`], {
    env: t.env,
  });
  assertEquals(first.code, 0, first.stderr);
  const before = structuredClone(stored.properties);
  const update = await runPpx(["connector", "update", `${t.dir}/a`], { env: t.env });
  assertEquals(update.code, 0, update.stderr);
  const second = await runPpx(["connector", "download", stored.name, "-e", ENV_ID, "--out", `${t.dir}/b`], {
    env: t.env,
  });
  assertEquals(second.code, 0, second.stderr);
  const names = [...Deno.readDirSync(`${t.dir}/a`)].map((e) => e.name).sort();
  assertEquals(names, [
    "apiDefinition.swagger.json",
    "apiProperties.json",
    "icon.png",
    "script.csx",
    "settings.json",
  ]);
  for (const name of names) {
    assertEquals(await Deno.readFile(`${t.dir}/b/${name}`), await Deno.readFile(`${t.dir}/a/${name}`), name);
  }
  const after = t.connectors.store.list(ENV_ID)[0].properties;
  const stable = (p: Record<string, unknown>) => {
    const { changedTime: _c, iconUri: _i, scriptDefinitionUrl: _s, apiDefinitions: _a, ...rest } = p;
    return rest;
  };
  assertEquals(stable(after), stable(before));
  const refused = await runPpx(["connector", "download", stored.name, "-e", ENV_ID, "--out", `${t.dir}/a`], {
    env: t.env,
  });
  assertEquals(refused.code, 2);
  assertIncludes(refused.stderr, "--overwrite");

  // A link already in the target folder is never written through, even with --overwrite.
  await Deno.writeTextFile(`${t.dir}/outside.txt`, "keep me");
  await Deno.mkdir(`${t.dir}/linked`);
  await Deno.symlink(`${t.dir}/outside.txt`, `${t.dir}/linked/icon.png`);
  const linked = await runPpx(
    ["connector", "download", stored.name, "-e", ENV_ID, "--out", `${t.dir}/linked`, "--overwrite"],
    { env: t.env },
  );
  assertEquals(linked.code, 2, linked.stderr);
  assertIncludes(linked.stderr, "icon.png");
  assertEquals(await Deno.readTextFile(`${t.dir}/outside.txt`), "keep me");
});

Deno.test("connector delete: needs --yes without a terminal, asks on one, 404 is exit 5 with a friendly message", async () => {
  await using t = await startConnectorTenant();
  const dir = await writeConnector(`${t.dir}/c`);
  await runPpx(["connector", "create", dir, "-e", ENV_ID], { env: t.env });
  const [stored] = t.connectors.store.list(ENV_ID);
  const piped = await runPpx(["connector", "delete", stored.name, "-e", ENV_ID], { env: t.env });
  assertEquals(piped.code, 2);
  assertIncludes(piped.stderr, "--yes");
  assertEquals(t.connectors.store.list(ENV_ID).length, 1);
  const declined = await runPpx(["connector", "delete", stored.name, "-e", ENV_ID], {
    env: t.env,
    tty: true,
    prompter: scriptedPrompter([false]),
  });
  assertEquals(declined.code, 130, declined.stderr);
  assertIncludes(declined.stderr, "Nothing deleted.");
  assertEquals(t.connectors.store.list(ENV_ID).length, 1, declined.stderr);
  const deleted = await runPpx(["connector", "delete", stored.name, "-e", ENV_ID, "--yes"], { env: t.env });
  assertEquals(deleted.code, 0, deleted.stderr);
  assertIncludes(deleted.stderr, `Deleted connector '${stored.name}' from environment '${ENV_ID}'.`);
  assertEquals(t.connectors.store.list(ENV_ID).length, 0);
  const missing = await runPpx(["connector", "delete", stored.name, "-e", ENV_ID, "--yes"], { env: t.env });
  assertEquals(missing.code, 5);
  assertIncludes(missing.stderr, `Connector '${stored.name}' was not found in environment '${ENV_ID}'.`);
});

Deno.test("connector list/get/runtime-status: paging, both endpoints, and auto falling back to powerapps", async () => {
  await using t = await startConnectorTenant({ pageSize: 2 });
  for (let i = 0; i < 5; i++) {
    const dir = await writeConnector(`${t.dir}/c${i}`);
    assertEquals((await runPpx(["connector", "create", dir, "-e", ENV_ID], { env: t.env })).code, 0);
  }
  for (const endpoint of ["auto", "connectivity", "powerapps"]) {
    const list = await runPpx(["connector", "list", "-e", ENV_ID, "--endpoint", endpoint, "--json"], {
      env: t.env,
    });
    assertEquals(list.code, 0, list.stderr);
    assertEquals(JSON.parse(list.stdout).length, 5, endpoint);
  }
  const top = await runPpx(["connector", "list", "-e", ENV_ID, "--top", "3", "--json"], { env: t.env });
  assertEquals(JSON.parse(top.stdout).length, 3);
  const name = t.connectors.store.list(ENV_ID)[0].name;
  const got = await runPpx(["connector", "get", name, "-e", ENV_ID, "--json"], { env: t.env });
  assertEquals(JSON.parse(got.stdout).name, name);
  const status = await runPpx(["connector", "runtime-status", name, "-e", ENV_ID, "--json"], { env: t.env });
  assertEquals(JSON.parse(status.stdout).status, "Ready");
  const remote = await runPpx(["connector", "validate", `${t.dir}/c0`, "--remote", "-e", ENV_ID, "--json"], {
    env: t.env,
  });
  assertEquals(remote.code, 0, remote.stderr);
  assert(
    t.connectors.requests.some((r) =>
      r.includes("/validateApiSwagger?") && r.includes("enableConnectorCertificationRules=true")
    ),
  );
  const paOnly = await runPpx(
    ["connector", "runtime-status", name, "-e", ENV_ID, "--endpoint", "powerapps"],
    { env: t.env },
  );
  assertEquals(paOnly.code, 2);

  await using old = await startConnectorTenant({ connectivity: false });
  const dir = await writeConnector(`${old.dir}/c`);
  assertEquals((await runPpx(["connector", "create", dir, "-e", ENV_ID], { env: old.env })).code, 0);
  const fallback = await runPpx(["connector", "list", "-e", ENV_ID, "--json"], { env: old.env });
  assertEquals(fallback.code, 0, fallback.stderr);
  assertEquals(JSON.parse(fallback.stdout).length, 1);
  assert(old.connectors.requests.some((r) => r.startsWith("GET /providers/Microsoft.PowerApps/apis?")));
});

function scriptedPrompter(answers: boolean[]) {
  return {
    interactive: true,
    confirm: () => Promise.resolve(answers.shift() ?? false),
    input: () => Promise.reject(new Error("unexpected question")),
    secret: () => Promise.reject(new Error("unexpected question")),
    select: () => Promise.reject(new Error("unexpected question")),
  };
}
