import { hintOf } from "../../../../cli/remedies.ts";
import { resolveAuthority } from "../../../../lib/auth/entra/authority.ts";
import { clearDiscoveryCache, discover } from "../../../../lib/auth/entra/discovery.ts";
import { deviceCodeSignIn } from "../../../../lib/auth/entra/flows/device_code.ts";
import { browserSignIn, BrowserUnavailable } from "../../../../lib/auth/entra/flows/browser.ts";
import {
  clientCredentialsToken,
  refreshAccessToken,
} from "../../../../lib/auth/entra/flows/client_credentials.ts";
import { ManualClock, systemClock } from "../../../../lib/clock.ts";
import { envFrom } from "../../../../lib/env.ts";
import { AuthError, UsageError } from "../../../../lib/errors.ts";
import { DEFAULT_PUBLIC_CLIENT_ID, EMULATOR_TENANT_DOMAIN, EMULATOR_TENANT_ID } from "@pacx/emulator";
import { assert, assertEquals, assertIncludes, assertRejects } from "../../../helpers/assert.ts";
import { startEntra } from "../../../helpers/entra.ts";

const DV = "https://org.crm.dynamics.com";

async function endpoint(base: string, tenant = EMULATOR_TENANT_ID) {
  clearDiscoveryCache();
  return await discover(resolveAuthority({ tenant, authority: base }), { fetch });
}

/** A stand-in for the person at the browser: loads the sign-in page and submits its form. */
function formBrowser(decision: "accept" | "decline" = "accept") {
  const opened: string[] = [];
  return {
    opened,
    async open(url: string) {
      opened.push(url);
      const page = await (await fetch(url)).text();
      const action = /<form method="post" action="([^"]+)"/.exec(page)![1];
      const form = new URLSearchParams();
      for (const m of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
        form.set(m[1], m[2].replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c))));
      }
      form.set("username", "admin@contoso.onmicrosoft.com");
      form.set("decision", decision);
      const post = await fetch(new URL(action, url), { method: "POST", body: form, redirect: "manual" });
      const location = post.headers.get("location")!;
      await post.body?.cancel();
      // follow the redirect to the loopback listener like a browser would
      await (await fetch(location.replace("//localhost:", "//127.0.0.1:"))).body?.cancel();
      return true;
    },
  };
}

Deno.test("authority: clouds, AZURE_AUTHORITY_HOST, custom authority, http refused except loopback", () => {
  assertEquals(resolveAuthority({ tenant: "t1" }).href, "https://login.microsoftonline.com/t1");
  assertEquals(resolveAuthority({ tenant: "t1", cloud: "china" }).href, "https://login.chinacloudapi.cn/t1");
  assertEquals(
    resolveAuthority({ tenant: "t1", cloud: "usgovhigh" }).href,
    "https://login.microsoftonline.us/t1",
  );
  assertEquals(
    resolveAuthority({ tenant: "t1", env: envFrom({ AZURE_AUTHORITY_HOST: "https://login.example.test/" }) })
      .href,
    "https://login.example.test/t1",
  );
  assertEquals(
    resolveAuthority({ tenant: "x", authority: "https://idp.test/tenants/abc" }).href,
    "https://idp.test/tenants/abc",
  );
  assertEquals(
    resolveAuthority({ tenant: "t", authority: "http://127.0.0.1:8080" }).href,
    "http://127.0.0.1:8080/t",
  );
  let error: unknown;
  try {
    resolveAuthority({ tenant: "t", authority: "http://login.example.test" });
  } catch (e) {
    error = e;
  }
  assert(error instanceof UsageError && error.message.includes("plain-http"), String(error));
});

Deno.test("discovery by tenant id, domain and organizations; unknown tenant is AADSTS90002", async () => {
  await using fixture = await startEntra();
  const { emu, entra } = fixture;
  const byId = await endpoint(emu.url);
  assertEquals(byId.server.token_endpoint, `${emu.url}/${EMULATOR_TENANT_ID}/oauth2/v2.0/token`);
  assertEquals(byId.server.issuer, `${emu.url}/${EMULATOR_TENANT_ID}/v2.0`);
  assert((await endpoint(emu.url, EMULATOR_TENANT_DOMAIN)).server.device_authorization_endpoint);
  assertIncludes((await endpoint(emu.url, "organizations")).server.issuer, "{tenantid}");
  const error = await assertRejects(() => endpoint(emu.url, "nope.example"), AuthError, "not found");
  assertEquals(error.code, "auth.tenant-not-found");
  assert(entra.stats.discovery >= 4);
});

