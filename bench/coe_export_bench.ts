/**
 * CoE export of a large inventory: `ppx coe export --type app` as a subprocess (so the RSS is the
 * CLI's) against the in-process emulator holding COE_ITEMS apps (default 100,000) in one environment,
 * served 5,000 per page. Prints items, seconds and the CLI's peak RSS, and the same for a tenth of the
 * items, to show that memory does not grow with the number of items (COE_SIZES=a,b,c overrides the
 * sizes). The CLI runs with the release binary's V8 flags (COE_V8_FLAGS overrides them, e.g.
 * `--max-old-space-size=64` to show the export fits a small heap whatever the size).
 */

import { dataverseService } from "@pacx/emulator";
import { powerPlatformService } from "@pacx/emulator";
import { governanceService } from "@pacx/emulator";
import { startEmulator } from "@pacx/emulator";
import { V8_FLAGS } from "../scripts/compile.ts";
import { peakRss } from "./helpers/proc.ts";

/** Case name. */
export const name = "coe export (100,000 inventory items to CSV, streamed)";

const ROOT = new URL("../", import.meta.url).pathname;
const ENV = "8d0c4f6e-0000-4000-8000-000000000004";

async function runOnce(items: number) {
  const pp = powerPlatformService({ pageSize: 5000 });
  const owner = { id: "00000000-0000-4000-8000-0000000000bb", displayName: "Avery Maker" };
  const t = new Date().toISOString();
  for (let i = 0; i < items; i++) {
    const id = `a0000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    pp.state.apps.set(id, {
      id,
      environmentId: ENV,
      displayName: `Generated app ${i}`,
      owner,
      lastModifiedTime: t,
      versions: [],
      permissions: [],
    });
  }
  const gov = governanceService({ powerPlatform: pp });
  const emu = await startEmulator({ services: [dataverseService(), pp, gov] });
  const dir = await Deno.makeTempDir();
  try {
    const token = await emu.tokens.issue({ aud: emu.url });
    const started = performance.now();
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--quiet",
        "--allow-env",
        "--allow-read",
        "--allow-write",
        "--allow-net",
        // The V8 settings of the release binary (scripts/compile.ts).
        ...(Deno.env.get("COE_V8_FLAGS") ? [`--v8-flags=${Deno.env.get("COE_V8_FLAGS")}`] : V8_FLAGS),
        `${ROOT}cli/main.ts`,
        "coe",
        "export",
        "-e",
        ENV,
        "--type",
        "app",
        "--out",
        `${dir}/inventory.csv`,
        "--json",
      ],
      env: {
        PPX_ACCESS_TOKEN: token,
        PPX_CONFIG_DIR: dir,
        PPX_POWERPLATFORM_URL: emu.url,
        PPX_BAP_URL: emu.url,
        PPX_POWERAPPS_URL: emu.url,
        PPX_FLOW_URL: emu.url,
        NO_COLOR: "1",
      },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    let finished = false;
    const rss = peakRss(child.pid, () => finished);
    const out = await child.output();
    finished = true;
    if (!out.success) throw new Error(`ppx failed: ${new TextDecoder().decode(out.stderr)}`);
    const summary = JSON.parse(new TextDecoder().decode(out.stdout));
    return { rows: summary.rows as number, seconds: (performance.now() - started) / 1000, peakKb: await rss };
  } finally {
    await emu.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/** Runs the case. */
export async function run(): Promise<void> {
  const items = Number(Deno.env.get("COE_ITEMS") ?? 100_000);
  const sizes = (Deno.env.get("COE_SIZES") ?? `${Math.round(items / 10)},${items}`).split(",").map(Number);
  for (const n of sizes) {
    const r = await runOnce(n);
    console.log(
      `${r.rows.toLocaleString("en-US")} inventory items exported in ${r.seconds.toFixed(2)} s; ` +
        `CLI peak RSS ${(r.peakKb / 1024).toFixed(1)} MiB`,
    );
  }
}
