import {
  GitHubAccessDeniedError,
  GitHubClientCredentialsError,
  GitHubDeviceCodeExpiredError,
  type GitHubDeviceCodePrompt,
  GitHubDeviceFlowDisabledError,
  githubOAuthError,
  resolveGitHubHost,
  runGitHubDeviceFlow,
} from "../../../../lib/auth/github/mod.ts";
import { hintOf } from "../../../../cli/remedies.ts";
import { HttpClient } from "../../../../lib/http/client.ts";
import { assert, assertEquals, assertRejects } from "../../../helpers/assert.ts";
import { type GitHubFixture, OAUTH_APP, startGitHub } from "../../../helpers/github.ts";

function flow(
  fx: GitHubFixture,
  prompts: GitHubDeviceCodePrompt[],
  onPrompt?: (p: GitHubDeviceCodePrompt) => void,
) {
  return runGitHubDeviceFlow({
    http: new HttpClient({ clock: fx.clock }),
    endpoints: resolveGitHubHost(fx.url),
    clientId: OAUTH_APP.clientId,
    scopes: ["repo", "read:org"],
    clock: fx.clock,
    onPrompt: (p) => {
      prompts.push(p);
      onPrompt?.(p);
    },
  });
}

Deno.test("device flow: shows the code once, polls at the interval and returns the granted token", async () => {
  await using fx = await startGitHub({ approveAfterPolls: 2 });
  const prompts: GitHubDeviceCodePrompt[] = [];
  const tokens = await flow(fx, prompts);
  assertEquals(prompts.length, 1);
  assertEquals(prompts[0].verificationUri, `${fx.url}/login/device`);
  assert(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(prompts[0].userCode), prompts[0].userCode);
  assertEquals([prompts[0].interval, prompts[0].expiresIn], [5, 900]);
  assert(tokens.accessToken.startsWith("gho_"));
  assertEquals(tokens.scopes, ["repo", "read:org"]);
  assertEquals(tokens.expiresAt, undefined, "OAuth App tokens do not expire");
  // Two pending polls, then approval on the third: three waits of the 5 s interval, nothing shorter.
  assertEquals(fx.clock.sleeps, [5000, 5000, 5000]);
  assert(fx.github.tokenInfo(tokens.accessToken), "the emulator accepts the token");
});

Deno.test("device flow: slow_down makes the interval grow by 5 s each time and it stays grown", async () => {
  await using fx = await startGitHub({ slowDownPolls: 2, approveAfterPolls: 1 });
  await flow(fx, []);
  assertEquals(fx.clock.sleeps, [5000, 10000, 15000, 15000]);
});

Deno.test("device flow: a code that runs out of time is an expired-code error, without extra polls", async () => {
  await using fx = await startGitHub({ deviceCodeExpiresIn: 12 });
  const err = await assertRejects(() => flow(fx, []), GitHubDeviceCodeExpiredError);
  assertEquals(err.code, "auth.github.expired_token");
  assertEquals(err.exitCode, 4);
  assertEquals(
    fx.clock.sleeps,
    [5000, 5000],
    "polls at 5 and 10 s; a poll at 15 s would be past the 12 s lifetime",
  );
  assert(githubOAuthError("token_expired") instanceof GitHubDeviceCodeExpiredError, "doc spelling too");
});

Deno.test("device flow: denial on GitHub stops polling with access_denied", async () => {
  await using fx = await startGitHub();
  const err = await assertRejects(
    () => flow(fx, [], (p) => void fx.github.denyDevice(p.userCode)),
    GitHubAccessDeniedError,
  );
  assert(err.hint!.includes("Authorize"), err.hint);
  assertEquals(fx.clock.sleeps.length, 1);
});

Deno.test("device flow: disabled in the app's settings, at the start or while polling", async () => {
  await using fx = await startGitHub();
  fx.github.registerApp({ clientId: "Iv1.nodeviceflow0000", deviceFlow: false });
  const http = new HttpClient({ clock: fx.clock });
  const endpoints = resolveGitHubHost(fx.url);
  const start = await assertRejects(
    () =>
      runGitHubDeviceFlow({
        http,
        endpoints,
        clientId: "Iv1.nodeviceflow0000",
        scopes: [],
        clock: fx.clock,
        onPrompt: () => {},
      }),
    GitHubDeviceFlowDisabledError,
  );
  assert(hintOf(start)!.includes("--web"), hintOf(start));
  // The owner switches it off after the code was issued.
  await assertRejects(
    () => flow(fx, [], () => void (fx.github.store.apps.get(OAUTH_APP.clientId)!.deviceFlow = false)),
    GitHubDeviceFlowDisabledError,
  );
});

Deno.test("device flow: an unknown client id is incorrect_client_credentials with a hint about the Client ID", async () => {
  await using fx = await startGitHub();
  const err = await assertRejects(
    () =>
      runGitHubDeviceFlow({
        http: new HttpClient({ clock: fx.clock }),
        endpoints: resolveGitHubHost(fx.url),
        clientId: "Ov23liUnknown",
        scopes: [],
        clock: fx.clock,
        onPrompt: () => {},
      }),
    GitHubClientCredentialsError,
  );
  assert(hintOf(err)!.includes("Client ID"), hintOf(err));
});
