/**
 * Runs the examples the emulator can answer against a fresh `ppx emulator start` (a new config folder, a
 * profile signed in to the emulator) and writes what each printed, normalised, to
 * docs/reference/example_outputs.json, which `deno task docs` shows under each example in
 * docs/reference/commands.md. Run it after changing what one of these commands prints:
 *
 *   deno run -A scripts/capture_examples.ts && deno task docs
 *
 * Only the example lines listed in RUN below run, in that order (each sets up the next: the record the
 * update example changes is the one the create example made); their text must be an example of the tree.
 */

import { runCli } from "../cli/main.ts";
import { exampleArgv } from "../cli/help/example_argv.ts";
import { BufferIO } from "../cli/output/io.ts";
import { envFrom } from "../lib/env.ts";

/** Where the outputs go. */
export const OUTPUTS = new URL("../docs/reference/example_outputs.json", import.meta.url);

/** The emulator's URL in the captured text: a port of five digits, as a free port has, keeps tables aligned. */
const SHOWN_URL = "http://127.0.0.1:41523";

/** `ESC[2K` (erase the line) and what is drawn before the next one erases it. */
const ESC = String.fromCharCode(27);
const CLEARED_PROGRESS = new RegExp(`${ESC}\\[2K[^${ESC}\\n]*(?=${ESC}\\[2K)`, "g");
const CLEAR_LINE = new RegExp(`${ESC}\\[2K|\\r`, "g");

/** Typical bulk statistics of the small CSV, shown instead of this machine's. */
const STATS = { durationMs: 40, rowsPerSecond: 75, averageInFlight: 1 };

/** Runs before the examples; not shown. */
const SETUP = [
  "ppx auth create work --flow client-credential --authority {url} " +
  "--tenant-id 00000000-0000-4000-8000-000000000001 --client-id 00000000-0000-4000-8000-00000000c11e " +
  "--client-secret-env PPX_EMULATOR_CLIENT_SECRET --environment {url} --insecure-storage",
  `ppx dv create publishers --json --data '{"uniquename":"contoso","friendlyname":"Contoso",` +
  `"customizationprefix":"cnt","customizationoptionvalueprefix":10000}'`,
  `ppx dv create adx_websites --data '{"adx_name":"Contoso Portal"}'`,
  "ppx connector init ./MyConnector --template oauth2 --host api.contoso.com",
];

/** The examples captured, in order. */
const RUN = [
  "ppx auth list",
  "ppx auth status",
  "ppx auth use work",
  "ppx profile list",
  "ppx profile show work --json",
  "ppx profile use work",
  "ppx config path",
  "ppx config set default_profile work",
  "ppx config get default_profile",
  "ppx config list",
  "ppx dv whoami",
  `ppx dv create accounts --data '{"name":"Contoso","accountnumber":"A-1"}'`,
  "ppx dv get accounts --key accountnumber=A-1 --select name",
  `ppx dv update accounts --key accountnumber=A-1 --data '{"name":"Contoso Ltd"}'`,
  `ppx dv upsert accounts --key accountnumber=A-2 --data '{"name":"Fabrikam"}'`,
  "ppx dv list accounts --select name,accountnumber --orderby name --top 5",
  "ppx dv query accounts --select name --orderby 'name asc' --count",
  "ppx dv delete accounts --key accountnumber=A-2 --yes",
  "ppx dv bulk-csv accounts accounts.csv --dry-run",
  "ppx dv bulk-csv accounts accounts.csv --key-columns accountnumber --report report.csv",
  "ppx api GET WhoAmI",
  "ppx solution list",
  "ppx solution export --name Contoso",
  "ppx solution export --name Contoso --managed",
  "ppx solution export --name Contoso --managed --out dist/ --overwrite",
  "ppx solution components --name Contoso --type 1 --format csv",
  "ppx solution check --name Contoso",
  "ppx solution create-settings --solution-zip Contoso.zip --settings-file settings.json",
  "ppx solution unpack --zipfile Contoso.zip --folder src --process-canvas-apps",
  "ppx solution pack --folder src --zipfile out/Contoso.zip --process-canvas-apps",
  "ppx solution import --path Contoso_managed.zip --settings-file settings.json",
  "ppx solution version --name Contoso --set 1.4.0.0",
  "ppx solution publish-all",
  "ppx solution delete --name Contoso --yes",
  "ppx pages list",
  "ppx pages list --json",
  "ppx connector validate ./MyConnector",
  "ppx env list",
  "ppx apps versions 3f1a9b7c-1111-4d2e-8f00-000000000001",
  "ppx packages tenant",
  "ppx policy dlp list",
  "ppx tenant feature list",
  "ppx tenant feature get copilotInPowerApps",
  "ppx rbac roles list",
  "ppx rbac assignments list",
  "ppx licensing billing list",
  "ppx licensing allocations reports",
  "ppx licensing storage list",
  "ppx licensing storage get Database",
  "ppx licensing storage entity File annotation",
  "ppx licensing capacity tenant",
  "ppx licensing capacity temporary-currency",
  "ppx analytics scenarios",
  "ppx analytics actions InactiveApps",
  "ppx analytics resources InactiveApps --all",
  "ppx analytics recommendations InactiveApps",
  "ppx governance policy list",
  "ppx connector init ./ContosoItems --template oauth2 --host api.contoso.com",
  "ppx config unset default_profile",
  "ppx help exit-codes",
];

