import assert from "node:assert/strict";
import type { ConfigData } from "../../../lib/config/schema.ts";
import { resolveDataverseHost } from "../../../lib/dataverse/host.ts";
import { envFrom } from "../../../lib/env.ts";
import { ConfigError } from "../../../lib/errors.ts";

const doc = {
  version: 1,
  default: "work",
  dataverse_host: "file.crm.dynamics.com",
  profiles: {
    work: { name: "work", provider: "azure", dataverse_host: "work.crm.dynamics.com" },
    gh: { name: "gh", provider: "github" },
  },
} as unknown as ConfigData;

Deno.test("host resolution: flag, then DATAVERSE_HOST, then the profile's host, then the file's", async () => {
  const config = () => Promise.resolve(doc);
  const env = envFrom({ DATAVERSE_HOST: "env.crm.dynamics.com" });
  const none = envFrom({});
  assert.deepEqual(await resolveDataverseHost({ flag: "flag.crm.dynamics.com", env, config }), {
    url: "https://flag.crm.dynamics.com",
    audience: "https://flag.crm.dynamics.com",
    source: "flag",
  });
  assert.equal((await resolveDataverseHost({ env, config })).url, "https://env.crm.dynamics.com");
  assert.equal(
    (await resolveDataverseHost({ env: envFrom({ PACX_DATAVERSE_HOST: "pacx.crm.dynamics.com" }), config }))
      .url,
    "https://pacx.crm.dynamics.com",
  );
  assert.equal((await resolveDataverseHost({ env: none, config })).url, "https://work.crm.dynamics.com");
  assert.equal(
    (await resolveDataverseHost({ env: none, config, profile: "gh" })).url,
    "https://file.crm.dynamics.com",
  );
});

Deno.test("host resolution: nothing set is ConfigError config.no-host; the config is not read when not needed", async () => {
  const error = await resolveDataverseHost({ env: envFrom({}), config: () => Promise.resolve(undefined) })
    .then(() => undefined, (e) => e);
  assert.ok(error instanceof ConfigError);
  assert.equal(error.code, "config.no-host");
  await resolveDataverseHost({
    flag: "x.crm.dynamics.com",
    env: envFrom({}),
    config: () => assert.fail("read"),
  });
});
