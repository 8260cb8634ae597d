import assert from "node:assert/strict";
import { keyVaultIdentity } from "../../../lib/auth/keyvault_identity.ts";
import { systemClock } from "../../../lib/clock.ts";
import { envFrom } from "../../../lib/env.ts";

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