Deno.test("device code: message shown, slow approval polled with the clock, token for the audience", async () => {
  await using fixture = await startEntra({ deviceAutoApproveAfterPolls: 2, deviceSlowDownPolls: 1 });
  const { emu, entra } = fixture;
  const clock = new ManualClock();
  const prompts: string[] = [];
  const token = await deviceCodeSignIn({
    endpoint: await endpoint(emu.url),
    clientId: DEFAULT_PUBLIC_CLIENT_ID,
    clock,
    scope: `${DV}/.default`,
    onPrompt: (p) => void prompts.push(p.message),
  });
  assertIncludes(prompts[0], "/devicelogin");
  assertIncludes(prompts[0], "enter the code");
  const claims = await emu.tokens.verify(token.token, DV);
  assertEquals(claims?.upn, "admin@contoso.onmicrosoft.com");
  assert(token.refreshToken, "a refresh token");
  assertEquals(token.account?.username, "admin@contoso.onmicrosoft.com");
  // slow_down on the first poll raises the interval to 10 s; then 2 pending polls and the approval
  assertEquals(clock.sleeps, [5000, 10000, 10000, 10000]);
  assertEquals(entra.stats.token["urn:ietf:params:oauth:grant-type:device_code"], 4);
});

Deno.test("device code: declined, blocked by Conditional Access, expired at the server", async () => {
  for (
    const [knobs, code, text] of [
      [{ deviceAutoApproveAfterPolls: 0, deviceDecline: true }, "auth.declined", "declined"],
      [{ blockDeviceCode: true }, "auth.conditional-access", "--flow web"],
      [{ deviceCodeExpiresIn: 0 }, "auth.device-code-expired", "15 minutes"],
    ] as const
  ) {
    await using fixture = await startEntra(knobs);
    const { emu } = fixture;
    const real = await deviceCodeSignIn({
      endpoint: await endpoint(emu.url),
      clientId: DEFAULT_PUBLIC_CLIENT_ID,
      clock: { now: () => Date.now(), sleep: () => Promise.resolve() },
      scope: `${DV}/.default`,
      onPrompt: () => {},
    }).then(() => undefined, (e) => e);
    assert(real instanceof AuthError, `expected AuthError, got ${real}`);
    assertEquals(real.code, code);
    assertIncludes(`${real.message} ${hintOf(real)}`, text);
  }
});

Deno.test("browser flow: PKCE + state on a loopback listener, code redeemed; decline is reported", async () => {
  await using fixture = await startEntra();
  const { emu } = fixture;
  const browser = formBrowser();
  const token = await browserSignIn({
    endpoint: await endpoint(emu.url),
    clientId: DEFAULT_PUBLIC_CLIENT_ID,
    clock: systemClock,
    scope: `${DV}/.default`,
    browser,
    notify: () => {},
  });
  const url = new URL(browser.opened[0]);
  assertEquals(url.searchParams.get("code_challenge_method"), "S256");
  assert(url.searchParams.get("state")!.length >= 16, "state present");
  assert(url.searchParams.get("redirect_uri")!.startsWith("http://localhost:"));
  assert(await emu.tokens.verify(token.token, DV), "valid token");

  const declined = await browserSignIn({
    endpoint: await endpoint(emu.url),
    clientId: DEFAULT_PUBLIC_CLIENT_ID,
    clock: systemClock,
    scope: `${DV}/.default`,
    browser: formBrowser("decline"),
    notify: () => {},
  }).then(() => undefined, (e) => e);
  assert(declined instanceof AuthError);
  assertEquals(declined.code, "auth.declined");

  const noBrowser = await browserSignIn({
    endpoint: await endpoint(emu.url),
    clientId: DEFAULT_PUBLIC_CLIENT_ID,
    clock: systemClock,
    scope: `${DV}/.default`,
    browser: { open: () => Promise.resolve(false) },
    notify: () => {},
  }).then(() => undefined, (e) => e);
  assert(noBrowser instanceof BrowserUnavailable);
});

