/** `tenant settings get KEY.PATH` / `set KEY.PATH VALUE` against the emulated BAP tenant settings. */

import { assert, assertEquals, assertIncludes } from "../../helpers/assert.ts";
import { runPpx } from "../../helpers/cli.ts";
import { startGovernanceTenant } from "../../helpers/governance.ts";
import { coerceSetting, settingAt, withSetting } from "../../../lib/powerplatform/tenant_settings.ts";

Deno.test("get prints one value; a typo is exit 5 suggesting the real key", async () => {
  await using t = await startGovernanceTenant();
  const r = await runPpx([
    "tenant",
    "settings",
    "get",
    "powerPlatform.teamsIntegration.shareWithColleaguesUserLimit",
  ], {
    env: t.env,
  });
  assertEquals(r.code, 0, r.stderr);
  assertEquals(r.stdout, "10000\n");
  const typo = await runPpx(["tenant", "settings", "get", "powerPlatform.powerApps.disableShare"], {
    env: t.env,
  });
  assertEquals(typo.code, 5);
  assertIncludes(typo.stderr, "powerPlatform.powerApps.disableShareWithEveryone");
});

Deno.test("set changes one value, keeps fields ppx does not know, and sends the whole object back", async () => {
  await using t = await startGovernanceTenant();
  t.gov.state.tenantSettings.futureSettingFromMicrosoft = { nested: [1, 2, 3] };
  const r = await runPpx([
    "tenant",
    "settings",
    "set",
    "powerPlatform.powerApps.disableShareWithEveryone",
    "true",
  ], {
    env: t.env,
  });
  assertEquals(r.code, 0, r.stderr);
  const s = t.gov.state.tenantSettings as Record<string, Record<string, Record<string, unknown>>>;
  assertEquals(s.powerPlatform.powerApps.disableShareWithEveryone, true);
  assertEquals(s.powerPlatform.powerApps.enableGuestsToMake, false);
  assertEquals(t.gov.state.tenantSettings.futureSettingFromMicrosoft, { nested: [1, 2, 3] });
  const again = await runPpx([
    "tenant",
    "settings",
    "set",
    "powerPlatform.powerApps.disableShareWithEveryone",
    "TRUE",
  ], {
    env: t.env,
  });
  assertIncludes(again.stderr, "nothing was sent");
  assertEquals(t.gov.requests.filter((x) => x.includes("updatetenantsettings")).length, 1);
});

Deno.test("set refuses a value of the wrong type and an unknown key (exit 2 / 5, nothing sent); --new allows a new key", async () => {
  await using t = await startGovernanceTenant();
  const bad = await runPpx(["tenant", "settings", "set", "walkMeOptOut", "ture"], { env: t.env });
  assertEquals(bad.code, 2);
  assertIncludes(bad.stderr, "true or false");
  const unknown = await runPpx(["tenant", "settings", "set", "brandNewSetting", "on"], { env: t.env });
  assertEquals(unknown.code, 5);
  assertIncludes(unknown.stderr, "--new");
  assert(!t.gov.requests.some((x) => x.includes("updatetenantsettings")));
  const ok = await runPpx(["tenant", "settings", "set", "brandNewSetting", "on", "--new"], { env: t.env });
  assertEquals(ok.code, 0, ok.stderr);
  assertEquals(t.gov.state.tenantSettings.brandNewSetting, "on");
});

Deno.test("the pure helpers: lookup, coercion, copy-on-write", () => {
  const s = { a: { b: 1, c: { d: true } }, e: "x" };
  assertEquals(settingAt(s, "a.c.d"), true);
  assertEquals(coerceSetting("a.b", "42", 1), 42);
  assertEquals(coerceSetting("e", "y", "x"), "y");
  const next = withSetting(s, "a.b", 2);
  assertEquals(next, { a: { b: 2, c: { d: true } }, e: "x" });
  assertEquals(s.a.b, 1);
});
