/**
 * `deno task bench chaos`: the chaos suite (tests/chaos, every helper's probes) at a larger size than CI
 * runs it: CHAOS_SCALE (default 5; CI uses 1) multiplies each probe's rows or requests. The probes append
 * their rows to CHAOS_ROWS; this prints them as one table: probe, rows/requests, faults injected, lost,
 * duplicated, leaked, exit code. A failing probe is reported and makes the case fail.
 */

import type { ChaosRow } from "../tests/chaos/_rows.ts";

/** Case name. */
export const name = "chaos";

const ROOT = new URL("../", import.meta.url).pathname;

/** The rows as an aligned text table. */
export function chaosTable(rows: ChaosRow[]): string {
  const header = ["probe", "rows/requests", "faults", "lost", "duplicated", "leaked", "exit"];
  const body = rows.map((r) =>
    [r.probe, r.units, r.faults, r.lost, r.duplicated, r.leaked, r.exit].map(String)
  );
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

/** Runs the case. */
export async function run(): Promise<void> {
  const scale = Deno.env.get("CHAOS_SCALE") ?? "5";
  const dir = await Deno.makeTempDir({ prefix: "ppx-chaos-" });
  const rowsFile = `${dir}/rows.jsonl`;
  try {
    const started = performance.now();
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["test", "--allow-all", "--quiet", "tests/chaos"],
      cwd: ROOT,
      env: { CHAOS_SCALE: scale, CHAOS_ROWS: rowsFile, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const text = await Deno.readTextFile(rowsFile).catch(() => "");
    const rows = text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as ChaosRow);
    rows.sort((a, b) => a.probe.localeCompare(b.probe));
    console.log(`CHAOS_SCALE=${scale}: ${rows.length} probe rows in ${seconds} s (shared, busy machine)\n`);
    console.log(chaosTable(rows));
    if (!out.success) {
      const report = new TextDecoder().decode(out.stdout).split("\n").filter((l) =>
        /FAILED|ERRORS|error:/.test(l)
      );
      console.log(`\nThe chaos suite FAILED (exit ${out.code}):\n${report.slice(0, 40).join("\n")}`);
      throw new Error("chaos suite failed");
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
