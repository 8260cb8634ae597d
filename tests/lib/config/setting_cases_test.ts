/** The `ppx config` use-cases against a real config directory: no CLI, no context. */

import assert from "node:assert/strict";
import {
  configLocation,
  getSetting,
  listSettings,
  setSetting,
  unsetSetting,
} from "../../../lib/config/setting_cases.ts";
import { envFrom } from "../../../lib/env.ts";
import { NotFoundError, UsageError } from "../../../lib/errors.ts";
import { tempConfig } from "../../helpers/config.ts";

Deno.test("settings: set normalises and stores, get resolves flag > env > profile > file > default, unset removes", async () => {
  await using t = await tempConfig();
  const config = t.store();
  assert.deepEqual(await setSetting({ key: "cloud", value: " mooncake " }, { config }), {
    key: "cloud",
    value: "china",
  });
  assert.deepEqual(
    await setSetting({ key: "dataverse_host", value: "https://a.crm.dynamics.com/" }, { config }),
    {
      key: "dataverse_host",
      value: "a.crm.dynamics.com",
    },
  );
  await config.update((doc) => {
    doc.profiles.work = { name: "work", provider: "azure", dataverse_host: "w.crm.dynamics.com" };
  });
  const read = async (env: Record<string, string> = {}) => ({
    doc: (await config.load()).doc,
    env: envFrom(env),
  });
  assert.deepEqual(getSetting({ key: "dataverse_host" }, await read()), {
    key: "dataverse_host",
    value: "a.crm.dynamics.com",
    source: "file",
  });
  assert.equal(getSetting({ key: "dataverse_host", profile: "work" }, await read()).source, "profile");
  assert.deepEqual(getSetting({ key: "dataverse_host" }, await read({ DATAVERSE_HOST: "e.example" })), {
    key: "dataverse_host",
    value: "e.example",
    source: "env",
    from: "DATAVERSE_HOST",
  });
  assert.equal(getSetting({ key: "environment_id" }, await read()).value, null);

  const rows = listSettings({}, await read());
  assert.deepEqual(rows.map((r) => r.key), [
    "default_profile",
    "dataverse_host",
    "environment_id",
    "cloud",
    "token_storage",
  ]);
  assert.deepEqual(rows.find((r) => r.key === "token_storage"), {
    key: "token_storage",
    value: "auto",
    source: "default",
    from: null,
  });

  assert.deepEqual(await unsetSetting({ key: "cloud" }, { config }), { key: "cloud", removed: true });
  assert.deepEqual(await unsetSetting({ key: "cloud" }, { config }), { key: "cloud", removed: false });
  assert.equal((await config.load()).doc.cloud, undefined);
});

Deno.test("settings: unknown keys, bad values and an unknown default profile change nothing", async () => {
  await using t = await tempConfig();
  const config = t.store();
  await assert.rejects(setSetting({ key: "colour", value: "x" }, { config }), UsageError);
  await assert.rejects(setSetting({ key: "token_storage", value: "cloud" }, { config }), /not a valid value/);
  await assert.rejects(setSetting({ key: "default_profile", value: "ghost" }, { config }), NotFoundError);
  assert.deepEqual((await config.load()).doc.profiles, {});
  assert.equal((await config.load()).doc.default ?? null, null);
});

Deno.test("settings: the location is the store's file and what chose its directory", async () => {
  await using t = await tempConfig();
  assert.deepEqual(configLocation({}, { paths: t.store().paths }), {
    file: t.file,
    dir: t.dir,
    source: "PPX_CONFIG_DIR",
  });
});
