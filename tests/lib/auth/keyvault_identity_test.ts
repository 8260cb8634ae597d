import assert from "node:assert/strict";
import { EntraTokens } from "../../../lib/auth/entra/chain.ts";
import { keyVaultIdentity, keyVaultTokens } from "../../../lib/auth/keyvault_identity.ts";
import { SecretStore } from "../../../lib/auth/secrets/store.ts";
import { systemClock } from "../../../lib/clock.ts";
import { type Env, envFrom } from "../../../lib/env.ts";
import { tempConfig } from "../../helpers/config.ts";

const deps = { fetch: globalThis.fetch, clock: systemClock };

Deno.test("Key Vault identity: PPX_KEYVAULT_PROFILE, else the ambient credential, else the invocation's", () => {
  const app = { AZURE_TENANT_ID: "t", AZURE_CLIENT_ID: "c", AZURE_CLIENT_SECRET: "s" };
  assert.deepEqual(keyVaultIdentity(envFrom({ PPX_KEYVAULT_PROFILE: " vault ", ...app }), deps), {
    kind: "profile",
    profile: "vault",
  });
  assert.deepEqual(keyVaultIdentity(envFrom(app), deps), { kind: "ambient" });
  assert.deepEqual(keyVaultIdentity(envFrom({ PPX_MANAGED_IDENTITY: "system" }), deps), { kind: "ambient" });
  assert.deepEqual(keyVaultIdentity(envFrom({ PPX_MANAGED_IDENTITY: "0" }), deps), { kind: "invocation" });
  assert.deepEqual(keyVaultIdentity(envFrom({}), deps), { kind: "invocation" });
});

Deno.test("Key Vault tokens: the named profile's or the ambient credential's own tokens; else the invocation's, shared", async () => {
  await using cfg = await tempConfig();
  const config = cfg.store();
  await config.update((doc) => {
    doc.profiles.vault = { name: "vault", provider: "github" };
  });
  const entraDeps = (env: Env) => ({
    config,
    secrets: new SecretStore({ env, config, keyring: () => assert.fail("no keyring") }),
    env,
    ...deps,
  });
  const invocation = new EntraTokens({ env: envFrom({}), deps: entraDeps(envFrom({})) });
  const forEnv = (vars: Record<string, string>) => {
    const env = envFrom(vars);
    return keyVaultTokens({ env, deps: entraDeps(env) }, () => invocation);
  };
  assert.equal(forEnv({}), invocation);
  // The named profile is resolved on its own (here: a GitHub profile, which cannot read a vault).
  await assert.rejects(forEnv({ PPX_KEYVAULT_PROFILE: "vault" }).resolved(), /is a GitHub profile/);
  const ambient = forEnv({ AZURE_TENANT_ID: "t", AZURE_CLIENT_ID: "c", AZURE_CLIENT_SECRET: "s" });
  assert.notEqual(ambient, invocation);
  assert.match((await ambient.resolved()).description, /AZURE_CLIENT_SECRET|client-secret|environment/i);
});
