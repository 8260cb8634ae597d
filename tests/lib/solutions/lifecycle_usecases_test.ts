/**
 * The Dataverse solution use-cases (`run(options, deps)` in lib/solutions/lifecycle) with their deps alone:
 * a client for an emulated org on 127.0.0.1:0, a manual clock, a progress callback. No CLI, no context.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { CancelledError, NotFoundError, TimeoutError, ValidationError } from "../../../lib/errors.ts";
import { adviceOf } from "../../../lib/solutions/advice.ts";
import { deleteSolutionByName, publishAllCustomizations } from "../../../lib/solutions/lifecycle/changes.ts";
import { createSettingsFile } from "../../../lib/solutions/lifecycle/create_settings.ts";
import { exportSolutionToFile, exportTarget } from "../../../lib/solutions/lifecycle/export.ts";
import {
  compareVersions,
  importJobStatus,
  importSolutionFile,
  type ImportSolutionOptions,
} from "../../../lib/solutions/lifecycle/import.ts";
import {
  checkSolution,
  listInstalledSolutions,
  solutionComponents,
  solutionDependencies,
} from "../../../lib/solutions/lifecycle/inspect.ts";
import { changeSolutionVersion, nextVersion } from "../../../lib/solutions/lifecycle/set_version.ts";
import { startOrg, type TestOrg } from "../../helpers/dataverse.ts";

/** An org with the solution endpoints and a manual clock (imports take two emulated minutes). */
function solutionsOrg(): Promise<TestOrg> {
  return startOrg({
    solutions: { importDurationMs: 120_000, exportDurationMs: 10_000 },
    clock: true,
    tokenLifetime: 86_400 * 30,
  });
}

/** The deps every polling use-case takes, recording the progress it reports. */
function pollDeps(org: TestOrg) {
  const progress: string[] = [];
  return {
    deps: {
      client: org.client,
      connect: () => Promise.resolve(org.client),
      clock: org.clock,
      onProgress: (_percent: number | undefined, status: string, subject?: string) =>
        progress.push(subject ? `${subject}: ${status}` : status),
    },
    progress,
  };
}

Deno.test("inspect and change use-cases: list, components, dependencies, check, delete, publish", async (t) => {
  await using org = await solutionsOrg();
  const deps = { client: org.client };
  const id = org.sol.addSolution({ uniquename: "Contoso", version: "1.2.0.0" });
  org.sol.components.set(id, [{ objectid: "00000000-0000-0000-0000-0000000000a1", componenttype: 1 }, {
    objectid: "00000000-0000-0000-0000-0000000000b2",
    componenttype: 61,
  }]);

  await t.step("list: system solutions only when asked", async () => {
    assert.deepEqual((await listInstalledSolutions({}, deps)).map((s) => s.uniqueName), ["Contoso"]);
    assert.deepEqual(
      (await listInstalledSolutions({ includeSystem: true }, deps)).map((s) => s.uniqueName),
      ["Active", "Basic", "Contoso", "Default"],
    );
  });

  await t.step("components: all, or one componenttype", async () => {
    assert.equal((await solutionComponents({ name: "Contoso" }, deps)).length, 2);
    const tables = await solutionComponents({ name: "Contoso", type: 1 }, deps);
    assert.deepEqual(tables.map((c) => [c.componentType, c.objectId]), [[
      1,
      "00000000-0000-0000-0000-0000000000a1",
    ]]);
  });

  await t.step("dependencies and check: missing ones make the report not ok", async () => {
    assert.deepEqual(await checkSolution({ name: "Contoso" }, deps), { ok: true, missing: [] });
    const row = { requiredcomponentobjectid: "r1", dependentcomponentobjectid: "d1" };
    org.sol.missing.set("Contoso", [row]);
    const report = await checkSolution({ name: "Contoso" }, deps);
    assert.equal(report.ok, false);
    assert.equal(report.missing.length, 1);
    assert.equal((await solutionDependencies({ name: "Contoso" }, deps)).length, 1);
    assert.deepEqual(await solutionDependencies({ name: "Contoso", uninstall: true }, deps), []);
  });

  await t.step("an unknown name is NotFoundError with advice, not a command line", async () => {
    const error = await solutionComponents({ name: "Nope" }, deps).then(() => undefined, (e) => e);
    assert.ok(error instanceof NotFoundError);
    assert.deepEqual(adviceOf(error), { kind: "unique-name", when: "find" });
    assert.doesNotMatch(error.hint ?? "", /ppx |--/);
  });

  await t.step("delete: confirm sees the solution first; refusing it deletes nothing", async () => {
    const refuse = () => Promise.reject(new CancelledError("Nothing deleted."));
    await assert.rejects(
      deleteSolutionByName({ name: "Contoso" }, { ...deps, confirm: refuse }),
      CancelledError,
    );
    assert.ok(org.sol.solutions.has(id));
    const asked: string[] = [];
    const deleted = await deleteSolutionByName({ name: "Contoso" }, {
      ...deps,
      confirm: (s) => Promise.resolve(void asked.push(`${s.uniqueName} ${s.version}`)),
    });
    assert.deepEqual(asked, ["Contoso 1.2.0.0"]);
    assert.equal(deleted.id, id);
    assert.ok(!org.sol.solutions.has(id));
  });

  await t.step("publish all: one PublishAllXml", async () => {
    const before = org.sol.publishCount;
    await publishAllCustomizations({}, deps);
    assert.equal(org.sol.publishCount, before + 1);
  });
});

