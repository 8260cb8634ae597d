/** The `ppx profile` use-cases against a real config directory and secret store: no CLI, no context. */

import assert from "node:assert/strict";
import { secretServiceKeyring } from "../../../lib/auth/keyring/linux.ts";
import type { Keyring } from "../../../lib/auth/keyring/keyring.ts";
import { denoRunner } from "../../../lib/auth/keyring/runner.ts";
import {
  removeProfile,
  renameProfileAndSecrets,
  setDefaultEnvironment,
  setDefaultHost,
  useDefaultProfile,
} from "../../../lib/auth/profiles/manage.ts";
import { listProfiles, showProfile } from "../../../lib/auth/profiles/view.ts";
import { SecretStore } from "../../../lib/auth/secrets/store.ts";
import type { ConfigStore } from "../../../lib/config/store.ts";
import { envFrom } from "../../../lib/env.ts";
import { CancelledError, InvalidValueError, NotFoundError, UsageError } from "../../../lib/errors.ts";
import { tempConfig } from "../../helpers/config.ts";

/** A keyring whose helper is absent: the real "not installed" path. */
const noKeyring = (): Keyring => secretServiceKeyring(denoRunner(envFrom({ PATH: "/nonexistent" })));

async function twoProfiles(config: ConfigStore): Promise<SecretStore> {
  const secrets = new SecretStore({ env: envFrom({}), keyring: noKeyring, config });
  await secrets.setSecret("config:client-secret:work", "s3cret");
  await config.update((doc) => {
    doc.profiles.work = {
      name: "work",
      provider: "azure",
      flow: "client-credential",
      tenant_id: "t1",
      client_id: "c1",
      secret_refs: {
        client_secret: "config:client-secret:work",
        refresh_token: "keyring:ppx:refresh-token:work",
      },
    };
    doc.profiles.gh = { name: "gh", provider: "github", flow: "device", token: { account: "octo" } };
    doc.default = "work";
    doc.default_github = "gh";
  });
  return secrets;
}

Deno.test("profiles: list marks each provider's default; show describes where secrets live, never them", async () => {
  await using t = await tempConfig();
  const config = t.store();
  const secrets = await twoProfiles(config);
  const { doc } = await config.load();
  assert.deepEqual(listProfiles({}, { doc }).map((r) => [r.name, r.default, r.provider, r.account]), [
    ["gh", true, "github", "octo"],
    ["work", true, "azure", null],
  ]);
  const shown = showProfile({}, { doc, secrets });
  assert.equal(shown?.name, "work");
  assert.deepEqual(shown?.secrets.map((s) => [s.purpose, s.storage]), [
    ["client_secret", "plaintext"], // a config secret without an encryption key
    ["refresh_token", "keyring"],
  ]);
  assert.ok(!JSON.stringify(shown).includes("s3cret"));
  assert.equal(showProfile({ name: "gh" }, { doc, secrets })?.secrets.length, 0);
  assert.throws(() => showProfile({ name: "nope" }, { doc, secrets }), NotFoundError);
  assert.equal(showProfile({}, { doc: { ...doc, default: null, default_github: null }, secrets }), undefined);
});

Deno.test("profiles: use, set-env and set-host change the config; a bad environment id carries the value", async () => {
  await using t = await tempConfig();
  const config = t.store();
  await twoProfiles(config);
  await config.update((doc) => {
    doc.profiles.side = { name: "side", provider: "azure" };
  });
  assert.deepEqual(await useDefaultProfile({ name: "side" }, { config }), { default: "side" });
  assert.deepEqual(await setDefaultEnvironment({ environmentId: " Default-abc " }, { config }), {
    environment_id: "Default-abc",
    profile: null,
  });
  assert.deepEqual(
    await setDefaultHost({ host: "https://w.crm.dynamics.com/", profile: "work" }, { config }),
    {
      dataverse_host: "w.crm.dynamics.com",
      profile: "work",
    },
  );
  const { doc } = await config.load();
  assert.deepEqual([doc.default, doc.default_github, doc.environment_id], ["side", "gh", "Default-abc"]);
  assert.equal(doc.profiles.work.dataverse_host, "w.crm.dynamics.com");

  const bad = await setDefaultEnvironment({ environmentId: "no spaces" }, { config }).catch((e) => e);
  assert.ok(bad instanceof InvalidValueError);
  assert.equal(bad.value, "no spaces");
  await assert.rejects(setDefaultHost({ host: "h.example", profile: "ghost" }, { config }), NotFoundError);
  await assert.rejects(useDefaultProfile({ name: "ghost" }, { config }), NotFoundError);
});

Deno.test("profiles: delete asks only for an existing profile, removes its file secrets and reports keyring leftovers", async () => {
  await using t = await tempConfig();
  const config = t.store();
  const secrets = await twoProfiles(config);
  const asked: string[] = [];
  const confirm = (name: string) => {
    asked.push(name);
    return Promise.resolve();
  };
  await assert.rejects(removeProfile({ name: "ghost" }, { config, secrets, confirm }), NotFoundError);
  assert.deepEqual(asked, []);
  const declined = () => Promise.reject(new CancelledError("Nothing deleted."));
  await assert.rejects(
    removeProfile({ name: "work" }, { config, secrets, confirm: declined }),
    CancelledError,
  );
  assert.ok((await config.load()).doc.profiles.work);

  const done = await removeProfile({ name: "work" }, { config, secrets, confirm });
  assert.deepEqual(asked, ["work"]);
  assert.equal(done.deleted, "work");
  // No keyring helper here: the keyring entry is reported, the profile and its file secret are gone.
  assert.deepEqual(done.failures.map((f) => f.spec), ["keyring:ppx:refresh-token:work"]);
  const { doc } = await config.load();
  assert.equal(doc.profiles.work, undefined);
  assert.equal(doc.default, null);
  assert.equal(await secrets.getSecret("config:client-secret:work"), undefined);
});

Deno.test("profiles: rename keeps the default and moves file secrets; an existing target name is refused", async () => {
  await using t = await tempConfig();
  const config = t.store();
  const secrets = await twoProfiles(config);
  await assert.rejects(renameProfileAndSecrets({ from: "work", to: "gh" }, { config, secrets }), UsageError);
  const done = await renameProfileAndSecrets({ from: "work", to: "job" }, { config, secrets });
  assert.deepEqual([done.renamed, done.to], ["work", "job"]);
  const { doc } = await config.load();
  assert.equal(doc.default, "job");
  assert.equal(doc.profiles.job.secret_refs?.client_secret, "config:client-secret:job");
  assert.equal(await secrets.getSecret("config:client-secret:job"), "s3cret");
});