Deno.test("client secret: valid, wrong (7000215) and expired (7000222)", async () => {
  await using fixture = await startEntra();
  const { emu, entra } = fixture;
  const app = entra.directory.registerApp({ secrets: ["good-secret"] });
  entra.directory.addSecret(app.clientId, "old-secret", Date.now() - 1000);
  const ep = await endpoint(emu.url);
  const ok = await clientCredentialsToken({
    endpoint: ep,
    clientId: app.clientId,
    clock: systemClock,
    scope: `${DV}/.default`,
    proof: { kind: "secret", secret: "good-secret" },
  });
  assertEquals((await emu.tokens.verify(ok.token, DV))?.appid, app.clientId);
  for (
    const [secret, code] of [["bad", "auth.invalid-client-secret"], [
      "old-secret",
      "auth.client-secret-expired",
    ]]
  ) {
    const error = await clientCredentialsToken({
      endpoint: ep,
      clientId: app.clientId,
      clock: systemClock,
      scope: `${DV}/.default`,
      proof: { kind: "secret", secret },
    }).then(() => undefined, (e) => e);
    assert(error instanceof AuthError);
    assertEquals(error.code, code);
  }
});

Deno.test("refresh token grant rotates; strict rotation rejects the old token", async () => {
  await using fixture = await startEntra({ deviceAutoApproveAfterPolls: 0, strictRefreshRotation: true });
  const { emu } = fixture;
  const ep = await endpoint(emu.url);
  const first = await deviceCodeSignIn({
    endpoint: ep,
    clientId: DEFAULT_PUBLIC_CLIENT_ID,
    clock: new ManualClock(),
    scope: `${DV}/.default`,
    onPrompt: () => {},
  });
  const pp = await refreshAccessToken({
    endpoint: ep,
    clientId: DEFAULT_PUBLIC_CLIENT_ID,
    clock: systemClock,
    scope: "https://api.powerplatform.com/.default",
    refreshToken: first.refreshToken!,
  });
  assert(await emu.tokens.verify(pp.token, "https://api.powerplatform.com"), "token for another audience");
  assert(pp.refreshToken && pp.refreshToken !== first.refreshToken, "rotated");
  const reused = await refreshAccessToken({
    endpoint: ep,
    clientId: DEFAULT_PUBLIC_CLIENT_ID,
    clock: systemClock,
    scope: `${DV}/.default`,
    refreshToken: first.refreshToken!,
    context: { profile: "work" },
  }).then(() => undefined, (e) => e);
  assert(reused instanceof AuthError);
  assertIncludes(hintOf(reused) ?? "", "ppx auth login work");
});

Deno.test("device code: the emulator's device page says a declined sign-in was declined", async () => {
  await using fixture = await startEntra({ deviceAutoApproveAfterPolls: 0 });
  const { emu } = fixture;
  const started = await fetch(`${emu.url}/${EMULATOR_TENANT_ID}/oauth2/v2.0/devicecode`, {
    method: "POST",
    body: new URLSearchParams({ client_id: DEFAULT_PUBLIC_CLIENT_ID, scope: `${DV}/.default` }),
  }).then((r) => r.json());
  const page = await fetch(`${emu.url}/devicelogin`, {
    method: "POST",
    body: new URLSearchParams({ user_code: started.user_code, decision: "decline" }),
  }).then((r) => r.text());
  assertIncludes(page, "You declined the sign-in");
  assertEquals(page.includes("You have signed in"), false);
  const polled = await fetch(`${emu.url}/${EMULATOR_TENANT_ID}/oauth2/v2.0/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:device_code",
      client_id: DEFAULT_PUBLIC_CLIENT_ID,
      device_code: started.device_code,
    }),
  }).then((r) => r.json());
  assertEquals(polled.error, "authorization_declined");
});
