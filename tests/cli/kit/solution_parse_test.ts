/** argv -> options for every `ppx solution` leaf command: no network, no file written. */

import assert from "node:assert/strict";
import components from "../../../cli/commands/solution/components.ts";
import createSettings from "../../../cli/commands/solution/create_settings.ts";
import del from "../../../cli/commands/solution/delete.ts";
import { checkCommand as check, depsCommand as deps } from "../../../cli/commands/solution/deps.ts";
import exportCommand from "../../../cli/commands/solution/export.ts";
import importCommand from "../../../cli/commands/solution/import.ts";
import importStatus from "../../../cli/commands/solution/import_status.ts";
import list from "../../../cli/commands/solution/list.ts";
import pack from "../../../cli/commands/solution/pack.ts";
import publishAll from "../../../cli/commands/solution/publish_all.ts";
import unpack from "../../../cli/commands/solution/unpack.ts";
import version from "../../../cli/commands/solution/version.ts";
import { UsageError, ValidationError } from "../../../lib/errors.ts";
import { captureOptions } from "../../helpers/leaf.ts";

const memoryFs = (files: Record<string, string>) => ({
  readTextFile: (path: string) =>
    path in files ? Promise.resolve(files[path]) : Promise.reject(new Deno.errors.NotFound(`no ${path}`)),
});

