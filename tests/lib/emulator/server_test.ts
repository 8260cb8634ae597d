import { AssertionError, rejects } from "node:assert/strict";
import { startTestEmulator } from "../../helpers/emulator.ts";
import { type EmulatorService, startEmulator } from "@pacx/emulator";
import { assert, assertEquals } from "../../helpers/assert.ts";

const echo: EmulatorService = {
  name: "echo",
  register(router) {
    router.add("GET", "/echo/:word", (_r, m) => Response.json({ word: m.params.word }));
  },
};

Deno.test("the emulator hosts services' routes on a loopback port; unknown routes", async (t) => {
  await t.step("are a 404 in OData shape by default", async () => {
    await using emu = await startEmulator({ services: [echo] });
    assert(/^http:\/\/127\.0\.0\.1:\d+$/.test(emu.url), emu.url);
    assertEquals(await (await fetch(`${emu.url}/echo/hi%20there`)).json(), { word: "hi there" });
    const missing = await fetch(`${emu.url}/nope`);
    assertEquals(missing.status, 404);
    assertEquals((await missing.json()).error.code, "0x80060888");
    assertEquals(emu.requestCount, 2);
    assertEquals(emu.unknownRoutes, []);
  });

  await t.step("are recorded and answered 501 with unknownRoutes: report", async () => {
    await using emu = await startEmulator({ services: [echo], unknownRoutes: "report" });
    assertEquals((await fetch(`${emu.url}/echo/x`)).status, 200);
    const missing = await fetch(`${emu.url}/api/data/v9.1/accounts`, { method: "POST", body: "{}" });
    assertEquals(missing.status, 501);
    assertEquals((await missing.json()).error.code, "EmulatorUnknownRoute");
    assertEquals(emu.unknownRoutes, ["POST /api/data/v9.1/accounts"]);
  });
});

Deno.test("middleware wraps every request in registration order", async () => {
  const seen: string[] = [];
  await using emu = await startEmulator({
    services: [{
      name: "m",
      register(router, core) {
        core.use(async (r, next) => {
          seen.push("outer");
          return await next(r);
        });
        core.use(async (r, next) => {
          seen.push("inner");
          const res = await next(r);
          return new Response(res.body, { status: res.status, headers: { "x-wrapped": "1" } });
        });
        router.add("GET", "/x", () => new Response("ok"));
      },
    }],
  });
  const res = await fetch(`${emu.url}/x`);
  assertEquals(await res.text(), "ok");
  assertEquals(res.headers.get("x-wrapped"), "1");
  assertEquals(seen, ["outer", "inner"]);
});

Deno.test("tokens verify for their audience only, and not after expiry", async () => {
  let now = Date.UTC(2026, 0, 1);
  await using emu = await startEmulator({ now: () => now });
  const token = await emu.tokens.issue({ aud: "https://org.crm.dynamics.com", expiresIn: 600 });
  assert(await emu.tokens.verify(token, "https://org.crm.dynamics.com/"), "audience with trailing slash");
  assertEquals(await emu.tokens.verify(token, "https://api.powerplatform.com"), undefined);
  const payload = await emu.tokens.verify(token);
  assertEquals(payload?.iss, `${emu.url}/${payload?.tid}/v2.0`);
  now += 601_000 + 60_000;
  assertEquals(await emu.tokens.verify(token), undefined);
  const jwks = await emu.tokens.jwks();
  assertEquals(jwks.keys[0].kid, emu.tokens.kid);
  assertEquals("d" in jwks.keys[0], false);
});

Deno.test("a test's emulator fails the test when a request reached a route it does not know", async () => {
  await rejects(async () => {
    await using emu = await startTestEmulator();
    await (await fetch(`${emu.url}/api/data/v9.0/WhoAmI`)).body?.cancel();
  }, (e) => e instanceof AssertionError && e.message.includes("no route for:\nGET /api/data/v9.0/WhoAmI"));
});
