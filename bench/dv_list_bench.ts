/**
 * Paged read of 200,000 records: `ppx dv list accounts --all --json` as a subprocess (so the RSS is the
 * CLI's) against the in-process emulator answering every request after 50 ms. Prints records/s and the
 * CLI's peak RSS, sampled from /proc while it runs.
 */

import { dataverseService } from "@pacx/emulator";
import { startEmulator } from "@pacx/emulator";
import { peakRss } from "./helpers/proc.ts";

/** Case name. */
export const name = "dv list --all (200,000 records, 50 ms per request)";

const ROOT = new URL("../", import.meta.url).pathname;
const RECORDS = 200_000;

async function runOnce(url: string, token: string, pageSize?: number, filter?: string) {
  const args = [
    "run",
    "--quiet",
    "--allow-env",
    "--allow-read",
    "--allow-net",
    `${ROOT}cli/main.ts`,
    "dv",
    "list",
    "accounts",
    "--all",
    "--json",
  ];
  if (pageSize) args.push("--page-size", String(pageSize));
  if (filter) args.push("--filter", filter);
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args,
    env: { DATAVERSE_HOST: url, PPX_ACCESS_TOKEN: token, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let finished = false;
  const rss = peakRss(child.pid, () => finished);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of child.stdout) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  const status = await child.status;
  finished = true;
  const seconds = (performance.now() - started) / 1000;
  const err = await new Response(child.stderr).text();
  if (!status.success) throw new Error(`ppx failed: ${err}`);
  return { seconds, bytes, records: lines - 2, peakKb: await rss };
}

/** Runs the case. */
export async function run(): Promise<void> {
  const dv = dataverseService({ protection: { latencyMs: 50 } });
  const emu = await startEmulator({ services: [dv] });
  try {
    const table = dv.store.bySet("accounts")!;
    for (let i = 0; i < RECORDS; i++) {
      dv.store.insert(table, crypto.randomUUID(), {
        name: `Account ${i}`,
        accountnumber: `A-${i}`,
        revenue: i * 10,
        numberofemployees: i % 1000,
        creditonhold: i % 2 === 0,
      });
    }
    const token = await emu.tokens.issue({ aud: emu.url });
    // The quarter-size run shows whether memory grows with the number of records (it should not).
    const runs: [number | undefined, string | undefined][] = [[undefined, undefined], [
      undefined,
      "numberofemployees lt 250",
    ], [1000, undefined]];
    for (const [pageSize, filter] of runs) {
      const r = await runOnce(emu.url, token, pageSize, filter);
      const pages = Math.ceil(r.records / (pageSize ?? 5000));
      console.log(
        `page size ${pageSize ?? "5000 (default)"}: ${r.records} records, ${pages} pages in ${
          r.seconds.toFixed(2)
        } s = ` +
          `${Math.round(r.records / r.seconds).toLocaleString("en-US")} records/s; ` +
          `${(r.bytes / 1e6).toFixed(1)} MB of JSON; peak RSS of the CLI ${(r.peakKb / 1024).toFixed(1)} MiB`,
      );
    }
  } finally {
    await emu.close();
  }
}
