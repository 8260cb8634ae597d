/**
 * The chaos suite's table: every probe records one row of what it injected and what it found. The suite
 * asserts the zeros itself; the rows are also appended, as JSON lines, to the file named by CHAOS_ROWS, so
 * `deno task bench chaos` can print the table of a larger run.
 */

/** One probe's outcome. */
export interface ChaosRow {
  /** What was probed, e.g. "bulk: 20% 5xx + 10% dropped connections". */
  probe: string;
  /** Rows or requests the probe pushed through. */
  units: number;
  /** Faults injected (answers broken, connections dropped, processes killed...). */
  faults: number;
  /** Rows acknowledged to the user but missing at the service. */
  lost: number;
  /** Rows created more than once. */
  duplicated: number;
  /** Secrets or tokens found where they must not be (traces, files, other origins). */
  leaked: number;
  /** The exit code ppx ended with. */
  exit: number;
}

/** How large a probe should be: CHAOS_SCALE (default 1, the CI size); the bench runs larger. */
export function chaosScale(): number {
  const value = Number(Deno.env.get("CHAOS_SCALE") ?? "1");
  return Number.isFinite(value) && value > 0 ? value : 1;
}

/** Records a probe's row (appended to CHAOS_ROWS when set). */
export async function recordChaosRow(row: ChaosRow): Promise<void> {
  const path = Deno.env.get("CHAOS_ROWS");
  if (!path) return;
  await Deno.writeTextFile(path, JSON.stringify(row) + "\n", { append: true });
}
