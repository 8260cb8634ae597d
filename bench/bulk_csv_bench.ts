/**
 * Bulk upsert of a 100,000-row CSV: `ppx dv bulk-csv` as a subprocess (so the RSS is the CLI's) against
 * the in-process emulator answering every request after 50 ms, allowing 52 concurrent requests and
 * sending `x-ms-dop-hint: 8`. Prints the theoretical maximum rows/s of that setting, the achieved rows/s,
 * their ratio, and the CLI's peak RSS (VmHWM sampled from /proc). BULK_ROWS_LARGE=1000000 adds a
 * 1,000,000-row run to check that RSS stays flat; BULK_CHUNK sets rows per request (default 10), BULK_ROWS
 * the main run's size, BULK_V8_FLAGS the CLI's V8 flags (default: the release binary's, scripts/compile.ts;
 * empty for V8's defaults); BULK_SWEEP=0 skips the runs at other chunk sizes.
 */

import { dataverseService } from "@pacx/emulator";
import { startEmulator } from "@pacx/emulator";
import { V8_FLAGS } from "../scripts/compile.ts";
import { cpuTicks, peakRss } from "./helpers/proc.ts";

/** Case name. */
export const name = "dv bulk-csv (100,000 rows, 50 ms per request, 52 concurrent, dop hint 8)";

const ROOT = new URL("../", import.meta.url).pathname;
const LATENCY_MS = 50;
const MAX_CONCURRENT = 52;

async function writeCsv(path: string, rows: number): Promise<void> {
  const file = await Deno.open(path, { create: true, write: true, truncate: true });
  const encoder = new TextEncoder();
  let buffer = "accountnumber,name,revenue,industrycode\n";
  for (let i = 1; i <= rows; i++) {
    buffer += `B-${i},"Account ${i}, bulk",${i * 10},${i % 2 ? "Retail" : 33}\n`;
    if (buffer.length > 1 << 20) {
      await file.write(encoder.encode(buffer));
      buffer = "";
    }
  }
  await file.write(encoder.encode(buffer));
  file.close();
}

async function runOnce(rows: number, chunk: number) {
  const dv = dataverseService({
    protection: { latencyMs: LATENCY_MS, maxConcurrent: MAX_CONCURRENT, dopHint: 8 },
  });
  const emu = await startEmulator({ services: [dv] });
  const dir = await Deno.makeTempDir();
  try {
    const token = await emu.tokens.issue({ aud: emu.url });
    await writeCsv(`${dir}/rows.csv`, rows);
    const selfBefore = await cpuTicks("self");
    const started = performance.now();
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--quiet",
        "--allow-env",
        "--allow-read",
        "--allow-write",
        "--allow-net",
        // The V8 settings the release binary and `deno task ppx` run with, unless BULK_V8_FLAGS overrides.
        ...(Deno.env.get("BULK_V8_FLAGS") !== undefined
          ? (Deno.env.get("BULK_V8_FLAGS") ? [`--v8-flags=${Deno.env.get("BULK_V8_FLAGS")}`] : [])
          : V8_FLAGS),
        `${ROOT}cli/main.ts`,
        "dv",
        "bulk-csv",
        "accounts",
        `${dir}/rows.csv`,
        "--key-columns",
        "accountnumber",
        "--chunk-size",
        String(chunk),
        "--json",
      ],
      env: { DATAVERSE_HOST: emu.url, PPX_ACCESS_TOKEN: token, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    let finished = false;
    const cpu = { ticks: 0 };
    const rss = peakRss(child.pid, () => finished, cpu);
    const out = await child.output();
    finished = true;
    const seconds = (performance.now() - started) / 1000;
    if (!out.success) throw new Error(`ppx failed: ${new TextDecoder().decode(out.stderr)}`);
    const summary = JSON.parse(new TextDecoder().decode(out.stdout));
    const stored = dv.store.bySet("accounts")!;
    return {
      seconds,
      summary,
      peakKb: await rss,
      cliCpuSeconds: cpu.ticks / 100,
      emulatorCpuSeconds: ((await cpuTicks("self")) - selfBefore) / 100,
      stored: stored !== undefined,
    };
  } finally {
    await emu.close();
    await Deno.remove(dir, { recursive: true });
  }
}

