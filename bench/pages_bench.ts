/**
 * A 5,000-record standard-model site (2,000 pages with copy, 2,000 site settings, 999 snippets and the
 * website) in the emulator: `ppx pages download` into an empty folder, then `ppx pages upload` of the
 * unchanged folder (which must send nothing). Each command runs as its own process, so wall time and
 * peak RSS are its own. Figures come from whatever machine runs them (often a shared, busy one).
 */

import { startEmulator } from "@pacx/emulator";
import { dataverseService } from "@pacx/emulator";
import { PAGES_SCHEMA, pagesService } from "@pacx/emulator";
import { peakRss } from "./helpers/proc.ts";

/** Case name. */
export const name = "pages";

const ROOT = new URL("../", import.meta.url).pathname;
const SITE = "00000000-0000-4000-8000-00000000beef";
const id = (kind: number, n: number) =>
  `${kind.toString(16).padStart(8, "0")}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

function seed() {
  const site = `/adx_websites(${SITE})`;
  return {
    adx_websites: [{ adx_websiteid: SITE, adx_name: "Bench site" }],
    adx_webpages: Array.from({ length: 2000 }, (_, i) => ({
      adx_webpageid: id(1, i),
      adx_name: `Page ${i}`,
      adx_partialurl: `page-${i}`,
      adx_isroot: true,
      adx_copy: `<h1>Page ${i}</h1>\n<p>${"lorem ipsum ".repeat(40)}</p>\n`,
      "adx_websiteid@odata.bind": site,
    })),
    adx_sitesettings: Array.from({ length: 2000 }, (_, i) => ({
      adx_sitesettingid: id(2, i),
      adx_name: `Bench/Setting/${i}`,
      adx_value: String(i),
      "adx_websiteid@odata.bind": site,
    })),
    adx_contentsnippets: Array.from({ length: 999 }, (_, i) => ({
      adx_contentsnippetid: id(3, i),
      adx_name: `Snippet ${i}`,
      adx_value: `<p>Snippet ${i}</p>`,
      "adx_websiteid@odata.bind": site,
    })),
  };
}

async function timed(args: string[], env: Record<string, string>) {
  const start = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", `${ROOT}cli/main.ts`, ...args],
    env,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let done = false;
  const peak = peakRss(child.pid, () => done);
  const out = await child.output();
  done = true;
  const ms = performance.now() - start;
  if (out.code !== 0) {
    throw new Error(`ppx ${args.join(" ")} failed: ${new TextDecoder().decode(out.stderr)}`);
  }
  return { ms, peakKb: await peak, stderr: new TextDecoder().decode(out.stderr).trim() };
}

/** Runs the case. */
export async function run(): Promise<void> {
  const dv = dataverseService({ schema: PAGES_SCHEMA, seed: seed() });
  const emu = await startEmulator({ services: [dv, pagesService(dv)] });
  const dir = await Deno.makeTempDir({ prefix: "ppx-pages-bench-" });
  try {
    const token = await emu.tokens.issue({ aud: emu.url, oid: "11111111-1111-4111-8111-111111111111" });
    const env = { DATAVERSE_HOST: emu.url, PPX_ACCESS_TOKEN: token, NO_COLOR: "1" };
    console.log(`records in the site: ${dv.store.size}`);
    const down = await timed(["pages", "download", "--website-id", SITE, "--path", dir], env);
    console.log(
      `download (empty folder): ${(down.ms / 1000).toFixed(2)} s, peak RSS ${
        (down.peakKb / 1024).toFixed(0)
      } MB`,
    );
    console.log(`  ${down.stderr}`);
    const up = await timed(["pages", "upload", "--path", dir], env);
    console.log(
      `upload (no change):      ${(up.ms / 1000).toFixed(2)} s, peak RSS ${(up.peakKb / 1024).toFixed(0)} MB`,
    );
    console.log(`  ${up.stderr}`);
  } finally {
    await emu.close();
    await Deno.remove(dir, { recursive: true });
  }
}