Deno.test("exportSolutionToFile: default name in a folder, progress, no silent overwrite", async (t) => {
  await using org = await solutionsOrg();
  org.sol.addSolution({ uniquename: "Contoso", version: "1.2.0.0" });
  const options = { name: "Contoso", managed: true, out: org.dir, overwrite: false, maxWaitMs: 600_000 };

  await t.step("a folder gets <name>_managed.zip; polls report progress through the callback", async () => {
    const { deps, progress } = pollDeps(org);
    const exported = await exportSolutionToFile(options, deps);
    assert.deepEqual(exported, {
      solution: "Contoso",
      managed: true,
      path: join(org.dir, "Contoso_managed.zip"),
      bytes: (await Deno.stat(exported.path)).size,
    });
    assert.ok(progress.length >= 1, "the polling loop reported progress");
    assert.ok(org.clock.sleeps.every((ms) => ms >= 2_000), "polls wait on the injected clock");
  });

  await t.step("an existing file is refused before connecting, with advice", async () => {
    const before = await Deno.readFile(join(org.dir, "Contoso_managed.zip"));
    const offline = { ...pollDeps(org).deps, connect: () => Promise.reject(new Error("connected")) };
    const error = await exportSolutionToFile(options, offline).then(() => undefined, (e) => e);
    assert.ok(error instanceof ValidationError);
    assert.match(error.message, /Contoso_managed\.zip already exists\.$/);
    assert.deepEqual(adviceOf(error), { kind: "overwrite" });
    assert.deepEqual(await Deno.readFile(join(org.dir, "Contoso_managed.zip")), before);
    const again = await exportSolutionToFile({ ...options, overwrite: true }, pollDeps(org).deps);
    assert.equal(again.path, join(org.dir, "Contoso_managed.zip"));
  });

  await t.step("target: a trailing separator is a folder to create, a file name is kept", async () => {
    assert.equal(
      await exportTarget({ name: "C", managed: false, out: join(org.dir, "dist") + "/" }),
      join(org.dir, "dist", "C.zip"),
    );
    assert.equal(
      await exportTarget({ name: "C", managed: true, out: join(org.dir, "x.zip") }),
      join(org.dir, "x.zip"),
    );
    await Deno.mkdir(join(org.dir, "C_managed.zip"));
    assert.equal(
      await exportTarget({ name: "C", managed: true, out: org.dir }),
      join(org.dir, "C_managed.zip"),
      "an existing folder gets the default name inside it",
    );
    assert.equal(
      await exportTarget({ name: "C", managed: true, out: org.dir + "/" }),
      join(org.dir, "C_managed.zip", "C_managed.zip"),
      "and so does a folder that has the default name",
    );
  });

  await t.step("a wait that runs out is a TimeoutError with advice", async () => {
    const error = await exportSolutionToFile(
      { ...options, out: join(org.dir, "slow.zip"), maxWaitMs: 1 },
      pollDeps(org).deps,
    ).then(() => undefined, (e) => e);
    assert.ok(error instanceof TimeoutError);
    assert.deepEqual(adviceOf(error), { kind: "raise-max-wait" });
  });
});

