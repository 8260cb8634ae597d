/**
 * Encrypting and decrypting a config with 50 profiles (two tokens each): the first write (PBKDF2 +
 * 100 AES-GCM seals + atomic locked write), a second write, a fresh load + decrypt of all 100 values,
 * and the count of PBKDF2 derivations, which stays at one per process.
 */

import { ConfigStore } from "../lib/config/store.ts";
import { configPaths } from "../lib/config/paths.ts";
import { kdfRuns } from "../lib/config/key.ts";
import { envFrom } from "../lib/env.ts";

/** Case name. */
export const name = "config";

const PROFILES = 50;

function store(dir: string, key: string): ConfigStore {
  const env = envFrom({ PPX_CONFIG_DIR: dir, PACX_CONFIG_ENCRYPTION_KEY: key });
  return new ConfigStore({ paths: configPaths(env, undefined), env });
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

async function measure(label: string, key: string): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "ppx-bench-" });
  try {
    const runsBefore = kdfRuns();
    const [, first] = await time(() =>
      store(dir, key).update((doc) => {
        for (let i = 0; i < PROFILES; i++) {
          doc.profiles[`p${i}`] = {
            name: `p${i}`,
            provider: "azure",
            tenant_id: crypto.randomUUID(),
            access_token: `eyJ.${crypto.randomUUID().repeat(30)}`,
            refresh_token: `0.A${crypto.randomUUID().repeat(20)}`,
          };
        }
      })
    );
    const [, second] = await time(() =>
      store(dir, key).update((doc) => void (doc.profiles.p0.flow = "device"))
    );
    const [count, decrypt] = await time(async () => {
      const s = store(dir, key);
      const { doc } = await s.load();
      let n = 0;
      for (const p of Object.values(doc.profiles)) {
        await s.reveal(doc, p.access_token!);
        await s.reveal(doc, p.refresh_token!);
        n += 2;
      }
      return n;
    });
    const size = (await Deno.stat(`${dir}/config.json`)).size;
    console.log(
      `${label}: first write (derive + seal ${PROFILES * 2} values) ${first.toFixed(1)} ms; ` +
        `second write ${second.toFixed(1)} ms; load + decrypt ${count} values ${decrypt.toFixed(1)} ms; ` +
        `file ${(size / 1024).toFixed(1)} KiB; PBKDF2 runs ${kdfRuns() - runsBefore}`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Runs the case. */
export async function run(): Promise<void> {
  await measure("passphrase (PBKDF2-SHA256, 600,000 iterations)", "bench passphrase");
  const raw = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))
    .replaceAll("+", "-").replaceAll("/", "_");
  await measure("raw 32-byte key", raw);
  console.log(`PBKDF2 derivations in this process: ${kdfRuns()} (one per passphrase and salt)`);
}
