// The browser sign-in end to end with real headless Chromium: ppx opens the emulator's sign-in page,
// Chromium clicks "Sign in", follows the redirect to ppx's loopback listener, and ppx redeems the code.
import { assertEquals, assertIncludes, assertNoJwt, assertNotIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { chromiumMissing, startChromium } from "../helpers/chromium.ts";
import { tempConfig } from "../helpers/config.ts";
import { createArgs, startEntra } from "../helpers/entra.ts";

const missing = chromiumMissing();
if (missing) console.warn(`Chromium sign-in test skipped: ${missing}`);

Deno.test({
  name: "auth create --flow web: headless Chromium completes the sign-in page and the loopback redirect",
  ignore: missing !== undefined,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using fixture = await startEntra();
    const { emu, entra } = fixture;
    await using cfg = await tempConfig();
    await using chromium = await startChromium();
    const opened: string[] = [];
    const browser = {
      open: async (url: string) => {
        opened.push(url);
        // Like a desktop opener: start the browser and return; the person (here Chromium) clicks.
        chromium.openAndClick(url, "#signin").catch((e) => console.error(e));
        return await Promise.resolve(true);
      },
    };
    const r = await runPpx([
      ...createArgs("web", "web"),
      "--authority",
      emu.url,
      "--environment",
      "org.crm.dynamics.com",
      "--json",
    ], {
      env: {
        PPX_CONFIG_DIR: cfg.dir,
        PPX_CONFIG_ENCRYPTION_KEY: "k3y-for-test",
        DBUS_SESSION_BUS_ADDRESS: "disabled:",
      },
      browser,
    });
    assertEquals(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assertEquals([out.account, out.signedIn], ["admin@contoso.onmicrosoft.com", true]);
    const authorize = new URL(opened[0]);
    assertEquals(authorize.searchParams.get("code_challenge_method"), "S256");
    assertEquals(entra.stats.token.authorization_code, 1);
    assertIncludes(await chromium.lastLocation(), "http://localhost:");
    assertNotIncludes(r.stderr, "eyJ");
    assertNoJwt(await Deno.readTextFile(cfg.file), "no plaintext token at rest");
  },
});

Deno.test("auth create --flow web without a browser falls back to a device code and says so", async () => {
  await using fixture = await startEntra({ deviceAutoApproveAfterPolls: 0, deviceInterval: 1 });
  const { emu } = fixture;
  await using cfg = await tempConfig();
  const r = await runPpx([
    ...createArgs("ssh", "web"),
    "--authority",
    emu.url,
  ], {
    env: { PPX_CONFIG_DIR: cfg.dir, DBUS_SESSION_BUS_ADDRESS: "disabled:" },
    browser: { open: () => Promise.resolve(false) },
  });
  assertEquals(r.code, 0, r.stderr);
  // The listener is gone once ppx falls back, so the authorize URL must not be offered.
  assertNotIncludes(r.stderr, "/oauth2/v2.0/authorize");
  assertIncludes(r.stderr, "signing in with a device code instead");
  assertIncludes(r.stderr, "/devicelogin");
});
