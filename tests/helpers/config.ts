/** Temp config directories and stores for config and secrets tests. */

import { ConfigStore } from "../../lib/config/store.ts";
import { configPaths } from "../../lib/config/paths.ts";
import { envFrom } from "../../lib/env.ts";

/** A temp directory holding one config dir; remove it with `cleanup()` or by disposing it. */
export interface TempConfig extends AsyncDisposable {
  root: string;
  dir: string;
  file: string;
  warnings: string[];
  store(env?: Record<string, string>): ConfigStore;
  cleanup(): Promise<void>;
}

/** Makes a temp config dir (not yet created: the store creates it 0700). */
export async function tempConfig(): Promise<TempConfig> {
  const root = await Deno.makeTempDir({ prefix: "ppx-config-" });
  const dir = `${root}/cfg`;
  const warnings: string[] = [];
  return {
    root,
    dir,
    file: `${dir}/config.json`,
    warnings,
    store: (env = {}) => {
      const e = envFrom({ PPX_CONFIG_DIR: dir, ...env });
      return new ConfigStore({ paths: configPaths(e, root), env: e, warn: (m) => warnings.push(m) });
    },
    cleanup: () => Deno.remove(root, { recursive: true }),
    [Symbol.asyncDispose]: () => Deno.remove(root, { recursive: true }).catch(() => {}),
  };
}

/** Copies a fixture from tests/fixtures/config into a config dir as config.json. */
export async function installFixture(name: string, dir: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  const text = await Deno.readTextFile(new URL(`../fixtures/config/${name}`, import.meta.url));
  await Deno.writeTextFile(`${dir}/config.json`, text, { mode: 0o600 });
}

/** The plaintext values the legacy fixtures hold. */
export async function legacyExpected(): Promise<
  { raw_key: string; passphrase: string; access_token: string; refresh_token: string }
> {
  return JSON.parse(
    await Deno.readTextFile(new URL("../fixtures/config/legacy_expected.json", import.meta.url)),
  );
}