Deno.test("importSolutionFile and importJobStatus: skipped, started, finished, failed, still running", async (t) => {
  await using org = await solutionsOrg();
  org.sol.addSolution({ uniquename: "Fabrikam", version: "2.0.0.0" });
  const zip = (await exportSolutionToFile(
    { name: "Fabrikam", managed: false, out: org.dir, overwrite: false, maxWaitMs: 600_000 },
    pollDeps(org).deps,
  )).path;
  const base: ImportSolutionOptions = { path: zip, wait: true, maxWaitMs: 3_600_000 };

  await t.step("skipLowerVersion: the same version installed is skipped, nothing uploaded", async () => {
    const result = await importSolutionFile({ ...base, skipLowerVersion: true }, pollDeps(org).deps);
    assert.deepEqual(result, {
      kind: "skipped",
      solution: "Fabrikam",
      installed: "2.0.0.0",
      version: "2.0.0.0",
    });
    assert.equal(org.sol.imports.length, 0);
  });

  await t.step("wait: followed to the end on the clock, then published when asked", async () => {
    const { deps, progress } = pollDeps(org);
    const published = org.sol.publishCount;
    const result = await importSolutionFile({ ...base, publishChanges: true }, deps);
    assert.equal(result.kind, "finished");
    if (result.kind !== "finished") return;
    assert.equal(result.status.state, "succeeded");
    assert.equal(result.published, true);
    assert.equal(org.sol.publishCount, published + 1);
    assert.ok(progress.every((line) => line.startsWith("Fabrikam: ")), progress.join("\n"));
  });

  await t.step("a failed import is the import's own error, naming the component", async () => {
    org.sol.failNextImport({
      componentType: "workflow",
      componentName: "Notify owner",
      code: "0x80048033",
      message: "Missing connection.",
    });
    const error = await importSolutionFile(base, pollDeps(org).deps).then(() => undefined, (e) => e);
    assert.equal(error?.code, "solution.import-failed");
    assert.equal(error?.exitCode, 1);
    assert.match(error.message, /^Import of Fabrikam failed at workflow Notify owner: Missing connection\./);
  });

  await t.step("no wait: the ids; the job is running, then succeeded when followed", async () => {
    const result = await importSolutionFile({ ...base, wait: false }, pollDeps(org).deps);
    assert.equal(result.kind, "started");
    if (result.kind !== "started") return;
    const ids = {
      importJobId: result.started.importJobId,
      asyncOperationId: result.started.asyncOperationId,
    };
    const running = await importJobStatus({ ...ids, maxWaitMs: 1 }, pollDeps(org).deps);
    assert.equal(running.state, "running");
    const timedOut = await importJobStatus({ ...ids, wait: true, maxWaitMs: 1 }, pollDeps(org).deps)
      .then(() => undefined, (e) => e);
    assert.ok(timedOut instanceof TimeoutError);
    assert.deepEqual(adviceOf(timedOut), { kind: "reattach-import", importJobId: ids.importJobId });
    const done = await importJobStatus({ ...ids, wait: true, maxWaitMs: 3_600_000 }, pollDeps(org).deps);
    assert.equal(done.state, "succeeded");
    assert.equal(done.progress, 100);
  });

  await t.step("a zip that cannot be read names the path as data, before connecting", async () => {
    const offline = { ...pollDeps(org).deps, connect: () => Promise.reject(new Error("connected")) };
    const error = await importSolutionFile({ ...base, path: join(org.dir, "missing.zip") }, offline)
      .then(() => undefined, (e) => e);
    assert.ok(error instanceof ValidationError);
    assert.deepEqual(adviceOf(error), { kind: "check-path", input: "path" });
  });
});

Deno.test("changeSolutionVersion and createSettingsFile: folder and server; template to text or file", async (t) => {
  await using org = await solutionsOrg();
  org.sol.addSolution({ uniquename: "Contoso", version: "1.2.3.4" });
  const zip = (await exportSolutionToFile(
    { name: "Contoso", managed: false, out: org.dir, overwrite: false, maxWaitMs: 600_000 },
    pollDeps(org).deps,
  )).path;

  await t.step("the server's version: bumped; no client needed without a name", async () => {
    let built = 0;
    const client = () => Promise.resolve(void built++).then(() => org.client);
    const rows = await changeSolutionVersion({ name: "Contoso", change: { bump: "minor" } }, { client });
    assert.deepEqual(rows, [{ where: "Contoso", previous: "1.2.3.4", version: "1.3.0.0" }]);
    assert.equal(built, 1);
    assert.equal(nextVersion("1.3.0.0", { set: "9.9" }), "9.9");
    await assert.rejects(
      changeSolutionVersion({ folder: join(org.dir, "nope"), change: { set: "1.0" } }, {}),
      (e) => adviceOf(e)?.kind === "unpacked-folder",
    );
    assert.equal(built, 1);
  });

  await t.step("create-settings: text without a file; the file once, then only with overwrite", async () => {
    const text = await createSettingsFile({ source: { zip, label: "Contoso.zip" } });
    assert.equal(text.path, undefined);
    assert.deepEqual(JSON.parse(text.text), text.settings);
    const file = join(org.dir, "settings.json");
    const written = await createSettingsFile({ source: { zip, label: "Contoso.zip" }, settingsFile: file });
    assert.equal(written.path, file);
    assert.equal(await Deno.readTextFile(file), text.text);
    await assert.rejects(
      createSettingsFile({ source: { zip, label: "Contoso.zip" }, settingsFile: file }),
      (e) => e instanceof ValidationError && adviceOf(e)?.kind === "overwrite",
    );
    await createSettingsFile({ source: { zip, label: "Contoso.zip" }, settingsFile: file, overwrite: true });
  });
});

Deno.test("compareVersions: part by part, missing parts are zero", () => {
  assert.equal(compareVersions("1.2", "1.2.0.0"), 0);
  assert.ok(compareVersions("1.10.0.0", "1.9.9.9") > 0);
  assert.ok(compareVersions("1.0.0.1", "1.0.1") < 0);
});
