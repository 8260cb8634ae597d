/** Start-up time of `ppx --version` and `ppx --help`: median wall time over 20 runs each. */

/** Case name. */
export const name = "startup";

const ROOT = new URL("../", import.meta.url).pathname;
const RUNS = 20;

async function median(cmd: string, args: string[]): Promise<number | undefined> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    try {
      const out = await new Deno.Command(cmd, { args, stdout: "null", stderr: "null" }).output();
      if (!out.success) return undefined;
    } catch {
      return undefined;
    }
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Runs the case. */
export async function run(): Promise<void> {
  const ppx = ["run", "--quiet", "--allow-env", "--allow-read", `${ROOT}cli/main.ts`];
  const version = await median(Deno.execPath(), [...ppx, "--version"]);
  const help = await median(Deno.execPath(), [...ppx, "--help"]);
  const gh = await median("gh", ["--version"]);
  console.log(`ppx --version median over ${RUNS} runs: ${version?.toFixed(1)} ms (deno run from source)`);
  console.log(`ppx --help    median over ${RUNS} runs: ${help?.toFixed(1)} ms (deno run from source)`);
  console.log(
    gh === undefined ? "gh --version: gh is not installed here" : `gh --version  median: ${gh.toFixed(1)} ms`,
  );
}
