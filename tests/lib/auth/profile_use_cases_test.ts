/**
 * The Entra profile use-cases over real HTTP: `createProfile` with the Entra sign-in as its step, then
 * `signInAgain`, `authStatus`, `accessToken` and `signOut` against an emulated tenant. No CLI, no context.
 */

import assert from "node:assert/strict";
import { EMULATOR_TENANT_ID } from "@pacx/emulator";
import { accessToken } from "../../../lib/auth/access_token.ts";
import { createProfile } from "../../../lib/auth/create_profile.ts";
import { EntraTokens } from "../../../lib/auth/entra/chain.ts";
import { clearDiscoveryCache } from "../../../lib/auth/entra/discovery.ts";
import { loginProfile } from "../../../lib/auth/entra/login.ts";
import { signInAgain } from "../../../lib/auth/entra/sign_in_again.ts";
import { KeyringError } from "../../../lib/auth/keyring/errors.ts";
import { chooseProvider } from "../../../lib/auth/provider_choice.ts";
import { remedyOf } from "../../../lib/auth/remedy.ts";
import { SecretStore } from "../../../lib/auth/secrets/store.ts";
import { signOut } from "../../../lib/auth/sign_out.ts";
import { authStatus } from "../../../lib/auth/status.ts";
import { ManualClock } from "../../../lib/clock.ts";
import type { Profile } from "../../../lib/config/schema.ts";
import { envFrom } from "../../../lib/env.ts";
import { AuthError, UsageError } from "../../../lib/errors.ts";
import { HttpClient } from "../../../lib/http/client.ts";
import { tempConfig } from "../../helpers/config.ts";
import { startEntra } from "../../helpers/entra.ts";

const noKeyring = () => new KeyringError("no-service", "no Secret Service here", "install one");
const DV = "https://org.crm.dynamics.com";
const silent = {
  browser: { open: () => Promise.resolve(false) },
  notify: () => {},
  onDeviceCode: () => {},
};

async function setUp(env: Record<string, string> = {}) {
  const cfg = await tempConfig();
  const e = envFrom({ PPX_CONFIG_DIR: cfg.dir, ...env });
  const config = cfg.store({ ...env });
  const secrets = new SecretStore({
    env: e,
    config,
    keyring: () => ({
      backend: "secret-service",
      get: () => Promise.reject(noKeyring()),
      set: () => Promise.reject(noKeyring()),
      delete: () => Promise.resolve(false),
    }),
  });
  const clock = new ManualClock(Date.now());
  const entra = { config, secrets, env: e, fetch, clock };
  const tokensFor = (profile: string | undefined) => new EntraTokens({ env: e, deps: entra, profile });
  const github = { config, secrets, http: new HttpClient({ clock }), clock };
  return { cfg, env: e, config, secrets, clock, entra, tokensFor, github };
}

Deno.test("createProfile: saves the app profile with its secret reference, signs it in over HTTP; status, token and sign-out follow", async () => {
  await using fixture = await startEntra();
  clearDiscoveryCache();
  const app = fixture.entra.directory.registerApp({ secrets: ["s3cret-value"] });
  const s = await setUp({ APP_SECRET: "s3cret-value" });
  await using _cfg = s.cfg;
  const profile: Profile = {
    name: "ci",
    provider: "azure",
    tenant_id: EMULATOR_TENANT_ID,
    client_id: app.clientId,
    flow: "client-credential",
    authority: fixture.emu.url,
    dataverse_host: "org.crm.dynamics.com",
  };
  const created = await createProfile({
    profile,
    secrets: [{ purpose: "client_secret", ref: "env:APP_SECRET" }],
  }, {
    config: s.config,
    secrets: s.secrets,
    storage: "auto",
    signIn: (saved) => loginProfile({ ...s.entra, storage: "auto" }, saved, silent),
  });
  assert.equal(created.profile, "ci");
  assert.equal(created.default, true);
  assert.equal(created.signIn.status, "ok");
  const { doc } = await s.config.load();
  assert.equal(doc.profiles.ci.secret_refs?.client_secret, "env:APP_SECRET");
  assert.equal(doc.default, "ci");
  assert.ok(!JSON.stringify(doc).includes("s3cret-value"));

  const again = await signInAgain({ name: "ci" }, { entra: s.entra, interaction: silent });
  assert.equal(again.profile, "ci");
  assert.ok(again.expiresAt > s.clock.now());

  const status = await authStatus({}, { ...s, fetch });
  assert.equal(status.failed, false);
  assert.deepEqual(status.rows.map((r) => [r.kind, r.profile, r.ok]), [["azure", "ci", true]]);

  const issued = await accessToken({ profile: "ci", audience: "dataverse" }, { ...s, fetch });
  assert.equal(issued.provider, "azure");
  assert.ok(issued.provider === "azure" && issued.audience === DV);
  assert.ok(issued.token.length > 20);

  assert.deepEqual(await signOut({ name: "ci" }, s), ["ci"]);
  assert.equal((await s.config.load()).doc.profiles.ci.token, undefined);
  assert.deepEqual(await signOut({ all: true }, s), ["ci"]);
});

