/**
 * `ppx emulator start --persist` as a real process, written to while it is signalled: used by the
 * shutdown test and the chaos suite.
 */

import { assert } from "./assert.ts";
import { PPX_PERMISSIONS, ROOT } from "./cli.ts";
import { tempDir } from "./fixtures.ts";

/** A running `ppx emulator start --persist state.json --token-file token.txt` process in `dir`. */
export interface EmulatorProcess {
  child: Deno.ChildProcess;
  /** The stdout reader (released by the caller once the process ended). */
  reader: ReadableStreamDefaultReader<string>;
  /** The emulator's URL, read from its "listening on" line. */
  url: string;
}

/** A running `ppx emulator start ...` process, read up to its "Ready." line; disposing it stops it. */
export interface StartedEmulatorProcess extends AsyncDisposable {
  child: Deno.ChildProcess;
  /** The stdout reader (released on disposal, or by the caller once the process ended). */
  reader: ReadableStreamDefaultReader<string>;
  /** What stdout printed up to "Ready.". */
  out: string;
  /** The emulator's URL, from its "listening on" line (undefined when it never said so). */
  url?: string;
}

/**
 * Starts `ppx emulator start ARGS` as a real process with the documented permissions in `cwd` and reads its
 * stdout up to "Ready.". `env` is added to `NO_COLOR=1` (or is the whole environment with `clearEnv`).
 */
export async function startEmulatorProcess(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; clearEnv?: boolean },
): Promise<StartedEmulatorProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...PPX_PERMISSIONS, `${ROOT}cli/main.ts`, "emulator", "start", ...args],
    cwd: options.cwd,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", ...options.env },
    clearEnv: options.clearEnv ?? false,
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!out.includes("Ready.")) {
    const { value, done } = await reader.read();
    if (done) break;
    out += value;
  }
  const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
  return {
    child,
    reader,
    out,
    url,
    async [Symbol.asyncDispose]() {
      try {
        child.kill("SIGTERM");
      } catch {
        // already ended
      }
      await child.status;
      reader.releaseLock();
      await child.stdout.cancel().catch(() => {});
      await child.stderr.cancel().catch(() => {});
    },
  };
}

/** Starts the emulator with `--persist state.json --token-file token.txt` in `dir`, and waits for "Ready.". */
export async function startPersistingEmulator(dir: string): Promise<EmulatorProcess> {
  const { child, reader, out, url } = await startEmulatorProcess(
    ["--persist", "state.json", "--token-file", "token.txt"],
    { cwd: dir },
  );
  assert(url, out);
  return { child, reader, url };
}

/** Starts the emulator, writes records until told to stop, signals it mid-stream; returns what it found. */
export async function signalWhileWriting(
  signal: "SIGTERM" | "SIGINT",
  afterMs: number,
): Promise<{ code: number; acknowledged: string[]; saved: string[]; temps: string[]; stderr: string }> {
  await using dirTemp = await tempDir("ppx-emu-stop-");
  const dir = dirTemp.path;
  const { child, reader, url } = await startPersistingEmulator(dir);
  const token = (await Deno.readTextFile(`${dir}/token.txt`)).trim();
  const acknowledged: string[] = [];
  let stopped = false;
  const writer = (async () => {
    for (let i = 0; !stopped; i++) {
      const name = `Row ${i}`;
      try {
        const r = await fetch(`${url}/api/data/v9.2/accounts`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ name }),
        });
        await r.body?.cancel();
        if (r.ok) acknowledged.push(name);
      } catch {
        return; // the emulator is gone
      }
    }
  })();
  await new Promise((r) => setTimeout(r, afterMs));
  child.kill(signal);
  const status = await child.status;
  stopped = true;
  await writer;
  reader.releaseLock();
  await child.stdout.cancel().catch(() => {});
  const stderr = await new Response(child.stderr).text();
  const names = (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name);
  let saved: string[] = [];
  if (names.includes("state.json")) {
    saved = JSON.parse(await Deno.readTextFile(`${dir}/state.json`)).accounts.map((a: { name: string }) =>
      a.name
    );
  }
  return { code: status.code, acknowledged, saved, temps: names.filter((n) => n.endsWith(".tmp")), stderr };
}
