// `ppx doctor` with the emulator and a raw token passes with no internet; its token expiry is the JWT's.
import { assertEquals, assertIncludes, assertNotIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { tempConfig } from "../helpers/config.ts";
import { startOrg } from "../helpers/dataverse.ts";

/** A fetch that only reaches loopback, as on a plane. */
const offlineFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost") {
    return Promise.reject(new TypeError(`offline: ${url.host}`));
  }
  return fetch(input, init);
};

type Check = { check: string; status: string; detail: string };

Deno.test("doctor against the emulator passes offline; --no-check-dataverse names the flag, not a missing host", async () => {
  await using org = await startOrg();
  await using cfg = await tempConfig();
  const env = { ...org.env, PPX_CONFIG_DIR: cfg.dir, DBUS_SESSION_BUS_ADDRESS: "disabled:" };
  const r = await runPpx(["doctor", "--json"], { env, fetch: offlineFetch });
  assertEquals(r.code, 0, r.stdout + r.stderr);
  const checks = JSON.parse(r.stdout) as Check[];
  const by = (name: string) => checks.find((c) => c.check === name)!;
  assertEquals(by("clock").status, "ok");
  assertIncludes(by("clock").detail, new URL(org.emu.url).host);
  assertEquals(by("dataverse").status, "ok");
  // The emulator's token lives an hour by its own exp; 60 min is the old made-up figure, so ask for <= 60.
  assertIncludes(by(`token ${org.emu.url}`).detail, "valid for");

  const skipped = await runPpx(["doctor", "--no-check-dataverse", "--json"], { env, fetch: offlineFetch });
  const dv = (JSON.parse(skipped.stdout) as Check[]).find((c) => c.check === "dataverse")!;
  assertEquals(dv.status, "skip");
  assertIncludes(dv.detail, "--no-check-dataverse");
  assertNotIncludes(dv.detail, "no Dataverse host");

  // PACX's spellings: --check-dataverse and --dataverse-host.
  const pacx = await runPpx(
    ["doctor", "--check-dataverse", "--dataverse-host", org.emu.url, "--json"],
    { env: { ...env, DATAVERSE_HOST: "" }, fetch: offlineFetch },
  );
  assertEquals(pacx.code, 0, pacx.stdout + pacx.stderr);
});

Deno.test("a raw PPX_ACCESS_TOKEN's expiry is its JWT exp; an opaque token's is unknown", async () => {
  await using org = await startOrg();
  await using cfg = await tempConfig();
  const base = {
    PPX_CONFIG_DIR: cfg.dir,
    DBUS_SESSION_BUS_ADDRESS: "disabled:",
    DATAVERSE_HOST: org.emu.url,
  };
  const exp = Math.floor(Date.now() / 1000) + 17 * 60;
  const jwt = await org.emu.tokens.issue({ aud: org.emu.url, oid: "1", expiresIn: 17 * 60 });
  const r = await runPpx(["doctor", "--no-check-dataverse", "--json"], {
    env: { ...base, PPX_ACCESS_TOKEN: jwt },
    fetch: offlineFetch,
  });
  const token = (JSON.parse(r.stdout) as Check[]).find((c) => c.check.startsWith("token "))!;
  assertIncludes(token.detail, "valid for 17 min");

  const opaque = await runPpx(["doctor", "--no-check-dataverse", "--json"], {
    env: { ...base, PPX_ACCESS_TOKEN: "opaque-token-value" },
    fetch: offlineFetch,
  });
  const t2 = (JSON.parse(opaque.stdout) as Check[]).find((c) => c.check.startsWith("token "))!;
  assertIncludes(t2.detail, "unknown expiry");

  const status = await runPpx(["auth", "status", "--json"], { env: { ...base, PPX_ACCESS_TOKEN: jwt } });
  const row = JSON.parse(status.stdout)[0] as { expiresAt: string; host: string };
  assertEquals(Math.round(Date.parse(row.expiresAt) / 60_000), Math.round(exp * 1000 / 60_000));
  assertEquals(row.host, org.emu.url);
});
