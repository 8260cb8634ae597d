/**
 * How keyring helpers run: an injectable command runner, so tests can see the exact argv and stdin a
 * helper produces, and the real runner (Deno.Command) can be pointed at a private session bus.
 *
 * Permissions: `--allow-run` for the helper (`secret-tool`, `security`, `powershell.exe`).
 *
 * @module
 */

import type { Env } from "../../env.ts";

/** One helper invocation. */
export interface CommandRequest {
  /** The program, by name; the runner finds it on PATH. */
  command: string;
  /** Arguments (never a secret). */
  args: string[];
  /** Text for the helper's stdin (secrets travel here, never in args). */
  stdin?: string;
  /** Extra environment for the child. */
  env?: Record<string, string>;
  /** Kill the helper after this many milliseconds. */
  timeoutMs: number;
}

/** What the helper did. */
export interface CommandResult {
  /** Exit code; -1 when killed by the timeout. */
  code: number;
  /** Captured stdout. */
  stdout: string;
  /** Captured stderr. */
  stderr: string;
  /** True when the timeout killed it. */
  timedOut?: boolean;
  /** True when the program is not installed (not on PATH). */
  notFound?: boolean;
}

/** Runs helper programs. */
export type CommandRunner = (request: CommandRequest) => Promise<CommandResult>;

/** The default helper timeout: a keyring that does not answer in 3 s is waiting for a person. */
export const KEYRING_TIMEOUT_MS = 3_000;

/**
 * The real runner. The child sees only the variables a helper needs, taken from `env` (never from the
 * process implicitly), so tests can point it at a private D-Bus session.
 */
export function denoRunner(env: Env): CommandRunner {
  return async (request) => {
    const passed: Record<string, string> = {};
    for (
      const name of [
        "PATH",
        "HOME",
        "USER",
        "LOGNAME",
        "DBUS_SESSION_BUS_ADDRESS",
        "XDG_RUNTIME_DIR",
        "DISPLAY",
        "WAYLAND_DISPLAY",
        "SystemRoot",
        "USERPROFILE",
        "APPDATA",
        "LOCALAPPDATA",
        "TEMP",
        "TMP",
      ]
    ) {
      const v = env.get(name);
      if (v !== undefined) passed[name] = v;
    }
    const program = findOnPath(request.command, env);
    if (!program) return { code: 127, stdout: "", stderr: "", notFound: true };
    const signal = AbortSignal.timeout(request.timeoutMs);
    try {
      const child = new Deno.Command(program, {
        args: request.args,
        env: { ...passed, ...request.env },
        clearEnv: true,
        stdin: request.stdin === undefined ? "null" : "piped",
        stdout: "piped",
        stderr: "piped",
        signal,
      }).spawn();
      if (request.stdin !== undefined) {
        const writer = child.stdin.getWriter();
        await writer.write(new TextEncoder().encode(request.stdin)).catch(() => {});
        await writer.close().catch(() => {});
      }
      const out = await child.output();
      const decoder = new TextDecoder();
      return {
        code: signal.aborted ? -1 : out.code,
        stdout: decoder.decode(out.stdout),
        stderr: decoder.decode(out.stderr),
        timedOut: signal.aborted,
      };
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return { code: 127, stdout: "", stderr: "", notFound: true };
      throw error;
    }
  };
}

/** Finds a program on the PATH from `env` (with Windows extensions); undefined when absent. */
export function findOnPath(command: string, env: Env): string | undefined {
  const windows = Deno.build.os === "windows";
  if (command.includes("/") || (windows && command.includes("\\"))) return command;
  const path = env.get("PATH") ?? env.get("Path") ?? "";
  const extensions = windows ? ["", ".exe", ".cmd", ".bat"] : [""];
  for (const dir of path.split(windows ? ";" : ":")) {
    if (!dir) continue;
    for (const ext of extensions) {
      const candidate = `${dir}${windows ? "\\" : "/"}${command}${ext}`;
      try {
        if (Deno.statSync(candidate).isFile) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
