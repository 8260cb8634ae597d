import { startTenant } from "../../helpers/powerplatform.ts";
import { assertEquals, assertIncludes } from "../../helpers/assert.ts";

Deno.test("emulated admin APIs: 401 without a token, 400 without api-version, the Power Platform error shape", async () => {
  await using t = await startTenant();
  const anon = await fetch(
    `${t.emu.url}/environmentmanagement/environmentGroups?api-version=2022-03-01-preview`,
  );
  assertEquals(anon.status, 401);
  assertEquals(typeof (await anon.json()).error.code, "string");
  const auth = { authorization: `Bearer ${t.token}` };
  const noVersion = await fetch(`${t.emu.url}/environmentmanagement/environmentGroups`, { headers: auth });
  assertEquals(noVersion.status, 400);
  assertEquals((await noVersion.json()).error.code, "MissingApiVersionParameter");
  const missing = await fetch(`${t.emu.url}/environmentmanagement/operations/nope?api-version=x`, {
    headers: auth,
  });
  assertEquals(missing.status, 404);
  assertIncludes((await missing.json()).error.message, "nope");
});

Deno.test("emulated BAP list pages with nextLink and shows the emulator's org as an environment", async () => {
  await using t = await startTenant();
  const auth = { authorization: `Bearer ${t.token}` };
  let url: string | undefined =
    `${t.emu.url}/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?api-version=2021-04-01`;
  const names: string[] = [];
  let pages = 0;
  while (url) {
    const body: { value: { name: string; properties: Record<string, unknown> }[]; nextLink?: string } =
      await (await fetch(url, { headers: auth })).json();
    pages++;
    for (const e of body.value) {
      names.push(e.name);
      if (e.name === "8d0c4f6e-0000-4000-8000-000000000001") {
        const linked = e.properties.linkedEnvironmentMetadata as { instanceUrl: string };
        assertEquals(linked.instanceUrl, `${t.emu.url}/`);
      }
    }
    url = body.nextLink;
  }
  assertEquals(pages, 3);
  assertEquals(names.length, 5);
});

Deno.test("emulated operations: 202 + Operation-Location + Retry-After, then Succeeded with the effect applied", async () => {
  await using t = await startTenant({ operationDelayMs: 0 });
  const auth = { authorization: `Bearer ${t.token}`, "content-type": "application/json" };
  const accepted = await fetch(
    `${t.emu.url}/environmentmanagement/environments/8d0c4f6e-0000-4000-8000-000000000001/backups?api-version=2022-03-01-preview`,
    { method: "POST", headers: auth, body: JSON.stringify({ label: "x" }) },
  );
  assertEquals(accepted.status, 202);
  assertEquals(accepted.headers.get("retry-after"), "0");
  await accepted.body?.cancel();
  const monitor = accepted.headers.get("operation-location")!;
  const done = await (await fetch(monitor, { headers: auth })).json();
  assertEquals(done.status, "Succeeded");
  assertEquals(t.pp.state.backups.map((b) => b.label), ["x"]);
});
