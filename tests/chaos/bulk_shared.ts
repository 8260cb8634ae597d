/** What the bulk chaos probes share: how many rows, and the count of what reached the org. */

import { allRecords, type CountingOrg } from "../helpers/bulk.ts";
import { chaosScale } from "./_rows.ts";

/** Rows per probe: 200 in CI, more under CHAOS_SCALE. */
export function probeRows(base = 200): number {
  return Math.round(base * chaosScale());
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

export { killMidRun, rowsCsv } from "../helpers/bulk.ts";
