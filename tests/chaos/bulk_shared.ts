/** What the bulk chaos probes share: the CSV they load, the count of what reached the org, a killed run. */

import { baseEnv, PPX_PERMISSIONS, ROOT } from "../helpers/cli.ts";
import { allRecords, type CountingOrg } from "../helpers/bulk.ts";
import { chaosScale } from "./_rows.ts";

/** Rows per probe: 200 in CI, more under CHAOS_SCALE. */
export function probeRows(base = 200): number {
  return Math.round(base * chaosScale());
}

/** Odd rows carry an alternate key (B-n); even rows have none (creates with generated ids). */
export function rowsCsv(n: number): string {
  const lines = ["accountnumber,name,revenue"];
  for (let i = 1; i <= n; i++) lines.push(`${i % 2 ? `B-${i}` : ""},"Row ${i}, chaos",${i}`);
  return lines.join("\r\n") + "\r\n";
}

/** Rows missing at the service and rows present more than once, by their unique names. */
export async function lostAndDuplicated(
  org: CountingOrg,
  n: number,
): Promise<{ lost: number; duplicated: number }> {
  const records = await allRecords(org.client, "accounts", ["name"]);
  const names = records.map((r) => String(r.name));
  const distinct = new Set(names);
  let lost = 0;
  for (let i = 1; i <= n; i++) if (!distinct.has(`Row ${i}, chaos`)) lost++;
  return { lost, duplicated: names.length - distinct.size };
}

/**
 * Starts `ppx dv bulk-csv` as a real process and kills it with SIGKILL once its journal holds `lines`
 * lines. Returns the number of complete journal lines at the kill.
 */
export async function killMidRun(
  org: CountingOrg,
  dir: string,
  argv: string[],
  lines: number,
): Promise<number> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...PPX_PERMISSIONS, `${ROOT}cli/main.ts`, ...argv],
    env: { ...baseEnv(), ...org.env, NO_COLOR: "1" },
    clearEnv: true,
    cwd: dir,
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const journal = `${dir}/rows.csv.ppx-bulk.jsonl`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const text = await Deno.readTextFile(journal).catch(() => "");
    if (text.split("\n").length > lines) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      const out = await child.output();
      throw new Error(`the run made no progress: ${new TextDecoder().decode(out.stderr)}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill("SIGKILL");
  await child.output();
  // A request the killed process had already sent is still applied by the emulator after its latency;
  // let it land before the caller starts counting what the resumed run sends.
  await new Promise((r) => setTimeout(r, 500));
  // Complete lines only: a line without its newline is torn, and the resumed run sends that row again.
  return (await Deno.readTextFile(journal)).split("\n").slice(0, -1).length;
}
