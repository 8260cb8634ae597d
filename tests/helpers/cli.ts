/** Runs ppx in-process with a captured IO, for command tests. */

import { runCli } from "../../cli/main.ts";
import type { ContextDeps } from "../../cli/context.ts";
import { BufferIO } from "../../cli/output/io.ts";
import { envFrom } from "../../lib/env.ts";

/** What one in-process run produced. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of an in-process run. */
export interface RunOptions extends Partial<Omit<ContextDeps, "io" | "env">> {
  env?: Record<string, string>;
  tty?: boolean;
  stdin?: string;
  columns?: number;
}

/** Runs `ppx ...argv` in-process. */
export async function runPpx(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  const { env = {}, tty = false, stdin, columns, ...deps } = options;
  const io = new BufferIO({ tty, stdin, columns });
  const code = await runCli(argv, { io, env: envFrom(env), ...deps });
  return { code, stdout: io.out, stderr: io.err };
}

/** The repository root, for subprocess tests. */
export const ROOT: string = new URL("../../", import.meta.url).pathname;

/** Runs the real CLI as a subprocess with exactly the given permission flags. */
export async function runPpxProcess(
  argv: string[],
  options: { permissions?: string[]; env?: Record<string, string>; stdin?: string; cwd?: string } = {},
): Promise<RunResult> {
  const permissions = options.permissions ?? PPX_PERMISSIONS;
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...permissions, `${ROOT}cli/main.ts`, ...argv],
    env: { ...baseEnv(), NO_COLOR: "1", ...options.env },
    clearEnv: true,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    cwd: options.cwd,
  });
  const child = command.spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const out = await child.output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/** The documented permission set of the CLI (docs/permissions.md, deno.json `ppx` task). */
export const PPX_PERMISSIONS: string[] = [
  "--allow-env",
  "--allow-read",
  "--allow-write",
  "--allow-net",
  "--allow-run",
];

/** The few variables a child deno needs to find its cache and tools. */
/** The environment a ppx subprocess needs to start (Deno cache, PATH, HOME). */
export function baseEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ["HOME", "PATH", "DENO_DIR", "XDG_CACHE_HOME", "TMPDIR"]) {
    const v = Deno.env.get(name);
    if (v !== undefined) out[name] = v;
  }
  return out;
}