/** Files the examples read, in the working folder. */
const FILES: Record<string, string> = {
  "accounts.csv":
    "accountnumber,name,revenue\nA-1,Contoso Ltd,1000\nA-3,Northwind,2500\nA-4,Adventure Works,750\n",
};

/** What one example printed. */
export interface CapturedOutput {
  /** stdout then stderr, as a terminal shows them, normalised. */
  output: string;
  /** The exit code, when not 0. */
  exit?: number;
}

/** Replaces what changes from run to run (ids, times, ports, temp paths) with stable stand-ins. */
function normaliser(url: string, dir: string, home: string) {
  return (text: string) => {
    // Numbered per example, so that one example's ids do not depend on which ran before it.
    const ids = new Map<string, string>();
    return text
      .replaceAll(url, SHOWN_URL)
      .replaceAll(url.replace("http://", ""), SHOWN_URL.replace("http://", ""))
      .replaceAll(home, "~/.pacx")
      .replaceAll(dir, ".")
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, (id) => {
        const key = id.toLowerCase();
        if (!ids.has(key)) ids.set(key, `00000000-0000-4000-8000-${String(ids.size + 1).padStart(12, "0")}`);
        return ids.get(key)!;
      })
      // Same length, so that table columns stay aligned.
      .replace(
        /\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?/g,
        (t) => `2026-12-04T10:00:00${t.slice(19).replace(/\d/g, "0")}`,
      )
      .replace(/\b\d{4}-\d\d-\d\d \d\d:\d\dZ/g, "2026-12-04 10:00Z")
      .replace(/\b\d+(?:\.\d+)? ?(?:ms|s)\b/g, "0.1s")
      // A progress line is redrawn after `ESC[2K` and cleared at the end: a terminal shows none of it.
      .replace(CLEARED_PROGRESS, "")
      .replace(CLEAR_LINE, "")
      // Bulk statistics depend on the machine.
      .replace(
        /^(durationMs|rowsPerSecond|averageInFlight)( +)\d+(?:\.\d+)?$/gm,
        (_, name, gap) => `${name}${gap}${STATS[name as keyof typeof STATS]}`,
      )
      .replace(/^(concurrency +)\d+ start, \d+-\d+$/gm, "$14 start, 1-5")
      .replace(/[ \t]+$/gm, "");
  };
}

