// `ppx auth github`, `ppx auth status|token` for GitHub profiles and `ppx login` routing, in-process
// against the emulator, with the real config store and a real (private) Secret Service.
import { runCli } from "../../cli/main.ts";
import { BufferIO } from "../../cli/output/io.ts";
import { ScriptedPrompter } from "../../cli/prompter.ts";
import { envFrom } from "../../lib/env.ts";
import { assert, assertEquals, assertIncludes, assertNotIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { tempConfig } from "../helpers/config.ts";
import { GITHUB_APP, OAUTH_APP, startGitHub } from "../helpers/github.ts";
import { secretServiceMissing, startSecretService } from "../helpers/secret_service.ts";

/** `ppx auth github NAME --web` with the OAuth App, its secret from APP_SECRET, and no browser. */
function webSignIn(name: string, hostname: string, ...extra: string[]): string[] {
  return [
    "auth",
    "github",
    name,
    "--client-id",
    OAUTH_APP.clientId,
    "--web",
    "--client-secret-env",
    "APP_SECRET",
    "--hostname",
    hostname,
    "--no-browser",
    ...extra,
  ];
}

const missing = secretServiceMissing();
if (missing) console.warn(`GitHub keyring tests: ${missing}`);
const SUFFIX = "to (re)authenticate.";

async function readConfig(file: string) {
  return JSON.parse(await Deno.readTextFile(file));
}

Deno.test({
  name: "auth github: device flow prints the code, stores the token in the keyring, records the profile",
  ignore: missing !== undefined,
  fn: async () => {
    await using fx = await startGitHub({ approveAfterPolls: 1 });
    await using cfg = await tempConfig();
    await using service = await startSecretService();
    const env = { ...service.values, PPX_CONFIG_DIR: cfg.dir };
    const r = await runPpx(
      [
        "auth",
        "github",
        "work",
        "--client-id",
        OAUTH_APP.clientId,
        "--scopes",
        "repo, read:org",
        "--hostname",
        fx.url,
        "--json",
      ],
      { env, clock: fx.clock },
    );
    assertEquals(r.code, 0, r.stderr);
    assertIncludes(r.stderr, "First copy your one-time code: ");
    assertIncludes(r.stderr, `${fx.url}/login/device`);
    const out = JSON.parse(r.stdout);
    assertEquals([out.account, out.scopes, out.storage, out.default], [
      "octocat",
      "repo, read:org",
      "keyring",
      true,
    ]);
    const doc = await readConfig(cfg.file);
    const p = doc.profiles.work;
    assertEquals([p.provider, p.host, p.client_id, p.token.account], [
      "github",
      fx.url,
      OAUTH_APP.clientId,
      "octocat",
    ]);
    assertEquals(p.token.scopes_granted, ["repo", "read:org"]);
    assertEquals(p.secret_refs.access_token, "keyring:ppx:github-access-token:work");
    assertNotIncludes(await Deno.readTextFile(cfg.file), "gho_", "no token in the config file");

    const token = await runPpx(["auth", "token", "work"], { env, clock: fx.clock });
    assertEquals(token.code, 0, token.stderr);
    assert(fx.github.tokenInfo(token.stdout.trim()), "the printed token is the one GitHub issued");
    const status = await runPpx(["auth", "status", "--json"], { env, clock: fx.clock });
    assertEquals(status.code, 0, status.stderr);
    const row = JSON.parse(status.stdout)[0];
    assertEquals([row.profile, row.account, row.scopes, row.origin, row.ok], [
      "work",
      "octocat",
      ["repo", "read:org"],
      "stored",
      true,
    ]);
  },
});

Deno.test("auth github: without a keyring the tokens go to the encrypted config, and a refresh rotates them there", async () => {
  await using fx = await startGitHub({ approveAfterPolls: 0 });
  await using cfg = await tempConfig();
  // No D-Bus session: the keyring helper cannot reach a Secret Service.
  const env = {
    PATH: Deno.env.get("PATH") ?? "",
    PPX_CONFIG_DIR: cfg.dir,
    PPX_CONFIG_ENCRYPTION_KEY: "correct horse battery staple",
  };
  const r = await runPpx([
    "auth",
    "github",
    "app",
    "--client-id",
    GITHUB_APP.clientId,
    "--hostname",
    fx.url,
    "--json",
  ], {
    env,
    clock: fx.clock,
  });
  assertEquals(r.code, 0, r.stderr);
  assertEquals(JSON.parse(r.stdout).storage, "encrypted");
  assertIncludes(r.stderr, "keyring unavailable");
  const text = await Deno.readTextFile(cfg.file);
  assertNotIncludes(text, "ghu_");
  assertNotIncludes(text, "ghr_");
  const before = (await readConfig(cfg.file)).profiles.app;
  assertEquals(before.secret_refs.refresh_token, "config:github-refresh-token:app");

  fx.clock.advance(8 * 3600_000);
  const t = await runPpx(["auth", "token", "app"], { env, clock: fx.clock });
  assertEquals(t.code, 0, t.stderr);
  const fresh = t.stdout.trim();
  assert(fx.github.tokenInfo(fresh), "a refreshed token GitHub accepts");
  const after = (await readConfig(cfg.file)).profiles.app;
  assert(after.token.expires_at > before.token.expires_at, "new expiry recorded");
  const again = await runPpx(["auth", "token", "app"], { env, clock: fx.clock });
  assertEquals(again.stdout.trim(), fresh, "the rotated token was stored and is reused");
  // --debug traces every exchange, but never a token, refresh token, device code or secret.
  fx.clock.advance(8 * 3600_000);
  const traced = await runPpx(["auth", "status", "--debug"], { env, clock: fx.clock });
  assertEquals(traced.code, 0, traced.stderr);
  assertIncludes(traced.stderr, "grant_type=refresh_token");
  const issued = [...fx.github.store.tokens.keys(), ...fx.github.store.refreshTokens.keys()];
  assert(issued.length >= 2);
  for (const secret of [...issued, fresh]) assertNotIncludes(traced.stderr, secret);
});

Deno.test("parallel invocations refreshing one GitHub profile all succeed (the refresh token works once)", async () => {
  await using fx = await startGitHub({ approveAfterPolls: 0 });
  await using cfg = await tempConfig();
  const env = { PATH: "", PPX_CONFIG_DIR: cfg.dir, PPX_CONFIG_ENCRYPTION_KEY: "k" };
  const login = ["auth", "github", "app", "--client-id", GITHUB_APP.clientId, "--hostname", fx.url];
  assertEquals((await runPpx(login, { env, clock: fx.clock })).code, 0);
  fx.clock.advance(8 * 3600_000);
  const runs = await Promise.all(
    [1, 2, 3].map(() => runPpx(["auth", "token", "app"], { env, clock: fx.clock })),
  );
  for (const r of runs) assertEquals(r.code, 0, r.stderr);
  const tokens = new Set(runs.map((r) => r.stdout.trim()));
  assertEquals(tokens.size, 1, "one refresh; the others use the pair it stored");
  assert(fx.github.tokenInfo([...tokens][0]), "a token GitHub accepts");
});

Deno.test("auth github: --no-set-default leaves the default alone; the first profile becomes default anyway", async () => {
  await using fx = await startGitHub({ approveAfterPolls: 0 });
  await using cfg = await tempConfig();
  const env = { PATH: "", PPX_CONFIG_DIR: cfg.dir, PPX_CONFIG_ENCRYPTION_KEY: "k" };
  const base = ["--client-id", OAUTH_APP.clientId, "--hostname", fx.url, "--no-set-default"];
  assertEquals((await runPpx(["auth", "github", "first", ...base], { env, clock: fx.clock })).code, 0);
  assertEquals((await readConfig(cfg.file)).default_github, "first");
  const second = await runPpx(["auth", "github", "second", ...base], { env, clock: fx.clock });
  assertEquals(second.code, 0, second.stderr);
  assertIncludes(second.stderr, "default profile unchanged");
  assertEquals((await readConfig(cfg.file)).default_github, "first");
  await runPpx(["auth", "github", "third", "--client-id", OAUTH_APP.clientId, "--hostname", fx.url], {
    env,
    clock: fx.clock,
  });
  assertEquals((await readConfig(cfg.file)).default_github, "third");
});

Deno.test("GitHub token failures end with the re-authentication command; env tokens win over the profile", async () => {
  await using fx = await startGitHub({ approveAfterPolls: 0 });
  await using cfg = await tempConfig();
  const env = { PATH: "", PPX_CONFIG_DIR: cfg.dir, PPX_CONFIG_ENCRYPTION_KEY: "k" };
  await runPpx(["auth", "github", "app", "--client-id", GITHUB_APP.clientId, "--hostname", fx.url], {
    env,
    clock: fx.clock,
  });
  // Six months and a day later the refresh token is dead too.
  fx.clock.advance(184 * 24 * 3600_000);
  const dead = await runPpx(["auth", "token", "app"], { env, clock: fx.clock });
  assertEquals(dead.code, 4);
  assert(dead.stderr.split("\n")[0].endsWith(`Run \`ppx auth github app\` ${SUFFIX}`), dead.stderr);
  const status = await runPpx(["auth", "status"], { env, clock: fx.clock });
  assertEquals(status.code, 4, "status exits 4 when a profile cannot get a token");

  const withEnv = await runPpx(["auth", "token", "app"], {
    env: { ...env, GH_TOKEN: "ghp_fromTheEnvironment0000" },
    clock: fx.clock,
  });
  assertEquals(withEnv.stdout.trim(), "ghp_fromTheEnvironment0000");

  // A profile that lost its client id names the field and the command.
  const doc = await readConfig(cfg.file);
  delete doc.profiles.app.client_id;
  await Deno.writeTextFile(cfg.file, JSON.stringify(doc));
  const noId = await runPpx(["auth", "token", "app"], { env, clock: fx.clock });
  assertEquals(noId.code, 4);
  assertIncludes(noId.stderr, "has no client_id");
  assertIncludes(noId.stderr, `Run \`ppx auth github app\` ${SUFFIX}`);
  assertIncludes(noId.stderr, "ppx auth github app --client-id <CLIENT_ID>");
});

Deno.test("auth github: bad input fails before any network call, naming the fix", async () => {
  await using cfg = await tempConfig();
  const env = { PATH: "", PPX_CONFIG_DIR: cfg.dir };
  const http = await runPpx([
    "auth",
    "github",
    "x",
    "--client-id",
    "c",
    "--hostname",
    "http://github.example.com",
  ], { env });
  assertEquals(http.code, 2);
  assertIncludes(http.stderr, "Refusing plain http");
  const both = await runPpx(["auth", "github", "x", "--client-id", "c", "--web", "--device"], { env });
  assertEquals(both.code, 2);
  const noId = await runPpx(["auth", "github", "x"], { env });
  assertEquals(noId.code, 2);
  assertIncludes(noId.stderr, "--client-id");
  const secretEnv = await runPpx([
    "auth",
    "github",
    "x",
    "--client-id",
    "c",
    "--web",
    "--client-secret-env",
    "NOPE",
  ], { env });
  assertEquals(secretEnv.code, 2);
  assertIncludes(secretEnv.stderr, "NOPE");
});

Deno.test("auth github --web --no-browser, piped: the URL is printed; a redirect from another attempt is refused", async () => {
  await using fx = await startGitHub({ autoApproveWeb: true });
  await using cfg = await tempConfig();
  const env = {
    PATH: "",
    PPX_CONFIG_DIR: cfg.dir,
    PPX_CONFIG_ENCRYPTION_KEY: "k",
    APP_SECRET: OAUTH_APP.clientSecret,
  };
  let pasted = "";
  const browser = {
    open: async (url: string) => {
      const r = await fetch(url, { redirect: "manual" });
      await r.body?.cancel();
      pasted = r.headers.get("location")!;
      return true;
    },
  };
  // Non-TTY: the URL is printed and the redirect read from stdin, so drive it via a piped line.
  const first = await runPpx(
    webSignIn("web", fx.url, "--json"),
    { env, clock: fx.clock, stdin: "", browser },
  );
  assertEquals(first.code, 2, "no pasted line on stdin is a usage error");
  assertIncludes(first.stderr, "Open this URL in a browser");
  const url = /\n {2}(http\S+)\n/.exec(first.stderr)![1];
  await browser.open(url);
  assert(pasted.includes("code="), pasted);
  // The state in that redirect belongs to the first attempt: the second attempt must refuse it.
  const replay = await runPpx(
    webSignIn("web", fx.url),
    { env, clock: fx.clock, stdin: `${pasted}\n` },
  );
  assertEquals(replay.code, 4);
  assertIncludes(replay.stderr, "state does not match");
});

Deno.test("auth github --web --no-browser on a terminal: the pasted redirect completes the sign-in", async () => {
  await using fx = await startGitHub({ autoApproveWeb: true });
  await using cfg = await tempConfig();
  const io = new BufferIO({ tty: true });
  // The person opens the printed URL elsewhere, approves, and pastes the address the browser landed on.
  const prompter = new ScriptedPrompter([]);
  prompter.input = async (message: string) => {
    prompter.asked.push(message);
    const url = /\n {2}(http\S+)\n/.exec(io.err)![1];
    const answer = await fetch(url, { redirect: "manual" });
    await answer.body?.cancel();
    return answer.headers.get("location")!;
  };
  const code = await runCli(
    webSignIn("web", fx.url, "--json"),
    {
      io,
      env: envFrom({
        PATH: "",
        PPX_CONFIG_DIR: cfg.dir,
        PPX_CONFIG_ENCRYPTION_KEY: "k",
        APP_SECRET: OAUTH_APP.clientSecret,
      }),
      clock: fx.clock,
      prompter,
    },
  );
  assertEquals(code, 0, io.err);
  assertEquals(prompter.asked.length, 1);
  assertEquals(JSON.parse(io.out).account, "octocat");
  const p = (await readConfig(cfg.file)).profiles.web;
  assertEquals([p.flow, p.secret_refs.client_secret], ["browser", "env:APP_SECRET"]);
});

Deno.test("login: routes by --provider, by the profile's provider, asks on a TTY and fails without one", async () => {
  await using fx = await startGitHub({ approveAfterPolls: 0 });
  await using cfg = await tempConfig();
  const env = { PATH: "", PPX_CONFIG_DIR: cfg.dir, PPX_CONFIG_ENCRYPTION_KEY: "k" };
  const viaFlag = await runPpx([
    "login",
    "--client-id",
    OAUTH_APP.clientId,
    "gh",
    "--provider",
    "github",
    "--hostname",
    fx.url,
  ], {
    env,
    clock: fx.clock,
  });
  assertEquals(viaFlag.code, 0, viaFlag.stderr);
  assertIncludes(viaFlag.stderr, "First copy your one-time code");
  assertEquals((await readConfig(cfg.file)).profiles.gh.provider, "github");
  // The profile knows its provider, host and client id: `ppx login gh` re-authenticates it.
  const viaProfile = await runPpx(["login", "gh"], { env, clock: fx.clock });
  assertEquals(viaProfile.code, 0, viaProfile.stderr);
  assertIncludes(viaProfile.stderr, "Signed in to");
  // A new name on a terminal: ppx asks which provider.
  const prompter = new ScriptedPrompter(["github"]);
  const asked = await runPpx(["login", "new", "--client-id", OAUTH_APP.clientId, "--hostname", fx.url], {
    env,
    clock: fx.clock,
    tty: true,
    prompter,
    browser: { open: () => Promise.resolve(false) },
  });
  assertEquals(asked.code, 0, asked.stderr);
  assertEquals(prompter.asked, ["Sign in with which identity provider?"]);
  const noTty = await runPpx(["login", "other"], { env, clock: fx.clock });
  assertEquals(noTty.code, 2);
  assertIncludes(noTty.stderr, "--provider azure|github");
  const bad = await runPpx(["login", "--provider", "gitlab"], { env });
  assertEquals(bad.code, 2);
});

Deno.test("auth github --secure-storage refuses plaintext when there is neither a keyring nor a key", async () => {
  await using fx = await startGitHub({ approveAfterPolls: 0 });
  await using cfg = await tempConfig();
  const env = { PATH: "", PPX_CONFIG_DIR: cfg.dir };
  const base = ["auth", "github", "sec", "--client-id", OAUTH_APP.clientId, "--hostname", fx.url];
  const refused = await runPpx([...base, "--secure-storage"], { env, clock: fx.clock });
  assert(refused.code !== 0, refused.stderr);
  let stored = "";
  try {
    stored = await Deno.readTextFile(cfg.file);
  } catch {
    // no file at all is fine too
  }
  assert(!/gh[our]_/.test(stored), "no token written in plaintext");
  const plain = await runPpx(base, { env, clock: fx.clock });
  assertEquals(plain.code, 0, plain.stderr);
  assertIncludes(plain.stderr, "plain text");
});
