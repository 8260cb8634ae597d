/** The upgrade use-case against a release server on 127.0.0.1: the check, and a source install refused with data. */

import assert from "node:assert/strict";
import { HttpClient } from "../../../lib/http/client.ts";
import { RunsFromSourceError } from "../../../lib/upgrade/errors.ts";
import { runUpgrade, type UpgradeDeps } from "../../../lib/upgrade/upgrade.ts";
import { errorWords } from "../../../cli/error_words.ts";
import { startReleaseServer } from "../../helpers/release_server.ts";

Deno.test("upgrade use-case: --check reports, a source install is refused before any download", async (t) => {
  await using server = await startReleaseServer();
  const deps = (buildTarget: string): UpgradeDeps => ({
    http: new HttpClient(),
    source: { repository: "o/ppx", apiUrl: server.url },
    currentVersion: "0.1.0",
    buildTarget,
    executablePath: "/nonexistent/ppx",
    os: Deno.build.os,
    arch: Deno.build.arch,
  });
  await t.step("check only: the latest is newer, nothing replaced", async () => {
    const result = await runUpgrade({ checkOnly: true, force: false }, deps("test"));
    assert.deepEqual([result.latest, result.available, result.upgraded], ["9.9.9", true, false]);
  });
  await t.step("from source: RunsFromSourceError with the version; the CLI says how to upgrade", async () => {
    const before = server.requests.length;
    const error = await runUpgrade({ checkOnly: false, force: false }, deps("source")).then(
      () => undefined,
      (e) => e,
    );
    assert.ok(error instanceof RunsFromSourceError);
    assert.deepEqual([error.latest, error.hint, error.exitCode], ["9.9.9", undefined, 2]);
    assert.equal(server.requests.length, before + 1, "only the release was read");
    assert.match(errorWords(error)?.hint ?? "", /deno install -g -f -n ppx/);
  });
});
