/** A Key Vault URL is checked when it is set, like every other URL: plain http only to a loopback address. */

import { runPpx } from "../helpers/cli.ts";
import { assertEquals, assertIncludes } from "../helpers/assert.ts";
import { tempConfig } from "../helpers/config.ts";
import { parseSecretSpec } from "../../lib/auth/secrets/spec.ts";
import { UsageError } from "../../lib/errors.ts";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

Deno.test("auth create: a plain-http Key Vault URL on a real host is refused at once and nothing is stored", async () => {
  await using cfg = await tempConfig();
  const r = await runPpx([
    "auth",
    "create",
    "kv",
    "--flow",
    "client-credential",
    "--tenant-id",
    TENANT,
    "--client-id",
    CLIENT,
    "--dataverse-host",
    "https://org.crm.dynamics.com",
    "--secret-backend",
    "keyvault",
    "--secret-ref",
    "http://kv1.vault.azure.net:app-secret",
  ], { env: { PPX_CONFIG_DIR: cfg.dir } });
  assertEquals(r.code, 2, r.stderr);
  assertIncludes(r.stderr, "must use https");
  const stored = await Deno.readTextFile(cfg.file).catch(() => "");
  assertEquals(stored.includes("kv1.vault.azure.net"), false);
});

Deno.test("secret specs: a vault URL is checked when the spec is read, not when it is first used", () => {
  for (const bad of ["keyvault:http://kv1.vault.azure.net:x", "keyvault:http://10.0.0.5/keyvault/ppx:x"]) {
    let error: unknown;
    try {
      parseSecretSpec(bad);
    } catch (e) {
      error = e;
    }
    assertEquals(error instanceof UsageError, true, bad);
  }
  assertEquals(parseSecretSpec("keyvault:http://127.0.0.1:8750/keyvault/ppx:x").backend, "keyvault");
  assertEquals(parseSecretSpec("keyvault:https://kv1.vault.azure.net:x").backend, "keyvault");
});
