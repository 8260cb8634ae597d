import { assert, assertEquals, assertIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { ManualClock } from "../../lib/clock.ts";
import { startEmulator } from "../../emulator/server.ts";
import { dataverseService } from "../../emulator/dataverse/service.ts";
import { solutionsService } from "../../emulator/solutions/service.ts";
import { DataverseClient } from "../../lib/dataverse/client.ts";
import { HttpClient, type TokenSource } from "../../lib/http/client.ts";
import { startImport, waitForImport } from "../../lib/solutions/lifecycle/jobs.ts";

async function startSolutionsOrg() {
  const clock = new ManualClock();
  const dv = dataverseService();
  const sol = solutionsService(dv, { importDurationMs: 120_000, exportDurationMs: 10_000 });
  const emu = await startEmulator({ services: [dv, sol], now: () => clock.now() });
  const token = await emu.tokens.issue({ aud: emu.url, expiresIn: 86_400 * 30 });
  const dir = await Deno.makeTempDir();
  const run = (argv: string[], extra: Parameters<typeof runPpx>[1] = {}) =>
    runPpx(argv, { env: { DATAVERSE_HOST: emu.url, PPX_ACCESS_TOKEN: token }, cwd: dir, clock, ...extra });
  return {
    clock,
    sol,
    emu,
    dir,
    run,
    close: async () => {
      await emu.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** Exports a generated solution from the emulator to get a valid zip, then shapes it via pack/unpack. */
async function solutionZip(
  org: Awaited<ReturnType<typeof startSolutionsOrg>>,
  name: string,
  version = "1.0.0.0",
) {
  org.sol.addSolution({ uniquename: name, version });
  const out = await org.run(["solution", "export", "--name", name, "--out", `${name}.zip`, "--overwrite"]);
  assertEquals(out.code, 0, out.stderr);
  const id = [...org.sol.solutions.values()].find((s) => s.uniquename === name)!.solutionid;
  org.sol.solutions.delete(id);
  return `${org.dir}/${name}.zip`;
}

Deno.test("solution list, export naming and overwrite, atomic write", async () => {
  const org = await startSolutionsOrg();
  try {
    org.sol.addSolution({ uniquename: "Contoso", friendlyname: "Contoso Core", version: "1.2.0.0" });
    const list = await org.run(["solution", "list"]);
    assertEquals(list.code, 0, list.stderr);
    assertEquals(
      list.stdout,
      "UNIQUENAME\tFRIENDLYNAME\tVERSION\tMANAGED\nContoso\tContoso Core\t1.2.0.0\tfalse\n",
    );
    const all = await org.run(["solution", "list", "--include-system", "--json"]);
    const names = JSON.parse(all.stdout).map((s: { uniqueName: string }) => s.uniqueName);
    assertEquals(names, ["Active", "Basic", "Contoso", "Default"]);

    const managed = await org.run(["solution", "export", "--name", "Contoso", "--managed", "--json"]);
    assertEquals(managed.code, 0, managed.stderr);
    const info = JSON.parse(managed.stdout);
    assertEquals(info.path, `${org.dir}/Contoso_managed.zip`);
    const xml = await unzipSolutionXml(info.path);
    assertIncludes(xml, "<Managed>1</Managed>");
    assertIncludes(xml, "<Version>1.2.0.0</Version>");
    // The export polled the async operation with the injected clock.
    assert(org.clock.sleeps.length >= 1, "export should poll");

    // -p is pac's short name for the path; -o stays the global --output, as on every command.
    const short = await org.run(["solution", "export", "-n", "Contoso", "-p", "pac.zip", "-o", "json"]);
    assertEquals(short.code, 0, short.stderr);
    assertEquals(JSON.parse(short.stdout).path, `${org.dir}/pac.zip`);

    const again = await org.run(["solution", "export", "--name", "Contoso", "--managed"]);
    assertEquals(again.code, 2);
    assertIncludes(again.stderr, "already exists");
    assertIncludes(again.stderr, "--overwrite");
    const over = await org.run(["solution", "export", "--name", "Contoso", "--managed", "--overwrite"]);
    assertEquals(over.code, 0, over.stderr);
    const leftovers = [...Deno.readDirSync(org.dir)].map((e) => e.name).filter((n) => n.endsWith(".tmp"));
    assertEquals(leftovers, []);

    const missing = await org.run(["solution", "export", "--name", "Nope"]);
    assertEquals(missing.code, 5, missing.stderr);
  } finally {
    await org.close();
  }
});

async function unzipSolutionXml(path: string): Promise<string> {
  const { openZip } = await import("../../lib/solutions/zip/read.ts");
  const zip = await openZip(path);
  try {
    const entry = zip.entries.find((e) => e.path === "solution.xml")!;
    return new TextDecoder().decode(await zip.read(entry));
  } finally {
    zip.close();
  }
}

Deno.test("solution import: async with progress, settings applied as ComponentParameters, success", async () => {
  const org = await startSolutionsOrg();
  try {
    const zip = await solutionZip(org, "Fabrikam", "2.0.0.0");
    await Deno.writeTextFile(
      `${org.dir}/settings.json`,
      JSON.stringify({
        EnvironmentVariables: [{ SchemaName: "fab_ApiUrl", Value: "https://api.example" }, {
          SchemaName: "fab_Empty",
          Value: "",
        }],
        ConnectionReferences: [{
          LogicalName: "fab_sharedcommondataservice",
          ConnectionId: "0f1e2d3c",
          ConnectorId: "/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps",
        }],
      }),
    );
    const before = org.clock.sleeps.length;
    const r = await org.run(
      ["solution", "import", "--path", zip, "--settings-file", "settings.json", "--overwrite-unmanaged"],
      { tty: true },
    );
    assertEquals(r.code, 0, r.stderr);
    assertIncludes(r.stderr, "Importing Fabrikam");
    assertIncludes(r.stderr, "Imported Fabrikam");
    const received = org.sol.imports[0];
    assertEquals(received.action, "ImportSolutionAsync");
    assertEquals(received.params.OverwriteUnmanagedCustomizations, true);
    assertEquals(received.params.PublishWorkflows, true);
    assertEquals(received.params.ComponentParameters, [
      {
        "@odata.type": "Microsoft.Dynamics.CRM.environmentvariablevalue",
        schemaname: "fab_ApiUrl",
        value: "https://api.example",
      },
      {
        "@odata.type": "Microsoft.Dynamics.CRM.connectionreference",
        connectionreferencelogicalname: "fab_sharedcommondataservice",
        connectionid: "0f1e2d3c",
        connectorid: "/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps",
      },
    ]);
    const list = await org.run(["solution", "list", "--json"]);
    assertEquals(JSON.parse(list.stdout)[0].version, "2.0.0.0");
    // Polled across the 2-minute import, starting at 5 s and backing off to at most 30 s.
    const sleeps = org.clock.sleeps.slice(before);
    assertEquals(sleeps.slice(0, 3), [5_000, 7_500, 11_250]);
    assert(sleeps.length > 5 && sleeps.every((ms) => ms <= 30_000), String(sleeps));

    const skip = await org.run(["solution", "import", "--path", zip, "--skip-lower-version", "--json"]);
    assertEquals(JSON.parse(skip.stdout).state, "skipped");
    assertEquals(org.sol.imports.length, 1);
  } finally {
    await org.close();
  }
});

Deno.test("solution import: failure prints the failing component's error; timeout vs failure; reattach", async () => {
  const org = await startSolutionsOrg();
  try {
    const zip = await solutionZip(org, "Broken");
    org.sol.failNextImport({
      componentType: "workflow",
      componentName: "Notify owner",
      code: "0x80048033",
      message: "Connection reference fab_outlook is missing a connection.",
    });
    const failed = await org.run(["solution", "import", "--path", zip]);
    assertEquals(failed.code, 1);
    assertIncludes(
      failed.stderr,
      "Import of Broken failed at workflow Notify owner: Connection reference fab_outlook is missing a connection. (0x80048033)",
    );

    // Timeout: the import keeps running; exit 6 with the reattach command.
    const slow = await org.run(["solution", "import", "--path", zip, "--max-wait", "30s"]);
    assertEquals(slow.code, 6, slow.stderr);
    const jobId = /import-status ([0-9a-f-]{36})/.exec(slow.stderr)?.[1];
    assert(jobId, slow.stderr);
    // Still running is its own outcome (exit 8, pending), not a throttling failure.
    const running = await org.run(["solution", "import-status", jobId!, "--json"]);
    assertEquals(running.code, 8);
    assertEquals(JSON.parse(running.stdout).state, "running");
    const done = await org.run(["solution", "import-status", jobId!, "--wait", "--json"]);
    assertEquals(done.code, 0, done.stderr);
    assertEquals(JSON.parse(done.stdout).state, "succeeded");
    assertEquals(JSON.parse(done.stdout).progress, 100);

    // Bad input is refused before anything is uploaded.
    await Deno.writeTextFile(`${org.dir}/notzip.zip`, "hello");
    const notZip = await org.run(["solution", "import", "--path", "notzip.zip"]);
    assertEquals(notZip.code, 2);
    assertIncludes(notZip.stderr, "is not a zip archive");
    await Deno.writeTextFile(`${org.dir}/bad.json`, '{"ConnectionReferences":[{"ConnectionId":"x"}]}');
    const badSettings = await org.run(["solution", "import", "--path", zip, "--settings-file", "bad.json"]);
    assertEquals(badSettings.code, 2);
    assertIncludes(badSettings.stderr, "ConnectionReferences[0] has no LogicalName");
    assertEquals(org.sol.imports.length, 2);

    // --no-wait prints the ids and returns at once.
    const nowait = await org.run(["solution", "import", "--path", zip, "--no-wait", "--json"]);
    assertEquals(nowait.code, 0, nowait.stderr);
    assertEquals(JSON.parse(nowait.stdout).state, "running");
    assertEquals(org.sol.imports.length, 3);

    // Flags map to the documented parameters; --stage-and-upgrade calls StageAndUpgradeAsync.
    const holding = await org.run([
      "solution",
      "import",
      "--path",
      zip,
      "--holding",
      "--skip-dependency-check",
      "--convert-to-managed",
      "--no-publish-workflows",
    ]);
    assertEquals(holding.code, 0, holding.stderr);
    const sent = org.sol.imports[3];
    assertEquals(sent.action, "ImportSolutionAsync");
    assertEquals(
      [
        sent.params.HoldingSolution,
        sent.params.SkipProductUpdateDependencies,
        sent.params.ConvertToManaged,
        sent.params.PublishWorkflows,
      ],
      [true, true, true, false],
    );
    assert([...org.sol.solutions.values()].some((s) => s.uniquename === "Broken_Upgrade"));
    const staged = await org.run(["solution", "import", "--path", zip, "--stage-and-upgrade"]);
    assertEquals(staged.code, 0, staged.stderr);
    assertEquals(org.sol.imports[4].action, "StageAndUpgradeAsync");
    assertEquals(org.sol.imports[4].params.HoldingSolution, undefined);
    const both = await org.run(["solution", "import", "--path", zip, "--holding", "--stage-and-upgrade"]);
    assertEquals(both.code, 2);
  } finally {
    await org.close();
  }
});

Deno.test("waitForImport: a token that expires during a long wait is refreshed", async () => {
  const clock = new ManualClock();
  const dv = dataverseService();
  const sol = solutionsService(dv, { importDurationMs: 3 * 3_600_000 });
  const emu = await startEmulator({ services: [dv, sol], now: () => clock.now() });
  try {
    // Hands out one-hour tokens and only replaces one when the HTTP client asks for a refresh (after a 401),
    // so the wait survives only if expired tokens are rejected and the refresh path works.
    let issued = 0;
    let forced = 0;
    let current = "";
    const source: TokenSource = {
      async getToken(options) {
        if (options?.forceRefresh) forced++;
        if (!current || options?.forceRefresh) {
          issued++;
          current = await emu.tokens.issue({ aud: emu.url, expiresIn: 3_600 });
        }
        return current;
      },
    };
    const client = new DataverseClient(
      new HttpClient({ baseUrl: emu.url, token: source, retry: { baseDelayMs: 1 } }),
    );
    sol.addSolution({ uniquename: "Long" });
    const { buildSolutionZip } = await import("../../emulator/solutions/zips.ts");
    const zip = await buildSolutionZip({
      uniqueName: "Long",
      friendlyName: "Long",
      version: "1.0.0.1",
      managed: false,
      publisher: "p",
    });
    const started = await startImport(client, zip);
    const status = await waitForImport(client, started, { clock, maxWaitMs: 4 * 3_600_000, pollMs: 60_000 });
    assertEquals(status.state, "succeeded");
    assert(forced >= 2, `expected refreshes after expiry during a 3-hour wait, got ${forced}`);
    assertEquals(issued, forced + 1);
  } finally {
    await emu.close();
  }
});

Deno.test("solution deps/check, components csv, publish-all, delete, version", async () => {
  const org = await startSolutionsOrg();
  try {
    const id = org.sol.addSolution({ uniquename: "Deps", version: "1.0.0.0" });
    org.sol.components.set(id, [{ objectid: "account", componenttype: 1 }, {
      objectid: "wr1",
      componenttype: 61,
    }]);
    org.sol.missing.set("Deps", [{
      dependentcomponentname: "contoso_form",
      requiredcomponentname: "new_table",
      requiredcomponenttype: 1,
      requiredcomponentobjectid: "b7a0e6b1-0000-0000-0000-000000000001",
    }]);
    const dot = await org.run(["solution", "deps", "--name", "Deps", "--format", "dot"]);
    assertEquals(dot.stdout, 'digraph dependencies {\n  "contoso_form" -> "new_table";\n}\n');
    const check = await org.run(["solution", "check", "--name", "Deps", "--json"]);
    assertEquals(check.code, 1);
    assertEquals(JSON.parse(check.stdout).ok, false);
    org.sol.missing.delete("Deps");
    const ok = await org.run(["solution", "check", "--name", "Deps"]);
    assertEquals(ok.code, 0, ok.stderr);

    const csv = await org.run([
      "solution",
      "components",
      "--name",
      "Deps",
      "--type",
      "61",
      "--format",
      "csv",
    ]);
    assertEquals(csv.code, 0, csv.stderr);
    assertIncludes(csv.stdout, "id,objectId,componentType,rootComponentBehavior\n");
    assertIncludes(csv.stdout, ",wr1,61,0\n");
    assert(!csv.stdout.includes("account"), csv.stdout);

    const pub = await org.run(["solution", "publish-all"]);
    assertEquals(pub.code, 0, pub.stderr);
    assertEquals(org.sol.publishCount, 1);

    const v = await org.run(["solution", "version", "--name", "Deps", "--bump", "minor", "--json"]);
    assertEquals(JSON.parse(v.stdout)[0].version, "1.1.0.0");

    const refused = await org.run(["solution", "delete", "--name", "Deps"]);
    assertEquals(refused.code, 2);
    assertIncludes(refused.stderr, "--yes");
    const del = await org.run(["solution", "delete", "--name", "Deps", "--yes"]);
    assertEquals(del.code, 0, del.stderr);
    assertEquals(org.sol.solutions.has(id), false);
  } finally {
    await org.close();
  }
});

Deno.test("solution create-settings from a zip and from an unpacked folder; version on a folder", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const folder = `${dir}/src`;
    await Deno.mkdir(`${folder}/Other`, { recursive: true });
    await Deno.mkdir(`${folder}/environmentvariabledefinitions/fab_ApiUrl`, { recursive: true });
    await Deno.writeTextFile(
      `${folder}/Other/Solution.xml`,
      '<?xml version="1.0" encoding="utf-8"?>\n<ImportExportXml version="9.2"><SolutionManifest><UniqueName>Fab</UniqueName>' +
        "<Version>1.0.3.0</Version><Managed>0</Managed><Publisher><UniqueName>fab</UniqueName></Publisher>" +
        "<RootComponents /></SolutionManifest></ImportExportXml>\n",
    );
    await Deno.writeTextFile(
      `${folder}/Other/Customizations.xml`,
      '<?xml version="1.0" encoding="utf-8"?>\n<ImportExportXml><Entities /><connectionreferences>' +
        '<connectionreference connectionreferencelogicalname="fab_outlook"><connectorid>/providers/Microsoft.PowerApps/apis/shared_office365</connectorid>' +
        "</connectionreference></connectionreferences><Languages><Language>1033</Language></Languages></ImportExportXml>\n",
    );
    await Deno.writeTextFile(
      `${folder}/environmentvariabledefinitions/fab_ApiUrl/environmentvariabledefinition.xml`,
      '<environmentvariabledefinition schemaname="fab_ApiUrl"><type>100000000</type></environmentvariabledefinition>\n',
    );
    const expected = {
      EnvironmentVariables: [{ SchemaName: "fab_ApiUrl", Value: "" }],
      ConnectionReferences: [{
        LogicalName: "fab_outlook",
        ConnectionId: "",
        ConnectorId: "/providers/Microsoft.PowerApps/apis/shared_office365",
      }],
    };
    const fromFolder = await runPpx(["solution", "create-settings", "--solution-folder", "src"], {
      cwd: dir,
    });
    assertEquals(fromFolder.code, 0, fromFolder.stderr);
    assertEquals(JSON.parse(fromFolder.stdout), expected);

    const packed = await runPpx(["solution", "pack", "--folder", "src", "--zipfile", "fab.zip"], {
      cwd: dir,
    });
    assertEquals(packed.code, 0, packed.stderr);
    const fromZip = await runPpx(
      ["solution", "create-settings", "--solution-zip", "fab.zip", "--settings-file", "s.json"],
      { cwd: dir },
    );
    assertEquals(fromZip.code, 0, fromZip.stderr);
    assertEquals(JSON.parse(await Deno.readTextFile(`${dir}/s.json`)), expected);
    const exists = await runPpx(
      ["solution", "create-settings", "--solution-zip", "fab.zip", "--settings-file", "s.json"],
      { cwd: dir },
    );
    assertEquals(exists.code, 2);

    const bumped = await runPpx(["solution", "version", "--folder", "src", "--bump", "build", "--json"], {
      cwd: dir,
    });
    assertEquals(bumped.code, 0, bumped.stderr);
    assertEquals(JSON.parse(bumped.stdout)[0], {
      where: `${folder}/Other/Solution.xml`,
      previous: "1.0.3.0",
      version: "1.0.4.0",
    });
    assertIncludes(await Deno.readTextFile(`${folder}/Other/Solution.xml`), "<Version>1.0.4.0</Version>");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("legacy ppx solution --action forwards with a deprecation notice", async () => {
  const org = await startSolutionsOrg();
  try {
    org.sol.addSolution({ uniquename: "Legacy" });
    const r = await org.run(["solution", "--action", "list"]);
    assertEquals(r.code, 0, r.stderr);
    assertIncludes(r.stdout, "Legacy");
    assertIncludes(r.stderr, "Deprecated: action-style solution invocations");
    const zip = await solutionZip(org, "LegacyImport");
    const imp = await org.run(["solution", "--action", "import", "--file", zip, "--wait", "--json"]);
    assertEquals(imp.code, 0, imp.stderr);
    assertEquals(JSON.parse(imp.stdout).state, "succeeded");
    // The notice is printed once per process, not once per call.
    const notices = (r.stderr + imp.stderr).split("Deprecated:").length - 1;
    assertEquals(notices, 1);
    const exp = await org.run(["solution", "--action", "export", "--name", "Legacy", "--json"]);
    assertEquals(exp.code, 0, exp.stderr);
    assertEquals(JSON.parse(exp.stdout).path, `${org.dir}/Legacy.zip`);
    const bad = await org.run(["solution", "--action", "frobnicate"]);
    assertEquals(bad.code, 2);
    assertIncludes(bad.stderr, "Unknown solution action: frobnicate");
  } finally {
    await org.close();
  }
});

Deno.test("ppx solution: an unknown subcommand is a usage error, not the help", async () => {
  const r = await runPpx(["solution", "bogus"]);
  assertEquals(r.code, 2);
  assertIncludes(r.stderr, "unknown command 'bogus'");
});

Deno.test("solution import: a 3-hour wait signed in with a client secret gets new tokens from Entra", async () => {
  const { entraService } = await import("../../emulator/entra/mod.ts");
  const { EMULATOR_TENANT_ID } = await import("../../emulator/tokens.ts");
  const clock = new ManualClock(Date.now());
  const entra = await entraService({ tokenLifetimeSeconds: 3_600 });
  const dv = dataverseService();
  const sol = solutionsService(dv, { importDurationMs: 3 * 3_600_000 });
  const tokenRequests: string[] = [];
  const emu = await startEmulator({
    services: [entra, dv, sol],
    now: () => clock.now(),
    log: (line) => {
      if (/\/token \d+$/.test(line)) tokenRequests.push(line);
    },
  });
  const dir = await Deno.makeTempDir();
  try {
    const app = entra.directory.registerApp({ secrets: ["sec"] });
    const { buildSolutionZip } = await import("../../emulator/solutions/zips.ts");
    await Deno.writeFile(
      `${dir}/long.zip`,
      await buildSolutionZip({
        uniqueName: "Long",
        friendlyName: "Long",
        version: "1.0.0.0",
        managed: false,
        publisher: "p",
      }),
    );
    const r = await runPpx(["solution", "import", "--path", "long.zip", "--max-wait", "4h", "--json"], {
      cwd: dir,
      clock,
      env: {
        PPX_CONFIG_DIR: `${dir}/config`,
        DATAVERSE_HOST: emu.url,
        AZURE_TENANT_ID: EMULATOR_TENANT_ID,
        AZURE_CLIENT_ID: app.clientId,
        AZURE_CLIENT_SECRET: "sec",
        AZURE_AUTHORITY_HOST: emu.url,
      },
    });
    assertEquals(r.code, 0, r.stderr);
    assertEquals(JSON.parse(r.stdout).state, "succeeded");
    // One token per hour of waiting (at least), not one token reused past its expiry.
    assert(tokenRequests.length >= 3, `token requests: ${tokenRequests.join(", ")}`);
  } finally {
    await emu.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("solution import/export/list: pac's and PACX's flag names", async () => {
  const org = await startSolutionsOrg();
  try {
    const zip = await solutionZip(org, "Names");
    // pac: --import-as-holding, --async, --max-async-wait-time in minutes (1 min < the 2-minute import).
    const pac = await org.run([
      "solution",
      "import",
      "--path",
      zip,
      "--import-as-holding",
      "--async",
      "--max-async-wait-time",
      "1",
    ]);
    assertEquals(pac.code, 6, pac.stderr);
    assertIncludes(pac.stderr, "still running after 60 s");
    assertEquals(org.sol.imports[0].params.HoldingSolution, true);
    // PACX: --file with --no-overwrite-unmanaged; pac: --publish-changes publishes after the import.
    const pacx = await org.run([
      "solution",
      "import",
      "--file",
      zip,
      "--no-overwrite-unmanaged",
      "--publish-changes",
      "--json",
    ]);
    assertEquals(pacx.code, 0, pacx.stderr);
    assertEquals(org.sol.imports[1].params.OverwriteUnmanagedCustomizations, false);
    assertEquals(org.sol.publishCount, 1);

    const exp = await org.run([
      "solution",
      "export",
      "--name",
      "Names",
      "--async",
      "--max-async-wait-time",
      "5",
      "--overwrite",
      "--json",
    ]);
    assertEquals(exp.code, 0, exp.stderr);
    const exported = await Deno.readFile(JSON.parse(exp.stdout).path);
    assertEquals([exported[0], exported[1]], [0x50, 0x4b], "the export wrote a zip");
    const list = await org.run(["solution", "list", "--includeSystemSolutions", "--json"]);
    assertEquals(list.code, 0, list.stderr);
    assert(JSON.parse(list.stdout).some((s: { uniqueName: string }) => s.uniqueName === "Default"));
  } finally {
    await org.close();
  }
});

Deno.test("solution import/import-status: PACX's 32-hex import job ids are sent as GUIDs; junk is refused", async () => {
  const org = await startSolutionsOrg();
  try {
    const zip = await solutionZip(org, "Ids");
    const hex = "0123456789abcdef0123456789ABCDEF";
    const dashed = "01234567-89ab-cdef-0123-456789abcdef";
    const r = await org.run([
      "solution",
      "import",
      "--path",
      zip,
      "--import-job-id",
      hex,
      "--no-wait",
      "--json",
    ]);
    assertEquals(r.code, 0, r.stderr);
    assertEquals(org.sol.imports[0].params.ImportJobId, dashed);
    assertEquals(JSON.parse(r.stdout).importJobId, dashed);
    const status = await org.run(["solution", "import-status", `{${hex}}`, "--wait", "--json"]);
    assertEquals(status.code, 0, status.stderr);
    assertEquals(JSON.parse(status.stdout).importJobId, dashed);
    const junk = await org.run(["solution", "import-status", "job-42"]);
    assertEquals(junk.code, 2);
    assertIncludes(junk.stderr, "must be an import job id (a GUID), not 'job-42'");
  } finally {
    await org.close();
  }
});

Deno.test("solution import-status --async-operation-id reports an import that failed before its job existed", async () => {
  const org = await startSolutionsOrg();
  try {
    const zip = await solutionZip(org, "Early");
    org.sol.failNextImport({
      componentType: "solutionManifest",
      componentName: "solution",
      code: "0x80048060",
      message: "The import file is invalid. The solution manifest is missing.",
      beforeJob: true,
    });
    const started = await org.run(["solution", "import", "--path", zip, "--no-wait", "--json"]);
    assertEquals(started.code, 0, started.stderr);
    const { importJobId, asyncOperationId } = JSON.parse(started.stdout);
    // The job row never appears: the job id alone is not found.
    const alone = await org.run(["solution", "import-status", importJobId]);
    assertEquals(alone.code, 5, alone.stderr);
    const running = await org.run([
      "solution",
      "import-status",
      importJobId,
      "--async-operation-id",
      asyncOperationId,
      "--json",
    ]);
    assertEquals(running.code, 8, running.stderr);
    assertEquals(JSON.parse(running.stdout).state, "running");
    const failed = await org.run([
      "solution",
      "import-status",
      importJobId,
      "--async-operation-id",
      asyncOperationId,
      "--wait",
    ]);
    assertEquals(failed.code, 1, failed.stdout);
    assertIncludes(failed.stderr, "The import file is invalid. The solution manifest is missing.");
    const human = await org.run(["solution", "import", "--path", zip, "--no-wait"]);
    assertIncludes(human.stderr, "--async-operation-id");
  } finally {
    await org.close();
  }
});

Deno.test("solution export --out an existing folder writes <name>.zip inside it", async () => {
  const org = await startSolutionsOrg();
  try {
    org.sol.addSolution({ uniquename: "Dir" });
    await Deno.mkdir(`${org.dir}/dist`);
    const r = await org.run(["solution", "export", "--name", "Dir", "--managed", "--out", "dist", "--json"]);
    assertEquals(r.code, 0, r.stderr);
    assertEquals(JSON.parse(r.stdout).path, `${org.dir}/dist/Dir_managed.zip`);
    assert((await Deno.stat(`${org.dir}/dist/Dir_managed.zip`)).isFile);
  } finally {
    await org.close();
  }
});
