/**
 * The emulator keeps its own route table (it never imports lib/); this cross-check sends every catalog
 * operation's documented request to it (part 1 and the governance service) and fails when a route is
 * missing (the router's own 404).
 */

import { CATALOG } from "../../../lib/powerplatform/catalog/mod.ts";
import { buildRequest, type OperationInput } from "../../../lib/powerplatform/request.ts";
import { assert } from "../../helpers/assert.ts";
import { startGovernanceTenant } from "../../helpers/governance.ts";

const SELF = "8d0c4f6e-0000-4000-8000-000000000001";

function sampleInput(id: string): OperationInput {
  const op = CATALOG.find((o) => o.id === id)!;
  const params: Record<string, string> = {};
  for (const p of op.params ?? []) params[p.name] = p.choices?.[0] ?? "sample";
  const fields: Record<string, string> = {};
  if (op.body.kind === "flags") {
    for (const f of op.body.fields) {
      fields[f.flag] = f.type === "number"
        ? "1"
        : f.type === "json"
        ? "{}"
        : f.type === "boolean"
        ? "true"
        : f.choices?.[0] ?? "x";
    }
  }
  return { environmentId: SELF, params, fields, payload: op.body.kind === "payload" ? {} : undefined };
}

Deno.test("the emulator serves every catalog operation", async () => {
  await using t = await startGovernanceTenant();
  const missing: string[] = [];
  for (const op of CATALOG) {
    const built = buildRequest(op, sampleInput(op.id));
    const url = new URL(`${t.emu.url}/${built.path.replace(/^\//, "")}`);
    for (const [k, v] of Object.entries(built.query)) url.searchParams.set(k, v);
    const response = await fetch(url, {
      method: built.method,
      headers: { authorization: `Bearer ${t.token}`, "content-type": "application/json" },
      body: built.body === undefined ? undefined : JSON.stringify(built.body),
    });
    const text = await response.text();
    // The router's fallback speaks Dataverse's "Resource not found for the segment"; handlers say NotFound.
    if (response.status === 404 && text.includes("Resource not found for the segment")) missing.push(op.id);
  }
  assert(missing.length === 0, `no emulator route for: ${missing.join(", ")}`);
});