async function startEmulator(secret: string): Promise<{ url: string; child: Deno.ChildProcess }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("../cli/main.ts", import.meta.url).pathname, "emulator", "start", "--json"],
    env: { PPX_EMULATOR_CLIENT_SECRET: secret },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("Ready.")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the emulator did not start:\n${text}`);
    text += value;
  }
  reader.releaseLock();
  child.stdout.cancel().catch(() => {});
  const url = JSON.parse(text.slice(0, text.indexOf("Ready.")).trim()).url as string;
  return { url, child };
}

/**
 * The emulator takes as long as Dataverse to export (5 s) and import (30 s) a solution: these examples,
 * and the ones that read the files they write, are left out of a quick capture (the test's).
 */
export const SLOW: ReadonlySet<string> = new Set([
  "ppx solution export --name Contoso",
  "ppx solution export --name Contoso --managed",
  "ppx solution export --name Contoso --managed --out dist/ --overwrite",
  "ppx solution create-settings --solution-zip Contoso.zip --settings-file settings.json",
  "ppx solution unpack --zipfile Contoso.zip --folder src --process-canvas-apps",
  "ppx solution pack --folder src --zipfile out/Contoso.zip --process-canvas-apps",
  "ppx solution import --path Contoso_managed.zip --settings-file settings.json",
]);

/** Runs SETUP and RUN (or `lines`) against a fresh emulator; returns the outputs by line (`quick`: not SLOW). */
export async function captureOutputs(
  options: { quick?: boolean; lines?: readonly string[] } = {},
): Promise<Record<string, CapturedOutput>> {
  const secret = "local-only-secret";
  const { url, child } = await startEmulator(secret);
  const dir = await Deno.makeTempDir({ prefix: "ppx-examples-" });
  const home = `${dir}/.pacx`;
  const work = `${dir}/work`;
  await Deno.mkdir(work);
  for (const [name, text] of Object.entries(FILES)) await Deno.writeTextFile(`${work}/${name}`, text);
  const env = {
    PPX_EMULATOR_CLIENT_SECRET: secret,
    PPX_POWERPLATFORM_URL: url,
    PPX_BAP_URL: url,
    PPX_POWERAPPS_URL: url,
    PPX_FLOW_URL: url,
    NO_COLOR: "1",
  };
  const normalise = normaliser(url, work, home);
  const run = async (line: string) => {
    const io = new BufferIO({ tty: true, columns: 160 });
    const argv = exampleArgv(line.replaceAll("{url}", url));
    if (!argv) throw new Error(`not a ppx command line: ${line}`);
    const code = await runCli(argv, { io, env: envFrom(env), cwd: work, homeDir: dir });
    return { code, text: io.out + io.err, stdout: io.out };
  };
  const outputs: Record<string, CapturedOutput> = {};
  try {
    let publisher = "";
    for (const line of [...SETUP, "ppx dv create solutions --data @solution.json"]) {
      const { code, text, stdout } = await run(line);
      if (code !== 0) throw new Error(`set-up '${line}' failed (exit ${code}):\n${text}`);
      if (line.includes("create publishers")) publisher = JSON.parse(stdout).id;
      // The solution binds to the publisher the line before made.
      await Deno.writeTextFile(
        `${work}/solution.json`,
        JSON.stringify({
          uniquename: "Contoso",
          friendlyname: "Contoso Core",
          version: "1.2.0.0",
          "publisherid@odata.bind": `/publishers(${publisher})`,
        }),
      );
    }
    for (const line of options.lines ?? RUN) {
      if (options.quick && SLOW.has(line)) continue;
      const { code, text } = await run(line);
      outputs[line] = { output: normalise(text).trimEnd(), ...(code === 0 ? {} : { exit: code }) };
    }
  } finally {
    child.kill("SIGTERM");
    await child.status;
    await Deno.remove(dir, { recursive: true });
  }
  return outputs;
}

if (import.meta.main) {
  const outputs = await captureOutputs();
  await Deno.writeTextFile(OUTPUTS, JSON.stringify(outputs, null, 2) + "\n");
  const failed = Object.entries(outputs).filter(([, o]) => o.exit !== undefined);
  console.log(`wrote ${Object.keys(outputs).length} outputs to docs/reference/example_outputs.json`);
  for (const [line, o] of failed) console.log(`exit ${o.exit}: ${line}`);
}