const maximum = (chunk: number) => (MAX_CONCURRENT * chunk) / (LATENCY_MS / 1000);

/** Runs the case. */
export async function run(): Promise<void> {
  const chunk = Number(Deno.env.get("BULK_CHUNK") ?? 10);
  const rows = Number(Deno.env.get("BULK_ROWS") ?? 100_000);
  // The service takes at least 50 ms per request and runs at most 52 at once, so no client can finish
  // more than 52 requests per 50 ms (1,040 requests/s); each request carries `chunk` rows.
  const max = maximum(chunk);
  console.log(
    `theoretical maximum: ${MAX_CONCURRENT} concurrent x ${chunk} rows per request / ${LATENCY_MS} ms = ` +
      `${max.toLocaleString("en-US")} rows/s`,
  );
  const r = await runOnce(rows, chunk);
  const achieved = r.summary.succeeded / r.seconds;
  console.log(
    `${rows.toLocaleString("en-US")} rows in ${r.seconds.toFixed(2)} s (wall clock, CLI start to exit): ` +
      `${Math.round(achieved).toLocaleString("en-US")} rows/s; engine alone ${
        r.summary.rowsPerSecond.toLocaleString("en-US")
      } rows/s; ${r.summary.requests} requests, concurrency ${r.summary.concurrency}, ${r.summary.throttled} throttled, ` +
      `${r.summary.averageInFlight} of ${MAX_CONCURRENT} requests in flight on average`,
  );
  console.log(`bulk throughput: ${((achieved / max) * 100).toFixed(1)}% of the theoretical maximum`);
  console.log(
    `bulk engine throughput (excluding CLI start-up and metadata): ${
      ((r.summary.rowsPerSecond / max) * 100).toFixed(1)
    }%`,
  );
  console.log(
    `CPU time: CLI ${r.cliCpuSeconds.toFixed(1)} s + emulator ${r.emulatorCpuSeconds.toFixed(1)} s over ` +
      `${r.seconds.toFixed(1)} s wall clock on ${navigator.hardwareConcurrency} cores`,
  );
  console.log(`peak RSS (${rows.toLocaleString("en-US")} rows): ${(r.peakKb / 1024).toFixed(1)} MB`);
  const large = Number(Deno.env.get("BULK_ROWS_LARGE") ?? 0);
  if (large > 0) {
    const l = await runOnce(large, chunk);
    console.log(
      `${large.toLocaleString("en-US")} rows in ${l.seconds.toFixed(2)} s: ${
        Math.round(l.summary.succeeded / l.seconds).toLocaleString("en-US")
      } rows/s; peak RSS (${large.toLocaleString("en-US")} rows): ${(l.peakKb / 1024).toFixed(1)} MB`,
    );
  } else {
    console.log("1,000,000-row RSS run skipped (set BULK_ROWS_LARGE=1000000 to run it)");
  }
  if (Deno.env.get("BULK_SWEEP") === "0") return;
  // Rows per request trade request overhead against the ceiling: the same ratio for other chunk sizes.
  for (const [c, n] of [[1, 5_000], [50, 100_000]] as const) {
    if (c === chunk) continue;
    const s = await runOnce(n, c);
    const a = s.summary.succeeded / s.seconds;
    console.log(
      `chunk ${c}: ${n.toLocaleString("en-US")} rows, ${Math.round(a).toLocaleString("en-US")} rows/s of ` +
        `${maximum(c).toLocaleString("en-US")} = bulk ${((a / maximum(c)) * 100).toFixed(1)}% ` +
        `(${s.summary.averageInFlight} in flight on average)`,
    );
  }
}
