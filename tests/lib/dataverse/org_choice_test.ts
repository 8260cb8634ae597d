/** `chooseDataverseOrg`: the host order, and what a missing host says about a GitHub default profile. */

import assert from "node:assert/strict";
import type { ConfigData } from "../../../lib/config/schema.ts";
import { chooseDataverseOrg, NoDataverseHostError } from "../../../lib/dataverse/org_choice.ts";
import { envFrom } from "../../../lib/env.ts";

const doc = (extra: Partial<ConfigData>): ConfigData =>
  ({ version: 1, profiles: {}, ...extra }) as ConfigData;

Deno.test("org choice: flag, then DATAVERSE_HOST, then the profile's host", async () => {
  const config = () =>
    Promise.resolve(doc({
      default: "work",
      profiles: { work: { name: "work", provider: "azure", dataverse_host: "w.crm.dynamics.com" } },
    }));
  const env = envFrom({ DATAVERSE_HOST: "http://127.0.0.1:8080" });
  assert.deepEqual(await chooseDataverseOrg({ flag: "f.crm.dynamics.com", env, config }), {
    url: "https://f.crm.dynamics.com",
    audience: "https://f.crm.dynamics.com",
    source: "flag",
  });
  assert.equal((await chooseDataverseOrg({ env, config })).url, "http://127.0.0.1:8080");
  assert.deepEqual(await chooseDataverseOrg({ env: envFrom({}), config }), {
    url: "https://w.crm.dynamics.com",
    audience: "https://w.crm.dynamics.com",
    source: "config",
  });
});

Deno.test("org choice: no host anywhere carries the GitHub default that explains it, and nothing else", async () => {
  const github = () =>
    Promise.resolve(doc({ default_github: "gh", profiles: { gh: { name: "gh", provider: "github" } } }));
  const missing = await chooseDataverseOrg({ env: envFrom({}), config: github }).catch((e) => e);
  assert.ok(missing instanceof NoDataverseHostError);
  assert.equal(missing.code, "config.no-host");
  assert.equal(missing.message, "No Dataverse host is set.");
  assert.equal(missing.githubDefault, "gh");
  // A profile was named: the default is not why.
  const named = await chooseDataverseOrg({ env: envFrom({}), config: github, profile: "gh" }).catch((e) => e);
  assert.equal(named.githubDefault, undefined);
  // No config directory at all.
  const none = await chooseDataverseOrg({ env: envFrom({}), config: () => Promise.resolve(undefined) })
    .catch((e) => e);
  assert.ok(none instanceof NoDataverseHostError);
  assert.equal(none.githubDefault, undefined);
});
