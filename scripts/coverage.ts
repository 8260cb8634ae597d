/**
 * `deno task test:coverage` runs the suite with coverage, then this script prints the line and branch
 * coverage of lib/ and cli/ (generated files excluded) and fails below the floor.
 *
 *   deno run --allow-read --allow-run scripts/coverage.ts .tmp/coverage [--floor 85]
 */

/** The minimum line coverage of lib/ and cli/, in percent. */
export const LINE_FLOOR = 85;

/** Reads `deno coverage`'s summary table: the "All files" row's branch and line percentages. */
export function parseSummary(text: string): { branches: number; lines: number } | undefined {
  // deno-lint-ignore no-control-regex
  const rows = text.replace(/\x1b\[[0-9;]*m/g, "").split("\n").map((l) =>
    l.split("|").map((c) => c.trim()).filter((c) => c !== "")
  );
  const header = rows.find((r) => r[0] === "File");
  const all = rows.find((r) => r[0] === "All files");
  if (!header || !all) return undefined;
  const branches = Number(all[header.indexOf("Branch %")]);
  const lines = Number(all[header.indexOf("Line %")]);
  return Number.isFinite(branches) && Number.isFinite(lines) ? { branches, lines } : undefined;
}

if (import.meta.main) {
  const dir = Deno.args.find((a) => !a.startsWith("--")) ?? ".tmp/coverage";
  const floorAt = Deno.args.indexOf("--floor");
  const floor = floorAt >= 0 ? Number(Deno.args[floorAt + 1]) : LINE_FLOOR;
  const root = new URL("../", import.meta.url).href.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["coverage", dir, `--include=^${root}(lib|cli)/`, "--exclude=/generated/"],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  const summary = parseSummary(new TextDecoder().decode(out.stdout));
  if (!out.success || !summary) {
    console.error("coverage: could not read deno coverage's summary");
    Deno.exit(1);
  }
  console.log(
    `coverage of lib/ and cli/: lines ${summary.lines}%, branches ${summary.branches}% (floor: ${floor}% lines)`,
  );
  if (summary.lines < floor) {
    console.error(`coverage: ${summary.lines}% of lines is below the floor of ${floor}%`);
    Deno.exit(1);
  }
}
