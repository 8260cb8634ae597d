/**
 * Start-up time of ppx commands that do no network I/O, side by side with gh's equivalents: each pair runs
 * alternately (so a busy neighbour slows both alike), and the median wall time and the ratio are printed.
 * Target (issue 14): every ratio at most 1.2. `PPX_BENCH_ROOT=/other/checkout` measures another tree's ppx
 * (a before/after comparison in one run); `PPX_BENCH_RUNS` sets the runs per command (default 15).
 */

/** Case name. */
export const name = "startup";

const ROOT = Deno.env.get("PPX_BENCH_ROOT") ?? new URL("../", import.meta.url).pathname;
const RUNS = Number(Deno.env.get("PPX_BENCH_RUNS") ?? 15);
/** The permissions and V8 flags of `deno task ppx` / `deno task install`. */
const PPX = [
  "run",
  "--quiet",
  "--allow-env",
  "--allow-read",
  "--allow-write",
  "--allow-net",
  "--allow-run",
  "--v8-flags=--max-semi-space-size=8",
  `${ROOT.replace(/\/?$/, "/")}cli/main.ts`,
];

/** ppx command, gh equivalent. */
const PAIRS: [string[], string[]][] = [
  [["--version"], ["--version"]],
  [["config", "list"], ["config", "list"]],
  [["profile", "list"], ["auth", "status"]],
  [["dv", "--help"], ["repo", "--help"]],
  [["solution", "unpack", "--help"], ["repo", "clone", "--help"]],
];

async function once(cmd: string, args: string[], env: Record<string, string>): Promise<number> {
  const start = performance.now();
  // gh auth status exits 1 when signed out: the time is what counts, not the code.
  await new Deno.Command(cmd, { args, env, stdout: "null", stderr: "null", stdin: "null" }).output();
  return performance.now() - start;
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function haveGh(): Promise<boolean> {
  try {
    return (await new Deno.Command("gh", { args: ["--version"], stdout: "null", stderr: "null" }).output())
      .success;
  } catch {
    return false;
  }
}

/** Runs the case. */
export async function run(): Promise<void> {
  const home = await Deno.makeTempDir({ prefix: "ppx-bench-startup-" });
  // Empty, private config for both tools: nothing signed in, no network.
  const env = { PPX_CONFIG_DIR: `${home}/ppx`, GH_CONFIG_DIR: `${home}/gh`, HOME: home, NO_COLOR: "1" };
  const gh = await haveGh();
  try {
    console.log(`ppx at ${ROOT}; median of ${RUNS} alternating runs (shared machine: compare ratios)`);
    console.log(
      ["ppx command".padEnd(24), "ppx ms".padStart(7), "gh command".padEnd(20), "gh ms", "ratio"].join("  "),
    );
    for (const [ppxArgs, ghArgs] of PAIRS) {
      const ppxTimes: number[] = [];
      const ghTimes: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        ppxTimes.push(await once(Deno.execPath(), [...PPX, ...ppxArgs], env));
        if (gh) ghTimes.push(await once("gh", ghArgs, env));
      }
      const p = median(ppxTimes);
      const g = gh ? median(ghTimes) : undefined;
      console.log([
        ppxArgs.join(" ").padEnd(24),
        p.toFixed(1).padStart(7),
        (gh ? ghArgs.join(" ") : "(gh not installed)").padEnd(20),
        g === undefined ? "-" : g.toFixed(1).padStart(5),
        g === undefined ? "-" : `${(p / g).toFixed(2)}x`,
      ].join("  "));
    }
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}