/** The error `promise` rejects with (fails when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  return await promise.then(() => assert.fail("expected a rejection"), (e: Error) => e);
}

Deno.test("solution list / publish-all: the system switch in both spellings, the host", async (t) => {
  await t.step("list", async () => {
    assert.deepEqual(await captureOptions(list, []), { includeSystem: false, host: undefined });
    assert.deepEqual(await captureOptions(list, ["--include-system", "--host", "o.example"]), {
      includeSystem: true,
      host: "o.example",
    });
    assert.equal((await captureOptions(list, ["--includeSystemSolutions"])).includeSystem, true);
    assert.deepEqual((await captureOptions(list, ["-e", "Dev"])).host, { environment: "Dev" });
    await assert.rejects(captureOptions(list, ["--host", "a", "-e", "Dev"]), /either --dataverse-host or -e/);
  });
  await t.step("publish-all", async () => {
    assert.deepEqual(await captureOptions(publishAll, ["--dataverse-host", "https://o.example"]), {
      host: "https://o.example",
    });
  });
});

Deno.test("solution components / deps / check / delete: --name is required, values are typed", async (t) => {
  await t.step("components", async () => {
    assert.deepEqual(await captureOptions(components, ["-n", "Contoso", "--type", "61", "--format", "csv"]), {
      name: "Contoso",
      type: 61,
      format: "csv",
      host: undefined,
    });
    await assert.rejects(captureOptions(components, ["--type", "1"]), UsageError);
    await assert.rejects(captureOptions(components, ["-n", "C", "--type", "-1"]), /--type must be/);
    await assert.rejects(captureOptions(components, ["-n", "C", "--format", "xml"]), /Allowed choices/);
  });
  await t.step("deps", async () => {
    assert.deepEqual(await captureOptions(deps, ["--name", "Contoso"]), {
      name: "Contoso",
      uninstall: false,
      format: "json",
      host: undefined,
    });
    const dot = await captureOptions(deps, ["--name", "Contoso", "--uninstall", "--format", "dot"]);
    assert.equal(dot.uninstall, true);
    assert.equal(dot.format, "dot");
    const missing = await rejection(captureOptions(deps, []));
    assert.ok(missing instanceof UsageError);
    assert.equal(missing.message, "Missing --name.");
  });
  await t.step("check and delete", async () => {
    assert.deepEqual(await captureOptions(check, ["-n", "Contoso"]), { name: "Contoso", host: undefined });
    assert.deepEqual(await captureOptions(del, ["-n", "Contoso", "--host", "h"]), {
      name: "Contoso",
      host: "h",
    });
    await assert.rejects(captureOptions(check, []), UsageError);
    await assert.rejects(captureOptions(del, []), UsageError);
  });
});

Deno.test("solution export: the zip path from any spelling, settings, waits", async (t) => {
  const cwd = "/w";
  await t.step("defaults: the current folder (which gets the default name), 60 minutes", async () => {
    assert.deepEqual(await captureOptions(exportCommand, ["--name", "Contoso"], { cwd }), {
      name: "Contoso",
      managed: false,
      settings: undefined,
      out: "/w/",
      overwrite: false,
      maxWaitMs: 3_600_000,
      includeDependencies: false,
      host: undefined,
    });
  });
  await t.step("--out, pac's -p and PACX's --file; a trailing slash stays a folder", async () => {
    assert.equal(
      (await captureOptions(exportCommand, ["-n", "C", "--out", "dist/"], { cwd })).out,
      "/w/dist/",
    );
    assert.equal((await captureOptions(exportCommand, ["-n", "C", "-p", "a.zip"], { cwd })).out, "/w/a.zip");
    assert.equal(
      (await captureOptions(exportCommand, ["-n", "C", "--file", "/t/b.zip"], { cwd })).out,
      "/t/b.zip",
    );
  });
  await t.step("--include collects settings; --max-async-wait-time is minutes and wins", async () => {
    const o = await captureOptions(exportCommand, [
      "-n",
      "C",
      "--managed",
      "--overwrite",
      "--include",
      "calendar, general",
      "--include",
      "sales",
      "--max-wait",
      "30m",
      "--max-async-wait-time",
      "5",
      "--include-dependencies",
    ]);
    assert.deepEqual(o.settings, ["calendar", "general", "sales"]);
    assert.equal(o.managed, true);
    assert.equal(o.overwrite, true);
    assert.equal(o.maxWaitMs, 300_000);
    assert.equal(o.includeDependencies, true);
  });
  await t.step("bad argv: no name, an unknown setting, a bad duration", async () => {
    const noName = await rejection(captureOptions(exportCommand, []));
    assert.ok(noName instanceof UsageError);
    assert.equal(noName.hint, "Pass --name <uniquename> (see `ppx solution list`).");
    await assert.rejects(
      captureOptions(exportCommand, ["-n", "C", "--include", "nope"]),
      /Unknown export setting 'nope'/,
    );
    await assert.rejects(
      captureOptions(exportCommand, ["-n", "C", "--max-wait", "soon"]),
      /--max-wait must be/,
    );
  });
});

Deno.test("solution import: path, switches in pac and PACX spellings, the settings file read at parse", async (t) => {
  const cwd = "/w";
  const settings = '{ "EnvironmentVariables": [{ "SchemaName": "a", "Value": "1" }] }';
  const fs = memoryFs({ "/w/s.json": settings, "/w/bad.json": '{"ConnectionReferences":[{}]}' });
  await t.step("defaults", async () => {
    assert.deepEqual(await captureOptions(importCommand, ["--path", "C.zip"], { cwd }), {
      path: "/w/C.zip",
      settings: undefined,
      overwriteUnmanaged: false,
      publishWorkflows: true,
      convertToManaged: undefined,
      skipProductUpdateDependencies: undefined,
      holding: false,
      stageAndUpgrade: undefined,
      importJobId: undefined,
      skipLowerVersion: false,
      wait: true,
      maxWaitMs: 3_600_000,
      publishChanges: false,
      host: undefined,
    });
  });
  await t.step("every switch", async () => {
    const o = await captureOptions(importCommand, [
      "--file",
      "/z/C.zip",
      "--no-wait",
      "--force-overwrite",
      "--no-publish-workflows",
      "--import-as-holding",
      "--skip-dependency-check",
      "--skip-lower-version",
      "--convert-to-managed",
      "--publish-changes",
      "--import-job-id",
      "{0A1B2C3D4E5F60718293A4B5C6D7E8F9}",
      "--settings-file",
      "s.json",
    ], { cwd, fs });
    assert.equal(o.path, "/z/C.zip");
    assert.equal(o.wait, false);
    assert.equal(o.overwriteUnmanaged, true);
    assert.equal(o.publishWorkflows, false);
    assert.equal(o.holding, true);
    assert.equal(o.skipProductUpdateDependencies, true);
    assert.equal(o.skipLowerVersion, true);
    assert.equal(o.convertToManaged, true);
    assert.equal(o.publishChanges, true);
    assert.equal(o.importJobId, "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9");
    assert.deepEqual(o.settings, {
      EnvironmentVariables: [{ SchemaName: "a", Value: "1" }],
      ConnectionReferences: [],
    });
    const activate = await captureOptions(importCommand, [
      "-p",
      "C.zip",
      "--activate-plugins",
      "--no-publish-workflows",
    ]);
    assert.equal(activate.publishWorkflows, true);
  });
  await t.step(
    "bad argv: no path, holding with stage-and-upgrade, a bad job id, a bad settings file",
    async () => {
      const noPath = await rejection(captureOptions(importCommand, []));
      assert.ok(noPath instanceof UsageError);
      assert.equal(noPath.message, "Missing --path.");
      await assert.rejects(
        captureOptions(importCommand, ["-p", "C.zip", "--holding", "--stage-and-upgrade"]),
        /--holding and --stage-and-upgrade cannot be combined/,
      );
      await assert.rejects(
        captureOptions(importCommand, ["-p", "C.zip", "--import-job-id", "42"]),
        /--import-job-id must be an import job id/,
      );
      const bad = await rejection(
        captureOptions(importCommand, ["-p", "C.zip", "--settings-file", "bad.json"], { cwd, fs }),
      );
      assert.ok(bad instanceof ValidationError);
      assert.match(bad.message, /ConnectionReferences\[0\] has no LogicalName/);
      // The CLI words lib's advice: the hint names the command that writes a template.
      assert.match(bad.hint ?? "", /`ppx solution create-settings` writes one/);
    },
  );
});

Deno.test("solution import-status: the job id as an argument, --wait and the operation id", async () => {
  const job = "5c4e7f3a-0000-4000-8000-000000000001";
  assert.deepEqual(await captureOptions(importStatus, [job]), {
    importJobId: job,
    asyncOperationId: undefined,
    wait: false,
    maxWaitMs: 3_600_000,
    host: undefined,
  });
  const followed = await captureOptions(importStatus, [
    job.toUpperCase(),
    "--wait",
    "--max-wait",
    "90s",
    "--async-operation-id",
    "5c4e7f3a00004000800000000000000f",
  ]);
  assert.equal(followed.importJobId, job);
  assert.equal(followed.wait, true);
  assert.equal(followed.maxWaitMs, 90_000);
  assert.equal(followed.asyncOperationId, "5c4e7f3a-0000-4000-8000-00000000000f");
  await assert.rejects(
    captureOptions(importStatus, ["not-a-guid"]),
    /import job id must be an import job id/,
  );
  await assert.rejects(captureOptions(importStatus, []), /missing required argument/);
});

Deno.test("solution create-settings: exactly one source; paths resolved against the cwd", async () => {
  const cwd = "/w";
  assert.deepEqual(
    await captureOptions(createSettings, ["--solution-zip", "C.zip", "-s", "out/s.json", "--overwrite"], {
      cwd,
    }),
    { source: { zip: "/w/C.zip", label: "C.zip" }, settingsFile: "/w/out/s.json", overwrite: true },
  );
  assert.deepEqual(await captureOptions(createSettings, ["-f", "/src/C"], { cwd }), {
    source: { folder: "/src/C" },
    settingsFile: undefined,
    overwrite: false,
  });
  for (const argv of [[], ["-z", "C.zip", "-f", "src"]]) {
    await assert.rejects(
      captureOptions(createSettings, argv),
      /Pass exactly one of --solution-zip and --solution-folder/,
    );
  }
});

Deno.test("solution version: --folder and/or --name, exactly one of --bump and --set", async () => {
  const cwd = "/w";
  assert.deepEqual(await captureOptions(version, ["--folder", "src", "--bump", "build"], { cwd }), {
    folder: "/w/src",
    name: undefined,
    change: { bump: "build" },
    host: undefined,
  });
  assert.deepEqual(await captureOptions(version, ["-n", "C", "--set", "1.4.0.0", "--host", "h"]), {
    folder: undefined,
    name: "C",
    change: { set: "1.4.0.0" },
    host: "h",
  });
  await assert.rejects(captureOptions(version, ["--bump", "build"]), /Pass --folder, --name or both/);
  await assert.rejects(captureOptions(version, ["-n", "C"]), /exactly one of --bump and --set/);
  await assert.rejects(
    captureOptions(version, ["-n", "C", "--bump", "minor", "--set", "1.0"]),
    /exactly one/,
  );
  await assert.rejects(captureOptions(version, ["-n", "C", "--bump", "patch"]), /Allowed choices/);
  const badSet = await rejection(captureOptions(version, ["-n", "C", "--set", "1.x"]));
  assert.ok(badSet instanceof ValidationError);
  assert.equal(badSet.message, "The --set value '1.x' is not a solution version.");
});

Deno.test("solution pack / unpack: paths and their defaults, package types, pac's yes/no spellings", async (t) => {
  const cwd = "/w";
  await t.step("pack", async () => {
    assert.deepEqual(await captureOptions(pack, ["--folder", "src/Contoso"], { cwd }), {
      folder: "/w/src/Contoso",
      zipfile: "/w/src/Contoso.zip",
      raw: false,
      packageType: undefined,
      processCanvasApps: false,
      map: undefined,
    });
    const o = await captureOptions(pack, [
      "--src",
      "s",
      "--out",
      "o.zip",
      "-p",
      "both",
      "-m",
      "map.xml",
      "--processCanvasApps",
      "true",
    ], { cwd });
    assert.deepEqual(o, {
      folder: "/w/s",
      zipfile: "/w/o.zip",
      raw: false,
      packageType: "Both",
      processCanvasApps: true,
      map: "/w/map.xml",
    });
    assert.equal(
      (await captureOptions(pack, ["-f", "s", "--raw", "--processCanvasApps", "no"])).processCanvasApps,
      false,
    );
    const missing = await rejection(captureOptions(pack, []));
    assert.ok(missing instanceof UsageError);
    assert.equal(missing.message, "Missing --folder.");
    await assert.rejects(
      captureOptions(pack, ["-f", "s", "-p", "Partial"]),
      /Unknown package type 'Partial'/,
    );
    await assert.rejects(
      captureOptions(pack, ["-f", "s", "--processCanvasApps", "maybe"]),
      /--processCanvasApps must be/,
    );
  });
  await t.step("unpack", async () => {
    assert.deepEqual(await captureOptions(unpack, ["-z", "in/Contoso.zip"], { cwd }), {
      zipfile: "/w/in/Contoso.zip",
      folder: "/w/in/Contoso",
      raw: false,
      packageType: undefined,
      processCanvasApps: false,
      map: undefined,
      allowDelete: false,
      clobber: undefined,
      dryRun: false,
    });
    const pac = await captureOptions(unpack, [
      "--file",
      "C.zip",
      "--out",
      "src",
      "--allowDelete",
      "yes",
      "--allowWrite",
      "false",
      "--clobber",
      "--packagetype",
      "MANAGED",
    ], { cwd });
    assert.equal(pac.folder, "/w/src");
    assert.equal(pac.allowDelete, true);
    assert.equal(pac.dryRun, true);
    assert.equal(pac.clobber, true);
    assert.equal(pac.packageType, "Managed");
    assert.equal((await captureOptions(unpack, ["-z", "C.zip", "--dry-run", "--allow-delete"])).dryRun, true);
    await assert.rejects(captureOptions(unpack, ["--folder", "src"]), /Missing --zipfile/);
  });
});
