/**
 * A separate process that updates a config, for the concurrency and crash tests.
 * Usage: config_worker.ts <dir> <profile> [crash]
 */

import { ConfigStore } from "../../lib/config/store.ts";
import { configPaths } from "../../lib/config/paths.ts";
import { envFrom } from "../../lib/env.ts";

const [dir, name, mode] = Deno.args;
const env = envFrom({
  PPX_CONFIG_DIR: dir,
  PACX_CONFIG_ENCRYPTION_KEY: Deno.env.get("PACX_CONFIG_ENCRYPTION_KEY"),
});
const store = new ConfigStore({
  paths: configPaths(env, undefined),
  env,
  lockTimeoutMs: 60_000,
  faults: mode === "crash" ? { beforeRename: () => Deno.exit(3) } : undefined,
});
await store.update((doc) => {
  doc.profiles[name] = { name, provider: "azure", tenant_id: `tenant-${name}`, refresh_token: `rt-${name}` };
  doc.counter = (typeof doc.counter === "number" ? doc.counter : 0) + 1;
});
