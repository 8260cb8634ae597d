/**
 * The few Node built-ins commander's ESM source imports, implemented on Deno's own APIs. Importing any
 * `node:` module starts Deno's Node compatibility layer (15–25 ms before the first command runs, measured
 * in `deno task bench startup`); commander needs only an event emitter, environment reads and help-text
 * helpers from it. Executable subcommands (the part that spawns processes) are not used by ppx and fail
 * loudly here. See docs/adr/0023-commander-without-node-layer.md.
 *
 * @module
 */

type Listener = (...args: unknown[]) => void;

/** The part of Node's EventEmitter commander and ppx use: on, emit, listeners, listenerCount. */
export class EventEmitter {
  #listeners = new Map<string | symbol, Listener[]>();

  /** Adds a listener. */
  on(event: string | symbol, listener: Listener): this {
    const list = this.#listeners.get(event);
    if (list) list.push(listener);
    else this.#listeners.set(event, [listener]);
    return this;
  }

  /** Calls the listeners of `event` in order; false when there were none. */
  emit(event: string | symbol, ...args: unknown[]): boolean {
    const list = this.#listeners.get(event);
    if (!list?.length) return false;
    for (const listener of [...list]) listener.apply(this, args);
    return true;
  }

  /** A copy of the listeners of `event`, in order. */
  listeners(event: string | symbol): Listener[] {
    return [...(this.#listeners.get(event) ?? [])];
  }

  /** How many listeners `event` has. */
  listenerCount(event: string | symbol): number {
    return this.#listeners.get(event)?.length ?? 0;
  }
}

function unsupported(): never {
  throw new Error("ppx does not use commander's executable subcommands");
}

/** node:child_process: only executable subcommands spawn. */
export const childProcess = { spawn: unsupported };

/** node:fs: only executable subcommands look for files. */
export const fs = { existsSync: unsupported, realpathSync: unsupported };

function basename(path: string, ext?: string): string {
  const base = path.replace(/[\\/]+$/, "").split(/[\\/]/).pop() ?? "";
  return ext && base.endsWith(ext) && base !== ext ? base.slice(0, -ext.length) : base;
}

function extname(path: string): string {
  const base = basename(path);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot) : "";
}

/** node:path: commander names a command from a file name (`nameFromFilename`) with these two. */
export const path = { basename, extname, resolve: unsupported, dirname: unsupported };

function readEnv(name: string | symbol): string | undefined {
  if (typeof name !== "string") return undefined;
  try {
    return Deno.env.get(name);
  } catch {
    // Without --allow-env for this name, commander sees it unset (it only reads option env vars and NO_COLOR).
    return undefined;
  }
}

/** Environment reads on demand, so no permission is asked for variables nobody reads. */
const env = new Proxy({} as Record<string, string | undefined>, {
  get: (_target, name) => readEnv(name),
  has: (_target, name) => readEnv(name) !== undefined,
});

const encoder = new TextEncoder();

function stream(target: { writeSync(p: Uint8Array): number }) {
  return {
    isTTY: false,
    write(text: string): boolean {
      const bytes = encoder.encode(text);
      for (let done = 0; done < bytes.length;) done += target.writeSync(bytes.subarray(done));
      return true;
    },
  };
}

/**
 * node:process as commander uses it. ppx parses with `{ from: "user" }`, overrides exit (`exitOverride`)
 * and output (`configureOutput`), so argv, exit and the streams are only defaults here.
 */
export const process = {
  argv: [] as string[],
  execArgv: [] as string[],
  execPath: "",
  versions: {} as Record<string, string>,
  platform: Deno.build.os === "windows" ? "win32" : Deno.build.os,
  env,
  exitCode: undefined as number | undefined,
  exit(code?: number): never {
    // cli/main.ts is the one place that exits; every command has exitOverride, so this is never reached.
    throw new Error(`commander tried to exit (${code ?? 0}) outside exitOverride`);
  },
  on: unsupported,
  stdout: stream(Deno.stdout),
  stderr: stream(Deno.stderr),
};

// ECMA-48 CSI and OSC sequences: what help text may carry when a description is colored.
// deno-lint-ignore no-control-regex
const CONTROL = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** node:util's stripVTControlCharacters, for the help formatter's width arithmetic. */
export function stripVTControlCharacters(text: string): string {
  return text.replace(CONTROL, "");
}
