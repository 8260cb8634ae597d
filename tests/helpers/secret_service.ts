/**
 * A private, real Secret Service for keyring tests: a session D-Bus daemon and gnome-keyring-daemon in a
 * temp HOME / XDG_RUNTIME_DIR, unlocked with a password on stdin. Nothing touches the user's own keyring.
 */

import { type Env, envFrom } from "../../lib/env.ts";
import { findOnPath } from "../../lib/auth/keyring/runner.ts";

/** A running private Secret Service (disposing stops it). */
export interface SecretService extends AsyncDisposable {
  /** The environment a helper needs to reach it (PATH, HOME, XDG_RUNTIME_DIR, DBUS_SESSION_BUS_ADDRESS). */
  env: Env;
  values: Record<string, string>;
  stop(): Promise<void>;
}

const TOOLS = ["dbus-daemon", "gnome-keyring-daemon", "secret-tool"];

/** Why the real Secret Service tests cannot run here, or undefined when they can. */
export function secretServiceMissing(): string | undefined {
  if (Deno.build.os !== "linux") return "the Secret Service tests run on Linux only";
  const env = envFrom({ PATH: Deno.env.get("PATH") });
  const missing = TOOLS.filter((t) => !findOnPath(t, env));
  return missing.length
    ? `skipped: ${missing.join(", ")} not installed (apt-get install libsecret-tools gnome-keyring dbus)`
    : undefined;
}

async function run(command: string, args: string[], env: Record<string, string>, stdin?: string) {
  const child = new Deno.Command(command, {
    args,
    env,
    clearEnv: true,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const out = await child.output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

/** Starts a bus and a keyring daemon; `unlock: false` leaves the keyring without an unlocked collection. */
export async function startSecretService(options: { unlock?: boolean } = {}): Promise<SecretService> {
  const root = await Deno.makeTempDir({ prefix: "ppx-keyring-" });
  const runtime = `${root}/run`;
  await Deno.mkdir(runtime, { mode: 0o700 });
  const base: Record<string, string> = {
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    HOME: root,
    XDG_RUNTIME_DIR: runtime,
  };
  const bus = await run("dbus-daemon", ["--session", "--fork", "--print-address=1", "--print-pid=1"], base);
  const [address, pidText] = bus.stdout.trim().split("\n");
  if (bus.code !== 0 || !address || !pidText) throw new Error(`dbus-daemon did not start: ${bus.stderr}`);
  const busPid = Number(pidText);
  const values = { ...base, DBUS_SESSION_BUS_ADDRESS: address };
  const keyring = options.unlock === false
    ? await run("gnome-keyring-daemon", ["--start", "--components=secrets"], values)
    : await run("gnome-keyring-daemon", ["--unlock", "--components=secrets"], values, "test-password");
  if (keyring.code !== 0) throw new Error(`gnome-keyring-daemon did not start: ${keyring.stderr}`);
  const service: SecretService = {
    env: envFrom(values),
    values,
    [Symbol.asyncDispose]: () => service.stop(),
    async stop() {
      // gnome-keyring-daemon exits when its session bus goes away.
      try {
        Deno.kill(busPid, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 100));
      await Deno.remove(root, { recursive: true }).catch(() => {});
    },
  };
  return service;
}
