/** The `run(options, deps)` dependencies of admin use-cases: one client per API family, and the clock. */

import type { OperationApi } from "../../lib/powerplatform/catalog/types.ts";
import type { RunOperationDeps } from "../../lib/powerplatform/execute.ts";
import type { HttpClient } from "../../lib/http/client.ts";
import type { Context } from "../context.ts";
import { adminClient } from "./context.ts";

/** Deps with clients for the named families (built before the use-case runs). */
export async function adminDeps(ctx: Context, families: OperationApi[]): Promise<RunOperationDeps> {
  const clients = new Map<OperationApi, HttpClient>();
  for (const f of families) clients.set(f, await adminClient(ctx, f));
  return {
    client: (api) => {
      const c = clients.get(api);
      if (!c) throw new Error(`no ${api} client was prepared`);
      return c;
    },
    clock: ctx.clock,
  };
}
