/**
 * The doctor use-case against an emulated org over HTTP, signed in with a raw token: the checks pass;
 * the next steps the CLI words (a flag, a command) come back as data (`fix`), never as flag names.
 */

import assert from "node:assert/strict";
import { EntraTokens } from "../../../lib/auth/entra/chain.ts";
import { KeyringError } from "../../../lib/auth/keyring/errors.ts";
import { SecretStore } from "../../../lib/auth/secrets/store.ts";
import { ManualClock } from "../../../lib/clock.ts";
import { configPaths } from "../../../lib/config/paths.ts";
import { ConfigStore } from "../../../lib/config/store.ts";
import { type DoctorDeps, runDoctor } from "../../../lib/doctor/checks.ts";
import { envFrom } from "../../../lib/env.ts";
import { HttpClient } from "../../../lib/http/client.ts";
import { tempConfig } from "../../helpers/config.ts";
import { startOrg } from "../../helpers/dataverse.ts";

const noKeyring = () => new KeyringError("no-service", "no Secret Service here", "install one");

Deno.test("doctor use-case: the checks over HTTP; fixes as data", async (t) => {
  await using org = await startOrg();
  await using cfg = await tempConfig();
  const env = envFrom({ PPX_CONFIG_DIR: cfg.dir, PPX_ACCESS_TOKEN: org.token });
  const clock = new ManualClock(Date.now());
  const config = new ConfigStore({ paths: configPaths(env, undefined), env });
  const keyring = () => ({
    backend: "secret-service" as const,
    get: () => Promise.reject(noKeyring()),
    set: () => Promise.reject(noKeyring()),
    delete: () => Promise.resolve(false),
  });
  const secrets = new SecretStore({ env, config, keyring });
  const deps: DoctorDeps = {
    env,
    clock,
    fetch,
    config,
    keyring,
    tokens: new EntraTokens({ env, deps: { config, secrets, env, fetch, clock } }),
    dataverse: (url) =>
      new HttpClient({ baseUrl: url, token: { getToken: () => Promise.resolve(org.token) } }),
  };
  const by = (results: Awaited<ReturnType<typeof runDoctor>>, check: string) =>
    results.find((r) => r.check === check)!;

  await t.step("with the org's host, WhoAmI answers", async () => {
    const results = await runDoctor({ host: org.emu.url }, deps);
    const dv = by(results, "dataverse");
    assert.equal(dv.status, "ok", dv.detail);
    assert.match(dv.detail, /^http:\/\/127\.0\.0\.1:\d+ reachable; UserId [0-9a-f-]{36}$/);
  });
  await t.step(
    "skipped on request, or no host known: a fix for the CLI to word, no flag in lib's text",
    async () => {
      const skipped = by(await runDoctor({ host: org.emu.url, skipDataverse: true }, deps), "dataverse");
      assert.deepEqual(skipped, {
        check: "dataverse",
        status: "skip",
        detail: `skipped; host ${org.emu.url}`,
        fix: "dataverse-skipped",
      });
      const none = by(await runDoctor({}, deps), "dataverse");
      assert.deepEqual([none.status, none.fix, none.hint], ["skip", "no-dataverse-host", undefined]);
    },
  );
});