Deno.test("createProfile: a failed sign-in is returned, the profile stays and the default goes back", async () => {
  const s = await setUp();
  await using _cfg = s.cfg;
  const deps = {
    config: s.config,
    secrets: s.secrets,
    storage: "auto" as const,
    signIn: () => Promise.resolve("signed in"),
  };
  const first = await createProfile({ profile: { name: "old", provider: "azure" } }, deps);
  assert.deepEqual(first.signIn, { status: "ok", result: "signed in" });
  const denied = new AuthError("denied");
  const failed = await createProfile({
    profile: { name: "new", provider: "azure", flow: "client-credential" },
    secrets: [{ purpose: "client_secret", value: "typed-secret", name: "entra-client-secret:new" }],
  }, { ...deps, signIn: () => Promise.reject(denied) });
  assert.deepEqual(failed.signIn, { status: "failed", error: denied, restoredDefault: "old" });
  // No keyring here: the typed secret went to the config file, with a warning to show.
  assert.equal(failed.warnings.length, 1);
  const { doc } = await s.config.load();
  assert.equal(doc.default, "old");
  assert.equal(await s.secrets.getSecret(doc.profiles.new.secret_refs!.client_secret), "typed-secret");

  const skipped = await createProfile({
    profile: { name: "later", provider: "azure" },
    login: false,
    setDefault: false,
  }, {
    ...deps,
    signIn: () => Promise.reject(new Error("must not sign in")),
  });
  assert.deepEqual([skipped.signIn.status, skipped.default], ["skipped", false]);
});

Deno.test("signInAgain / accessToken / chooseProvider: no profile, a GitHub profile and an audience for GitHub carry remedies", async () => {
  const s = await setUp();
  await using _cfg = s.cfg;
  const none = await signInAgain({}, { entra: s.entra, interaction: silent }).catch((e) => e);
  assert.ok(none instanceof UsageError);
  assert.deepEqual(remedyOf(none), { action: "entra-create" });
  assert.equal(none.hint, undefined, "lib leaves the wording to the CLI");
  await s.config.update((doc) => {
    doc.profiles.gh = { name: "gh", provider: "github" };
  });
  const gh = await signInAgain({ name: "gh" }, { entra: s.entra, interaction: silent }).catch((e) => e);
  assert.deepEqual(remedyOf(gh), { action: "github-profile", profile: "gh" });
  const audience = await accessToken({ profile: "gh", audience: "graph" }, { ...s, fetch }).catch((e) => e);
  assert.deepEqual(remedyOf(audience), { action: "drop-option", option: "audience", provider: "github" });

  const ask = () => Promise.reject(new Error("must not ask"));
  assert.equal(await chooseProvider({ profile: "gh" }, { config: s.config, ask }), "github");
  assert.equal(await chooseProvider({ profile: "gh", entraOnly: true }, { config: s.config, ask }), "azure");
  assert.equal(await chooseProvider({ provider: "azure" }, { config: s.config, ask }), "azure");
  assert.equal(
    await chooseProvider({ profile: "nobody" }, { config: s.config, ask: () => Promise.resolve("github") }),
    "github",
  );
});
