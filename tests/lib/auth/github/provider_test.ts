import {
  fetchGitHubAccount,
  GitHubRefreshRejectedError,
  GitHubTokenProvider,
  type GitHubTokenSet,
  readGitHubOAuthAnswer,
  refreshGitHubToken,
  resolveGitHubHost,
} from "../../../../lib/auth/github/mod.ts";
import { AuthError } from "../../../../lib/errors.ts";
import { HttpClient } from "../../../../lib/http/client.ts";
import { assert, assertEquals, assertRejects } from "../../../helpers/assert.ts";
import { GITHUB_APP, OAUTH_APP, startGitHub } from "../../../helpers/github.ts";

Deno.test("provider: signs in a GitHub App by device flow, then refreshes 8 h later and stores the rotated pair", async () => {
  await using fx = await startGitHub({ approveAfterPolls: 0 });
  const stored: GitHubTokenSet[] = [];
  const provider = new GitHubTokenProvider({ clientId: GITHUB_APP.clientId, host: fx.url }, {
    http: new HttpClient({ clock: fx.clock }),
    clock: fx.clock,
    onTokens: (t) => void stored.push(t),
    interaction: { onDeviceCode: () => {} },
  });
  const first = await provider.getToken();
  assert(first.startsWith("ghu_"));
  assertEquals(stored.length, 1);
  assertEquals(
    stored[0].expiresAt,
    fx.clock.now() + 8 * 3600_000,
    "8 h, counted from the request",
  );
  assert(stored[0].refreshToken?.startsWith("ghr_"));
  assertEquals(await provider.getToken(), first, "cached while valid");

  fx.clock.advance(8 * 3600_000 - 4 * 60_000); // inside the 5-minute refresh margin
  const second = await provider.getToken();
  assert(second !== first && second.startsWith("ghu_"));
  assertEquals(stored.length, 2);
  assert(stored[1].refreshToken !== stored[0].refreshToken, "the refresh token rotated");
  assertEquals(fx.github.tokenInfo(first), undefined, "GitHub killed the old access token");
  assertEquals((await fetchGitHubAccount(new HttpClient(), provider.endpoints, second)).login, "octocat");

  // The old refresh token is dead: reusing it is bad_refresh_token.
  await assertRejects(
    () =>
      refreshGitHubToken({
        http: new HttpClient({ clock: fx.clock }),
        endpoints: provider.endpoints,
        clientId: GITHUB_APP.clientId,
        refreshToken: stored[0].refreshToken!,
        clock: fx.clock,
      }),
    GitHubRefreshRejectedError,
  );
});

Deno.test("provider: concurrent callers share one refresh", async () => {
  await using fx = await startGitHub();
  const issued = fx.github.issueToken(GITHUB_APP.clientId, "octocat");
  let refreshes = 0;
  const provider = new GitHubTokenProvider(
    { clientId: GITHUB_APP.clientId, clientSecret: GITHUB_APP.clientSecret, host: fx.url },
    {
      http: new HttpClient({ clock: fx.clock }),
      clock: fx.clock,
      tokens: {
        accessToken: issued.access_token,
        scopes: [],
        expiresAt: fx.clock.now(),
        refreshToken: issued.refresh_token,
      },
      onTokens: () => void refreshes++,
    },
  );
  const [a, b] = await Promise.all([provider.getToken(), provider.getToken()]);
  assertEquals(a, b);
  assertEquals(refreshes, 1);
});

Deno.test("provider: a rejected refresh without interaction is an AuthError that says to sign in again", async () => {
  await using fx = await startGitHub();
  const provider = new GitHubTokenProvider({ clientId: GITHUB_APP.clientId, host: fx.url }, {
    http: new HttpClient({ clock: fx.clock }),
    clock: fx.clock,
    tokens: {
      accessToken: "ghu_stale",
      scopes: [],
      expiresAt: fx.clock.now() - 1,
      refreshToken: "ghr_revoked",
    },
  });
  const err = await assertRejects(() => provider.getToken(), AuthError, "could not be refreshed");
  assertEquals(err.code, "auth.github.bad_refresh_token");
  assertEquals(err.hint, "Sign in again.");
});

Deno.test("provider: a rejected refresh with interaction falls back to a new sign-in", async () => {
  await using fx = await startGitHub({ approveAfterPolls: 0 });
  let prompts = 0;
  const provider = new GitHubTokenProvider({ clientId: OAUTH_APP.clientId, host: fx.url }, {
    http: new HttpClient({ clock: fx.clock }),
    clock: fx.clock,
    tokens: { accessToken: "gho_revoked", scopes: [], refreshToken: "ghr_revoked" },
    interaction: { onDeviceCode: () => void prompts++ },
  });
  const token = await provider.getToken({ forceRefresh: true });
  assert(token.startsWith("gho_"));
  assertEquals(prompts, 1);
});

Deno.test("answers: form-encoded bodies (proxies that ignore Accept) read the same as JSON", async () => {
  const form = new Response("access_token=gho_x&scope=repo%2Cgist&token_type=bearer", {
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
  });
  assertEquals(await readGitHubOAuthAnswer(form, "token"), {
    access_token: "gho_x",
    scope: "repo,gist",
    token_type: "bearer",
  });
  const html = new Response("<html>Sign in to your proxy</html>", {
    headers: { "content-type": "text/html" },
  });
  await assertRejects(() => readGitHubOAuthAnswer(html, "token"), Error, "cannot read");
});

Deno.test("hosts: github.com, GHE.com, GHES and loopback http; plain http elsewhere is refused", async () => {
  const dotcom = resolveGitHubHost(undefined);
  assertEquals([dotcom.host, dotcom.tokenUrl, dotcom.apiUrl], [
    "github.com",
    "https://github.com/login/oauth/access_token",
    "https://api.github.com",
  ]);
  const ghes = resolveGitHubHost("GHE.Example.com");
  assertEquals([ghes.host, ghes.deviceCodeUrl, ghes.apiUrl], [
    "ghe.example.com",
    "https://ghe.example.com/login/device/code",
    "https://ghe.example.com/api/v3",
  ]);
  assertEquals(resolveGitHubHost("octo.ghe.com").apiUrl, "https://api.octo.ghe.com");
  assertEquals(resolveGitHubHost("https://ghe.example.com:8443/").host, "https://ghe.example.com:8443");
  assertEquals(
    resolveGitHubHost("http://127.0.0.1:8080").authorizeUrl,
    "http://127.0.0.1:8080/login/oauth/authorize",
  );
  assertEquals(resolveGitHubHost("http://[::1]:9/").apiUrl, "http://[::1]:9/api/v3");
  await assertRejects(
    () => Promise.resolve().then(() => resolveGitHubHost("http://ghe.example.com")),
    Error,
    "plain http",
  );
  await assertRejects(
    () => Promise.resolve().then(() => resolveGitHubHost("ftp://x")),
    Error,
    "not supported",
  );
});
