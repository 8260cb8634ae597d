import {
  GitHubAccessDeniedError,
  GitHubTokenProvider,
  GitHubWebFlowError,
  runGitHubWebFlow,
} from "../../../../lib/auth/github/mod.ts";
import { UsageError } from "../../../../lib/errors.ts";
import { HttpClient } from "../../../../lib/http/client.ts";
import { assert, assertEquals, assertRejects } from "../../../helpers/assert.ts";
import { type GitHubFixture, OAUTH_APP, startGitHub } from "../../../helpers/github.ts";

/** A "browser" that loads the authorize URL and follows GitHub's redirect to wherever it points. */
async function browse(url: string): Promise<boolean> {
  const answer = await fetch(url, { redirect: "manual" });
  await answer.body?.cancel();
  const location = answer.headers.get("location");
  if (!location) return false;
  const landed = await fetch(location);
  await landed.body?.cancel();
  return true;
}

function provider(fx: GitHubFixture, extra: { redirectUri?: string; clientSecret?: string } = {}) {
  return new GitHubTokenProvider({
    clientId: OAUTH_APP.clientId,
    clientSecret: "clientSecret" in extra ? extra.clientSecret : OAUTH_APP.clientSecret,
    scopes: ["repo"],
    flow: "web",
    host: fx.url,
    redirectUri: extra.redirectUri,
  }, {
    http: new HttpClient({ clock: fx.clock }),
    clock: fx.clock,
    webFlow: runGitHubWebFlow,
    interaction: { openBrowser: browse },
  });
}

Deno.test("web flow: browser approves, the loopback listener gets the code, PKCE exchange gives a token", async () => {
  await using fx = await startGitHub({ autoApproveWeb: true });
  const p = provider(fx);
  const tokens = await p.signIn();
  assert(tokens.accessToken.startsWith("gho_"));
  assertEquals(tokens.scopes, ["repo"]);
  assertEquals(fx.github.store.codes.size, 0, "the code was spent");
});

Deno.test("web flow: paste mode takes the redirected URL; a wrong state is rejected before any exchange", async () => {
  await using fx = await startGitHub({ autoApproveWeb: true });
  let shown = "";
  const paste = (mutate: (u: URL) => void) =>
    new GitHubTokenProvider(
      { clientId: OAUTH_APP.clientId, clientSecret: OAUTH_APP.clientSecret, flow: "web", host: fx.url },
      {
        http: new HttpClient({ clock: fx.clock }),
        clock: fx.clock,
        webFlow: runGitHubWebFlow,
        interaction: {
          paste: true,
          onAuthorizeUrl: (url) => void (shown = url),
          readRedirect: async () => {
            const answer = await fetch(shown, { redirect: "manual" });
            await answer.body?.cancel();
            const url = new URL(answer.headers.get("location")!);
            mutate(url);
            return url.toString();
          },
        },
      },
    ).signIn();
  const ok = await paste(() => {});
  assert(ok.accessToken.startsWith("gho_"));
  assertEquals(new URL(shown).searchParams.get("redirect_uri"), "http://127.0.0.1/callback");
  assertEquals(new URL(shown).searchParams.get("code_challenge_method"), "S256");
  const before = fx.github.store.tokens.size;
  const err = await assertRejects(
    () => paste((u) => u.searchParams.set("state", "forged")),
    GitHubWebFlowError,
  );
  assertEquals(err.code, "auth.github.state_mismatch");
  assertEquals(fx.github.store.tokens.size, before, "no token was issued for the forged redirect");
});

Deno.test("web flow: a denied authorization and a rejected code are typed errors", async () => {
  await using fx = await startGitHub({ autoDenyWeb: true });
  await assertRejects(() => provider(fx).signIn(), GitHubAccessDeniedError);
  fx.github.knobs.autoDenyWeb = false;
  fx.github.knobs.autoApproveWeb = true;
  const err = await assertRejects(() => provider(fx, { clientSecret: "wrong" }).signIn(), Error);
  assertEquals((err as { code?: string }).code, "auth.github.incorrect_client_credentials");
  await assertRejects(
    () => provider(fx, { clientSecret: undefined }).signIn(),
    UsageError,
    "client secret",
  );
});

Deno.test("web flow: a fixed loopback --redirect-uri is listened on at its port and path", async () => {
  await using fx = await startGitHub({ autoApproveWeb: true });
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (probe.addr as Deno.NetAddr).port;
  probe.close();
  const tokens = await provider(fx, { redirectUri: `http://127.0.0.1:${port}/callback/ppx` }).signIn();
  assert(tokens.accessToken.startsWith("gho_"));
});
