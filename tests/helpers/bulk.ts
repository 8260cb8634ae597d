/** An emulated org for bulk-load tests that counts, per record URL, the rows the service applied. */

import type { DataverseServiceOptions } from "@pacx/emulator";
import type { DataverseClient } from "../../lib/dataverse/client.ts";
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
