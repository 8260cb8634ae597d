/** argv -> options of `ppx github setup-ci | teardown-ci`: no network, environments not resolved yet. */

import assert from "node:assert/strict";
import setupCi from "../../../cli/commands/github/setup_ci.ts";
import teardownCi from "../../../cli/commands/github/teardown_ci.ts";
import { UsageError } from "../../../lib/errors.ts";
import { captureOptions } from "../../helpers/leaf.ts";

const TARGET = ["--repo", "contoso/crm", "--dev", "d", "--test", "https://t.example", "--prod", "p"];

Deno.test("github setup-ci: the shared CI flags, the solution, the release repository", async (t) => {
  await t.step("defaults", async () => {
    const o = await captureOptions(setupCi, [
      ...TARGET,
      "--solution",
      "ContosoCore",
      "--ppx-repo",
      "contoso/ppx",
    ]);
    assert.deepEqual(o.repo, { owner: "contoso", name: "crm" });
    assert.deepEqual(o.stages, [
      { role: "dev", query: "d", environment: "dev" },
      { role: "test", query: "https://t.example", environment: "test" },
      { role: "prod", query: "p", environment: "prod" },
    ]);
    assert.deepEqual(o.ppxRepo, { owner: "contoso", name: "ppx" });
    assert.deepEqual([o.role, o.schedule, o.allowActionsPulls, o.dryRun, o.secrets], [
      "System Customizer",
      "0 3 * * 1-5",
      false,
      false,
      [],
    ]);
  });
  await t.step("every flag", async () => {
    const o = await captureOptions(setupCi, [
      ...TARGET,
      "--solution",
      "S",
      "--ppx-repo",
      "https://github.com/contoso/ppx.git",
      "--prod-name",
      "production",
      "--secret",
      "extra_one",
      "--client-id",
      "app-1",
      "--local",
      "./checkout",
      "--allow-actions-prs",
      "--dry-run",
      "--hostname",
      "ghe.example",
    ]);
    assert.equal(o.stages[2].environment, "production");
    assert.deepEqual(o.secrets, ["extra_one"], "named as given: the variable is read as typed");
    assert.deepEqual([o.clientId, o.local, o.allowActionsPulls, o.dryRun, o.hostname], [
      "app-1",
      "./checkout",
      true,
      true,
      "ghe.example",
    ]);
  });
});

Deno.test("github setup-ci: bad argv is a usage error naming the flag", async () => {
  const base = [...TARGET, "--ppx-repo", "contoso/ppx"];
  await assert.rejects(
    captureOptions(setupCi, [...base, "--solution", "Contoso Core"]),
    /--solution 'Contoso Core' is not a solution unique name/,
  );
  await assert.rejects(
    captureOptions(setupCi, [
      "--repo",
      "contoso",
      ...TARGET.slice(2),
      "--solution",
      "S",
      "--ppx-repo",
      "a/b",
    ]),
    (e) => e instanceof UsageError && /^--repo 'contoso' is not OWNER\/NAME\.$/.test(e.message),
  );
  await assert.rejects(
    captureOptions(setupCi, [...TARGET, "--solution", "S", "--ppx-repo", "ppx"]),
    /--ppx-repo 'ppx' is not OWNER\/NAME/,
  );
  await assert.rejects(
    captureOptions(setupCi, [...base, "--solution", "S", "--secret", "GITHUB_X"]),
    /not a valid secret name/,
  );
  await assert.rejects(
    captureOptions(setupCi, [...base, "--solution", "S", "--test-name", "dev"]),
    /--dev-name, --test-name and --prod-name must differ/,
  );
  await assert.rejects(
    captureOptions(setupCi, base),
    /required option '--solution <uniquename>' not specified/,
  );
});

Deno.test("github teardown-ci: the shared flags and --delete-environments", async () => {
  const o = await captureOptions(teardownCi, [...TARGET, "--delete-environments", "--secret", "extra"]);
  assert.deepEqual([o.repo.name, o.deleteEnvironments, o.secrets, o.dryRun], ["crm", true, ["extra"], false]);
  await assert.rejects(captureOptions(teardownCi, TARGET.slice(2)), /required option '--repo <owner\/name>'/);
});
