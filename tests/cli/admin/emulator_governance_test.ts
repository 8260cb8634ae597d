/** The emulated governance APIs on the wire: auth, api-version, error shape, LRO and paging. */

import { startTestEmulator } from "../../helpers/emulator.ts";
import { deepMerge, governanceService } from "@pacx/emulator";
import { assertEquals } from "../../helpers/assert.ts";

async function withService(
  fn: (url: string, token: string, gov: ReturnType<typeof governanceService>) => Promise<void>,
) {
  const gov = governanceService({ operationDelayMs: 30, retryAfterSeconds: 0 });
  await using emu = await startTestEmulator({ services: [gov] });
  await fn(emu.url, await emu.tokens.issue({ aud: emu.url }), gov);
}

Deno.test("no token is 401, no api-version is 400, both in the Power Platform error shape", async () => {
  await withService(async (url, token) => {
    const anon = await fetch(`${url}/licensing/billingPolicies?api-version=2022-03-01-preview`);
    assertEquals([anon.status, (await anon.json()).error.code], [401, "Unauthorized"]);
    const bare = await fetch(`${url}/licensing/billingPolicies`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assertEquals([bare.status, (await bare.json()).error.code], [400, "MissingApiVersionParameter"]);
  });
});

Deno.test("acknowledge answers 202 with Operation-Location; the operation succeeds and its effect shows", async () => {
  await withService(async (url, token) => {
    const h = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const r = await fetch(
      `${url}/analytics/advisorRecommendations/InactiveApps/recommendations/rec-1:acknowledge?api-version=2022-03-01-preview`,
      { method: "POST", headers: h, body: "{}" },
    );
    assertEquals(r.status, 202);
    await r.body?.cancel();
    const monitor = r.headers.get("operation-location")!;
    await new Promise((ok) => setTimeout(ok, 60));
    assertEquals((await (await fetch(monitor, { headers: h })).json()).status, "Succeeded");
    const rec = await (await fetch(
      `${url}/analytics/advisorRecommendations/InactiveApps/recommendations/rec-1?api-version=2022-03-01-preview`,
      { headers: h },
    )).json();
    assertEquals(rec.status, "Acknowledged");
  });
});

Deno.test("a DLP policy with a bad connector group is 400 naming the rule", async () => {
  await withService(async (url, token) => {
    const r = await fetch(`${url}/providers/PowerPlatform.Governance/v2/policies?api-version=2018-01-01`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        displayName: "x",
        environmentType: "AllEnvironments",
        connectorGroups: [{ classification: "Business", connectors: [] }],
      }),
    });
    assertEquals(r.status, 400);
    assertEquals((await r.json()).error.code, "InvalidPolicy");
  });
});

Deno.test("tenant settings merge deeply and keep unknown keys", () => {
  assertEquals(deepMerge({ a: { b: 1, c: 2 }, z: [1] }, { a: { b: 3 }, y: true }), {
    a: { b: 3, c: 2 },
    z: [1],
    y: true,
  });
});
