/**
 * Start-up time of ppx commands that do no network I/O, side by side with gh's equivalents: each pair runs
 * alternately (so a busy neighbour slows both alike), and the median wall time, the median CPU time
 * (user + system, from /usr/bin/time when present: steadier on a busy machine) and the ratio are printed.
 * Target (issue 14): every ratio at most 1.2.
 *
 * `PPX_BENCH_BASE=/other/checkout` also runs that tree's ppx in the same rounds (a before/after comparison
 * under the same load); `PPX_BENCH_RUNS` sets the runs per command (default 15).
 */

/** Case name. */
export const name = "startup";

const ROOT = new URL("../", import.meta.url).pathname;
const BASE = Deno.env.get("PPX_BENCH_BASE");
const RUNS = Number(Deno.env.get("PPX_BENCH_RUNS") ?? 15);
const TIME = "/usr/bin/time";

/**
 * `deno run` with the flags of that tree's `deno task ppx` (permissions, V8 flags, lazy dynamic imports), so
 * each tree is measured the way it is meant to run.
 */
async function ppx(root: string): Promise<string[]> {
  const dir = root.replace(/\/?$/, "/");
  const config = JSON.parse(await Deno.readTextFile(`${dir}deno.json`)) as { tasks: { ppx: string } };
  const words = config.tasks.ppx.split(/\s+/);
  const flags = words.slice(2, -1); // "deno run ... cli/main.ts"
  return ["run", "--quiet", ...flags, `${dir}cli/main.ts`];
}

/** ppx command, gh equivalent. */
const PAIRS: [string[], string[]][] = [
  [["--version"], ["--version"]],
  [["config", "list"], ["config", "list"]],
  [["profile", "list"], ["auth", "status"]],
  [["dv", "--help"], ["repo", "--help"]],
  [["solution", "unpack", "--help"], ["repo", "clone", "--help"]],
  [["emulator", "--help"], ["codespace", "--help"]],
  [["github", "--help"], ["workflow", "--help"]],
  [["pages", "--help"], ["browse", "--help"]],
  [["auth", "--help"], ["auth", "--help"]],
  [["auth", "status"], ["auth", "status"]],
  [["connector", "--help"], ["api", "--help"]],
  [["upgrade", "--help"], ["extension", "upgrade", "--help"]],
];

interface Sample {
  wall: number;
  cpu?: number;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function once(cmd: string, args: string[], env: Record<string, string>, dir: string): Promise<Sample> {
  const timed = await exists(TIME);
  const cpuFile = `${dir}/cpu.txt`;
  const start = performance.now();
  // gh auth status exits 1 when signed out: the time is what counts, not the code.
  await new Deno.Command(timed ? TIME : cmd, {
    args: timed ? ["-f", "%U %S", "-o", cpuFile, cmd, ...args] : args,
    env,
    stdout: "null",
    stderr: "null",
    stdin: "null",
  }).output();
  const wall = performance.now() - start;
  if (!timed) return { wall };
  const [user, sys] = (await Deno.readTextFile(cpuFile)).trim().split(/\s+/).slice(-2).map(Number);
  return { wall, cpu: (user + sys) * 1000 };
}

/** Issue 14: every command without network I/O within this factor of gh's equivalent (median wall time). */
const TARGET = 1.2;

function best(samples: Sample[]): number {
  return Math.min(...samples.map((s) => s.wall));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function summary(samples: Sample[]): { wall: number; cpu?: number; text: string } {
  const wall = median(samples.map((s) => s.wall));
  const cpus = samples.flatMap((s) => s.cpu === undefined ? [] : [s.cpu]);
  const cpu = cpus.length ? median(cpus) : undefined;
  return { wall, cpu, text: `${wall.toFixed(0)} (${cpu === undefined ? "-" : cpu.toFixed(0)})` };
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
  const env = {
    PPX_CONFIG_DIR: `${home}/ppx`,
    GH_CONFIG_DIR: `${home}/gh`,
    HOME: home,
    NO_COLOR: "1",
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
  };
  const gh = await haveGh();
  try {
    console.log(
      `median of ${RUNS} alternating runs, wall ms (cpu ms); shared machine: compare the ratios` +
        (BASE ? `\nbase: ${BASE}` : ""),
    );
    console.log(
      [
        "ppx command".padEnd(24),
        "ppx".padStart(10),
        ...(BASE ? ["base".padStart(10)] : []),
        "gh command".padEnd(18),
        "gh".padStart(10),
        "wall ratio",
        "cpu ratio",
        "best ratio",
        "target 1.2x",
      ].join("  "),
    );
    const mineArgs = await ppx(ROOT);
    const baseArgs = BASE ? await ppx(BASE) : [];
    for (const [ppxArgs, ghArgs] of PAIRS) {
      const mine: Sample[] = [];
      const base: Sample[] = [];
      const theirs: Sample[] = [];
      for (let i = 0; i < RUNS; i++) {
        mine.push(await once(Deno.execPath(), [...mineArgs, ...ppxArgs], env, home));
        if (BASE) base.push(await once(Deno.execPath(), [...baseArgs, ...ppxArgs], env, home));
        if (gh) theirs.push(await once("gh", ghArgs, env, home));
      }
      const p = summary(mine);
      const g = gh ? summary(theirs) : undefined;
      console.log([
        ppxArgs.join(" ").padEnd(24),
        p.text.padStart(10),
        ...(BASE ? [summary(base).text.padStart(10)] : []),
        (gh ? ghArgs.join(" ") : "(gh not installed)").padEnd(18),
        (g?.text ?? "-").padStart(10),
        (g ? `${(p.wall / g.wall).toFixed(2)}x` : "-").padStart(10),
        (g?.cpu && p.cpu ? `${(p.cpu / g.cpu).toFixed(2)}x` : "-").padStart(9),
        // The fastest run of each: what is left when no neighbour got in the way.
        (g ? `${(best(mine) / best(theirs)).toFixed(2)}x` : "-").padStart(10),
        (g ? (p.wall / g.wall <= TARGET ? "PASS" : "MISS") : "-").padStart(11),
      ].join("  "));
    }
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}
