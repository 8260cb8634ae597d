/** An emulated org for bulk-load tests that counts, per record URL, the rows the service applied. */

import type { DataverseServiceOptions } from "@pacx/emulator";
import type { DataverseClient } from "../../lib/dataverse/client.ts";
import { baseEnv, PPX_PERMISSIONS, ROOT } from "./cli.ts";
import { startOrg, type TestOrg } from "./dataverse.ts";

/** A TestOrg plus counters of what reached the service. */
export interface CountingOrg extends TestOrg {
  /** Record URL (`accounts(accountnumber='A-1')`) -> times a processed `$batch` carried it. */
  applied: Map<string, number>;
  /** `$batch` requests seen, whatever their answer. */
  batches: number;
}

/**
 * Starts an org whose outermost middleware counts the PATCH requests inside every `$batch` the service
 * processed (answered 200: applied, even when the connection then drops). Throttled or failed batches
 * (429 / 5xx before processing) are not counted, because nothing in them ran.
 */
export async function startCountingOrg(options: DataverseServiceOptions = {}): Promise<CountingOrg> {
  const applied = new Map<string, number>();
  const counts = { batches: 0 };
  const counter = {
    name: "counter",
    register(
      _router: unknown,
      core: { use(m: (r: Request, n: (r: Request) => Promise<Response>) => Promise<Response>): void },
    ) {
      core.use(async (request, next) => {
        if (!new URL(request.url).pathname.endsWith("/$batch")) return await next(request);
        counts.batches++;
        const text = await request.clone().text();
        const response = await next(request);
        if (response.status === 200) {
          for (const m of text.matchAll(/^PATCH \/api\/data\/v9\.2\/(\S+) HTTP\/1\.1$/gm)) {
            const url = decodeURIComponent(m[1]);
            applied.set(url, (applied.get(url) ?? 0) + 1);
          }
        }
        return response;
      });
    },
  };
  const org = await startOrg({ ...options, services: [counter as never] });
  // defineProperty, not Object.assign: `batches` must stay a live getter.
  return Object.defineProperties(org, {
    applied: { value: applied },
    batches: { get: () => counts.batches },
  }) as CountingOrg;
}

/** Every record of an entity set, all pages. */
export async function allRecords(
  client: DataverseClient,
  entitySet: string,
  select: string[],
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const page of client.pages(entitySet, { select }, { all: true, pageSize: 5000 })) {
    out.push(...page.records);
  }
  return out;
}

/**
 * A CSV of `n` accounts: odd rows carry an alternate key (B-n), even rows have none (creates with generated
 * ids); names are `Row n, <label>`.
 */
export function rowsCsv(n: number, label = "chaos"): string {
  const lines = ["accountnumber,name,revenue"];
  for (let i = 1; i <= n; i++) lines.push(`${i % 2 ? `B-${i}` : ""},"Row ${i}, ${label}",${i}`);
  return lines.join("\r\n") + "\r\n";
}

/** The command line that loads `rows.csv` (see {@link rowsCsv}) by its key column, `chunkSize` rows a request. */
export function rowsArgv(chunkSize = 5): string[] {
  return [
    "dv",
    "bulk-csv",
    "accounts",
    "rows.csv",
    "--key-columns",
    "accountnumber",
    "--chunk-size",
    `${chunkSize}`,
  ];
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
