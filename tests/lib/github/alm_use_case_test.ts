/**
 * The setup-ci use-case `run(options, deps)` against emulated GitHub, Graph and Dataverse over HTTP: no
 * CLI, no context. Its errors carry data (missing scopes, what to undo); the words are the CLI's.
 */

import assert from "node:assert/strict";
import { resolveGitHubHost } from "../../../lib/auth/github/host.ts";
import { GitHubScopesError, SetupCiIncompleteError } from "../../../lib/github/alm/errors.ts";
import type { AlmDeps, SetupCiOptions } from "../../../lib/github/alm/options.ts";
import { run } from "../../../lib/github/alm/setup.ts";
import { HttpClient } from "../../../lib/http/client.ts";
import { teardownCommand } from "../../../cli/commands/github/words.ts";
import { type AlmFixture, startAlm, TENANT } from "../../helpers/github_alm.ts";

function deps(alm: AlmFixture, scopes = ["repo", "workflow"]): AlmDeps {
  const { access_token } = alm.github.issueToken("Ov23liAlmTests", "octocat", scopes);
  const issued = (aud: string) => ({ getToken: () => alm.emu.tokens.issue({ aud, tid: TENANT }) });
  return {
    github: new HttpClient({
      baseUrl: resolveGitHubHost(alm.emu.url).apiUrl,
      token: { getToken: () => Promise.resolve(access_token) },
    }),
    graph: new HttpClient({ baseUrl: `${alm.emu.url}/v1.0`, token: issued("https://graph.microsoft.com") }),
    dataverse: (url) =>
      new HttpClient({ baseUrl: `${url}/api/data/v9.2`, token: issued(new URL(url).origin) }),
    clock: alm.clock,
  };
}

function options(alm: AlmFixture, dryRun: boolean): SetupCiOptions {
  return {
    repo: { owner: "contoso", name: "crm" },
    solution: "ContosoCore",
    stages: (["dev", "test", "prod"] as const).map((role) => ({ role, environment: role, url: alm.emu.url })),
    tenantId: TENANT,
    role: "System Customizer",
    secrets: [],
    ppxVersion: "0.1.0",
    ppxRepo: "contoso/ppx",
    schedule: "0 3 * * 1-5",
    allowActionsPulls: false,
    dryRun,
  };
}

const WRITES = /^(POST|PUT|PATCH|DELETE) /;

Deno.test("setup-ci use-case: dry run, missing scopes, and a failure midway", async (t) => {
  await using alm = await startAlm();

  await t.step("a dry run plans every area and writes nothing", async () => {
    const result = await run(options(alm, true), deps(alm));
    assert.equal(result.dryRun, true);
    assert.ok(result.changes > 0);
    assert.deepEqual(new Set(result.steps.map((s) => s.area)).has("github"), true);
    assert.deepEqual(alm.log.filter((l) => WRITES.test(l)), []);
  });

  await t.step("missing scopes are data (which, and whether local), not advice", async () => {
    const error = await run(options(alm, false), deps(alm, ["repo"])).then(() => undefined, (e) => e);
    assert.ok(error instanceof GitHubScopesError);
    assert.deepEqual([error.missing, error.local, error.code, error.hint], [
      ["workflow"],
      false,
      "auth.github.scopes",
      undefined,
    ]);
  });

  await t.step(
    "a failure after changes carries what to undo; the CLI words the teardown command",
    async () => {
      alm.graph.knobs.failServicePrincipals = true;
      const error = await run(options(alm, false), deps(alm)).then(() => undefined, (e) => e);
      alm.graph.knobs.failServicePrincipals = false;
      assert.ok(error instanceof SetupCiIncompleteError);
      assert.ok(error.applied.length > 0);
      assert.deepEqual(error.undo.repo, { owner: "contoso", name: "crm" });
      assert.doesNotMatch(error.hint ?? "", /ppx |--/);
      assert.equal(
        teardownCommand(error.undo),
        `ppx github teardown-ci --repo contoso/crm --dev ${alm.emu.url} --test ${alm.emu.url} --prod ${alm.emu.url}`,
      );
    },
  );
});
