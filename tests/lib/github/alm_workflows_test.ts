/**
 * The generated workflows against GitHub's workflow schema (SchemaStore's github-workflow schema, as
 * compiled into @action-validator/core; GitHub's own @actions/workflow-parser does not load under Deno:
 * it imports JSON without an import attribute), and the pure helpers of setup-ci.
 */

import { validateWorkflow } from "@action-validator/core";
import { parse } from "yaml";
import { assert, assertEquals } from "../../helpers/assert.ts";
import { parseRepo } from "../../../lib/github/alm/options.ts";
import { credentialName, missingScopes } from "../../../lib/github/alm/setup.ts";
import { workflows } from "../../../lib/github/alm/workflows.ts";
import { sealSecret } from "../../../lib/github/alm/seal.ts";
import { EmulatedRepo } from "@pacx/emulator";
import { InvalidValueError } from "../../../lib/errors.ts";

const INPUT = {
  solution: "ContosoCore",
  environments: { dev: "dev", test: "test", prod: "prod" },
  branch: "main",
  ppxVersion: "0.1.0",
  ppxRepo: "pacx/ppx",
  schedule: "0 3 * * 1-5",
};

Deno.test("the generated workflows pass GitHub's workflow schema", () => {
  for (const file of workflows(INPUT)) {
    const result = validateWorkflow(file.text) as { errors: unknown[] };
    assertEquals(result.errors, [], `${file.path}: ${JSON.stringify(result.errors)}`);
  }
});

Deno.test("the schema check can fail: a step with an unknown key is refused", () => {
  const bad = workflows(INPUT)[1].text.replace(
    "runs-on: ubuntu-latest",
    "runs-on: ubuntu-latest\n    bogus: 1",
  );
  const result = validateWorkflow(bad) as { errors: unknown[] };
  assert(result.errors.length > 0);
});

Deno.test("deploy runs pack -> test -> prod with OIDC and a verified ppx binary", () => {
  const deploy = parse(workflows(INPUT)[1].text);
  assertEquals(deploy.permissions["id-token"], "write");
  assertEquals(deploy.jobs.test.needs, "pack");
  assertEquals(deploy.jobs.prod.needs, "test");
  assertEquals(deploy.jobs.prod.environment, "prod");
  assertEquals(deploy.on.push.branches, ["main"]);
  const install = deploy.jobs.prod.steps[1].run as string;
  assert(install.includes("SHA256SUMS") && install.includes("sha256sum -c -"));
  const exportWf = parse(workflows(INPUT)[0].text);
  assertEquals(exportWf.on.schedule, [{ cron: "0 3 * * 1-5" }]);
  assertEquals(exportWf.jobs.export.environment, "dev");
});

Deno.test("sealSecret makes a sealed box the repository's private key opens", async () => {
  const repo = new EmulatedRepo("o", "r", 1);
  const sealed = await sealSecret("hello", repo.publicKey);
  repo.secrets.set("X", {
    name: "X",
    encryptedValue: sealed,
    keyId: repo.keyId,
    created_at: "",
    updated_at: "",
  });
  assertEquals(repo.openSecret("X"), "hello");
  assert(sealed !== (await sealSecret("hello", repo.publicKey)), "each seal uses a fresh ephemeral key");
});

Deno.test("parseRepo, credentialName and missingScopes", () => {
  assertEquals(parseRepo("contoso/crm"), { owner: "contoso", name: "crm" });
  assertEquals(parseRepo("https://github.com/contoso/crm.git"), { owner: "contoso", name: "crm" });
  for (const bad of ["contoso", "a/b/c", "contoso/..", "/crm"]) {
    let error: unknown;
    try {
      parseRepo(bad);
    } catch (e) {
      error = e;
    }
    // The value and what was expected, not the flag: the CLI names --repo or --ppx-repo.
    assert(error instanceof InvalidValueError, bad);
    assertEquals([error.value, error.expected], [bad, "OWNER/NAME"]);
  }
  assertEquals(credentialName("env", "Prod EU"), "ppx-env-Prod-EU");
  assertEquals(missingScopes(undefined, false), []);
  assertEquals(missingScopes(["repo"], false), ["workflow"]);
  assertEquals(missingScopes(["repo"], true), []);
  assertEquals(missingScopes([], false), ["repo", "workflow"]);
});
