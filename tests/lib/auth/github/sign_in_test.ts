/** `signInGitHub` against the emulated GitHub over HTTP: no CLI, no context, questions injected. */

import assert from "node:assert/strict";
import { signInGitHub } from "../../../../lib/auth/github/sign_in.ts";
import { remedyOf } from "../../../../lib/auth/remedy.ts";
import { SecretStore } from "../../../../lib/auth/secrets/store.ts";
import { KeyringError } from "../../../../lib/auth/keyring/errors.ts";
import { envFrom } from "../../../../lib/env.ts";
import { UsageError } from "../../../../lib/errors.ts";
import { HttpClient } from "../../../../lib/http/client.ts";
import { tempConfig } from "../../../helpers/config.ts";
import { GITHUB_APP, startGitHub } from "../../../helpers/github.ts";

const noKeyring = () => new KeyringError("no-service", "no Secret Service here", "install one");

Deno.test("signInGitHub: a new profile by device flow, then again with the settings it stored; questions only for what is missing", async () => {
  await using fx = await startGitHub({ approveAfterPolls: 0 });
  await using cfg = await tempConfig();
  const env = envFrom({});
  const config = cfg.store();
  const secrets = new SecretStore({
    env,
    config,
    keyring: () => ({
      backend: "secret-service",
      get: () => Promise.reject(noKeyring()),
      set: () => Promise.reject(noKeyring()),
      delete: () => Promise.resolve(false),
    }),
  });
  const asked: string[] = [];
  const codes: string[] = [];
  const deps = {
    config,
    secrets,
    http: new HttpClient({ clock: fx.clock }),
    clock: fx.clock,
    env,
    interaction: { onDeviceCode: (p: { userCode: string }) => void codes.push(p.userCode) },
    ask: {
      clientId: () => {
        asked.push("clientId");
        return Promise.resolve(GITHUB_APP.clientId);
      },
      clientSecret: () => Promise.reject(new Error("the device flow needs no secret")),
    },
  };
  const first = await signInGitHub({ profile: "gh", hostname: fx.url, scopes: ["repo"] }, deps);
  assert.deepEqual(asked, ["clientId"]);
  assert.equal(codes.length, 1);
  assert.equal(first.profile, "gh");
  assert.equal(first.account, "octocat");
  assert.equal(first.isDefault, true);
  const { doc } = await config.load();
  assert.equal(doc.profiles.gh.client_id, GITHUB_APP.clientId);
  assert.equal(doc.profiles.gh.host, fx.url);

  // Again: client id and host come from the profile; nothing is asked.
  const again = await signInGitHub({ profile: "gh" }, deps);
  assert.deepEqual(asked, ["clientId"]);
  assert.equal(again.host, fx.url);
  assert.equal(codes.length, 2);
});

Deno.test("signInGitHub: an Azure profile's name and an empty client id are usage errors with remedies, before any sign-in", async () => {
  await using cfg = await tempConfig();
  const env = envFrom({});
  const config = cfg.store();
  await config.update((doc) => {
    doc.profiles.work = { name: "work", provider: "azure" };
  });
  const deps = {
    config,
    secrets: new SecretStore({ env, config, keyring: () => Promise.reject(noKeyring()) as never }),
    http: new HttpClient(),
    clock: { now: () => 0, sleep: () => Promise.resolve() },
    env,
    interaction: { onDeviceCode: () => assert.fail("no sign-in") },
    ask: { clientId: () => Promise.resolve("  "), clientSecret: () => Promise.resolve("") },
  };
  const azure = await signInGitHub({ profile: "work" }, deps).catch((e) => e);
  assert.ok(azure instanceof UsageError);
  assert.equal(azure.message, "Profile 'work' is an Azure profile.");
  assert.deepEqual(remedyOf(azure), { action: "github-other-name", profile: "work" });
  const noId = await signInGitHub({ profile: "gh" }, deps).catch((e) => e);
  assert.equal(noId.message, "A client id is required.");
  assert.deepEqual(remedyOf(noId), { action: "pass-option", option: "clientId" });
});
