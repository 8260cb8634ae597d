import { startTestEmulator } from "../../helpers/emulator.ts";
import { GitHubEmulator, redirectAllowed } from "@pacx/emulator";
import { assert, assertEquals } from "../../helpers/assert.ts";

/** base64url(SHA-256(verifier)), RFC 7636's S256, computed independently of the emulator. */
async function s256(verifier: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  return digest.toBase64({ alphabet: "base64url", omitPadding: true });
}

const JSON_ACCEPT = { accept: "application/json" };

async function withGitHub(
  fn: (url: string, gh: GitHubEmulator, time: { now: number }) => Promise<void>,
  setup: (gh: GitHubEmulator) => void = () => {},
) {
  const time = { now: Date.UTC(2026, 0, 1) };
  const gh = new GitHubEmulator();
  gh.registerApp({ clientId: "Ov23liOAUTH", clientSecret: "oauth-secret", kind: "oauth-app" });
  gh.registerApp({ clientId: "Iv1.app", clientSecret: "app-secret", kind: "github-app" });
  setup(gh);
  await using emu = await startTestEmulator({ services: [gh], now: () => time.now });
  await fn(emu.url, gh, time);
}

function post(url: string, form: Record<string, string>, headers: Record<string, string> = JSON_ACCEPT) {
  return fetch(url, { method: "POST", headers, body: new URLSearchParams(form) });
}

Deno.test("device code answers are form-encoded unless JSON is asked for", async () => {
  await withGitHub(async (url) => {
    const form = await post(`${url}/login/device/code`, { client_id: "Ov23liOAUTH", scope: "repo gist" }, {});
    assertEquals(form.headers.get("content-type"), "application/x-www-form-urlencoded; charset=utf-8");
    const params = new URLSearchParams(await form.text());
    assertEquals(params.get("device_code")!.length, 40);
    assert(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(params.get("user_code")!), params.get("user_code")!);
    assertEquals(params.get("verification_uri"), `${url}/login/device`);
    assertEquals([params.get("expires_in"), params.get("interval")], ["900", "5"]);
    const json = await (await post(`${url}/login/device/code`, { client_id: "Ov23liOAUTH" })).json();
    assertEquals(typeof json.interval, "number");
  });
});

Deno.test("device flow: pending with HTTP 200, approval on the activation page, then a gho_ token", async () => {
  await withGitHub(async (url, gh, time) => {
    const start = await (await post(`${url}/login/device/code`, { client_id: "Ov23liOAUTH", scope: "repo" }))
      .json();
    const poll = () =>
      post(`${url}/login/oauth/access_token`, {
        client_id: "Ov23liOAUTH",
        device_code: start.device_code,
        grant_type: "urn:ietf:params:oauth:grant-type:device_code",
      });
    const pending = await poll();
    assertEquals(pending.status, 200);
    assertEquals((await pending.json()).error, "authorization_pending");
    // The activation page a person uses approves the code.
    const page = await fetch(`${url}/login/device`, {
      method: "POST",
      body: new URLSearchParams({
        user_code: start.user_code.toLowerCase(),
        decision: "authorize",
        login: "mona",
      }),
    });
    assertEquals(page.status, 200);
    await page.body?.cancel();
    time.now += 5_000;
    const token = await (await poll()).json();
    assert(token.access_token.startsWith("gho_"), "OAuth App tokens start with gho_");
    assertEquals([token.token_type, token.scope, token.refresh_token], ["bearer", "repo", undefined]);
    const user = await fetch(`${url}/api/v3/user`, {
      headers: { authorization: `token ${token.access_token}` },
    });
    assertEquals((await user.json()).login, "mona");
    assertEquals(user.headers.get("x-oauth-scopes"), "repo");
    time.now += 5_000;
    assertEquals((await (await poll()).json()).error, "incorrect_device_code", "a used device code is spent");
    assert(!gh.pendingDevice());
  });
});

Deno.test("device flow: polling too fast gets slow_down with an interval 5 s longer", async () => {
  await withGitHub(async (url, _gh, time) => {
    const start = await (await post(`${url}/login/device/code`, { client_id: "Ov23liOAUTH" })).json();
    const poll = async () =>
      await (await post(`${url}/login/oauth/access_token`, {
        client_id: "Ov23liOAUTH",
        device_code: start.device_code,
        grant_type: "urn:ietf:params:oauth:grant-type:device_code",
      })).json();
    assertEquals((await poll()).error, "authorization_pending");
    time.now += 1_000;
    const slow = await poll();
    assertEquals([slow.error, slow.interval], ["slow_down", 10]);
    time.now += 10_000;
    assertEquals((await poll()).error, "authorization_pending");
  });
});

Deno.test("device flow: expiry, denial and a disabled device flow each have their code", async () => {
  await withGitHub(async (url, gh, time) => {
    const grant = "urn:ietf:params:oauth:grant-type:device_code";
    const a = await (await post(`${url}/login/device/code`, { client_id: "Ov23liOAUTH" })).json();
    const b = await (await post(`${url}/login/device/code`, { client_id: "Ov23liOAUTH" })).json();
    assert(gh.denyDevice(b.user_code));
    const denied = await (await post(`${url}/login/oauth/access_token`, {
      client_id: "Ov23liOAUTH",
      device_code: b.device_code,
      grant_type: grant,
    })).json();
    assertEquals(denied.error, "access_denied");
    time.now += 901_000;
    const expired = await (await post(`${url}/login/oauth/access_token`, {
      client_id: "Ov23liOAUTH",
      device_code: a.device_code,
      grant_type: grant,
    })).json();
    assertEquals(expired.error, "expired_token");
    const disabled = await post(`${url}/login/device/code`, { client_id: "Iv1.nodevice" });
    assertEquals((await disabled.json()).error, "device_flow_disabled");
    const wrongGrant = await (await post(`${url}/login/oauth/access_token`, {
      client_id: "Ov23liOAUTH",
      grant_type: "password",
    })).json();
    assertEquals(wrongGrant.error, "unsupported_grant_type");
  }, (gh) => gh.registerApp({ clientId: "Iv1.nodevice", deviceFlow: false }));
});

Deno.test("web flow: authorize page, PKCE S256 verified at exchange, client secret required", async () => {
  await withGitHub(async (url) => {
    const verifier = "v".repeat(50);
    const query = new URLSearchParams({
      client_id: "Iv1.app",
      redirect_uri: "http://127.0.0.1:5555/callback",
      state: "st-1",
      code_challenge: await s256(verifier), // computed here, not by the emulator it checks
      code_challenge_method: "S256",
    });
    const page = await fetch(`${url}/login/oauth/authorize?${query}`);
    const html = await page.text();
    assert(html.includes('action="/login/oauth/authorize"') && html.includes('value="st-1"'), html);
    const approved = await fetch(`${url}/login/oauth/authorize`, {
      method: "POST",
      body: new URLSearchParams({ ...Object.fromEntries(query), decision: "authorize" }),
      redirect: "manual",
    });
    const location = new URL(approved.headers.get("location")!);
    assertEquals(location.origin + location.pathname, "http://127.0.0.1:5555/callback");
    assertEquals(location.searchParams.get("state"), "st-1");
    const code = location.searchParams.get("code")!;
    const exchange = (extra: Record<string, string>) =>
      post(`${url}/login/oauth/access_token`, { client_id: "Iv1.app", code, ...extra }).then((r) => r.json());
    assertEquals((await exchange({ code_verifier: verifier })).error, "incorrect_client_credentials");
    assertEquals(
      (await exchange({ client_secret: "app-secret", code_verifier: "x".repeat(50) })).error,
      "bad_verification_code",
    );
    const token = await exchange({ client_secret: "app-secret", code_verifier: verifier });
    assert(
      token.access_token.startsWith("ghu_") && token.refresh_token.startsWith("ghr_"),
      "GitHub App pair",
    );
    assertEquals([token.expires_in, token.refresh_token_expires_in], [28_800, 15_811_200]);
    assertEquals(
      (await exchange({ client_secret: "app-secret", code_verifier: verifier })).error,
      "bad_verification_code",
    );
  });
});

Deno.test("web flow: cancel redirects with access_denied; a foreign redirect goes to the registered callback", async () => {
  await withGitHub(async (url) => {
    const cancel = await fetch(`${url}/login/oauth/authorize`, {
      method: "POST",
      body: new URLSearchParams({
        client_id: "Iv1.app",
        redirect_uri: "http://127.0.0.1:1/callback",
        state: "s",
      }),
      redirect: "manual",
    });
    const denied = new URL(cancel.headers.get("location")!);
    assertEquals([denied.searchParams.get("error"), denied.searchParams.get("state")], [
      "access_denied",
      "s",
    ]);
    const foreign = await fetch(
      `${url}/login/oauth/authorize?client_id=Iv1.app&redirect_uri=${
        encodeURIComponent("https://evil.example/cb")
      }`,
      { redirect: "manual" },
    );
    const mismatch = new URL(foreign.headers.get("location")!);
    assertEquals(mismatch.origin + mismatch.pathname, "http://127.0.0.1/callback");
    assertEquals(mismatch.searchParams.get("error"), "redirect_uri_mismatch");
  });
  assert(redirectAllowed("http://127.0.0.1/callback", "http://127.0.0.1:49152/callback/sub"));
  assert(!redirectAllowed("https://app.example/cb", "https://app.example:8443/cb"));
  assert(!redirectAllowed("http://127.0.0.1/callback", "http://127.0.0.1:1/other"));
});

Deno.test("refresh rotates the pair: the old refresh and access tokens stop working", async () => {
  await withGitHub(async (url, gh, time) => {
    const first = gh.issueToken("Iv1.app", "octocat");
    time.now += 8 * 3600_000;
    const expired = await fetch(`${url}/user`, {
      headers: { authorization: `Bearer ${first.access_token}` },
    });
    assertEquals([expired.status, (await expired.json()).message], [401, "Bad credentials"]);
    const refresh = (rt: string) =>
      post(`${url}/login/oauth/access_token`, {
        client_id: "Iv1.app",
        client_secret: "app-secret",
        grant_type: "refresh_token",
        refresh_token: rt,
      }).then((r) => r.json());
    const second = await refresh(first.refresh_token!);
    assert(second.access_token !== first.access_token && second.refresh_token !== first.refresh_token);
    assertEquals((await refresh(first.refresh_token!)).error, "bad_refresh_token");
    const me = await fetch(`${url}/user`, { headers: { authorization: `Bearer ${second.access_token}` } });
    assertEquals(me.status, 200);
    assertEquals(me.headers.get("x-oauth-scopes"), null, "GitHub App tokens carry no scopes header");
    await me.body?.cancel();
  });
});
