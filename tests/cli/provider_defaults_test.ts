// One default profile per provider: a GitHub sign-in never replaces the Azure default.
import { assert, assertEquals, assertIncludes, assertNotIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { tempConfig } from "../helpers/config.ts";
import { OAUTH_APP, startGitHub } from "../helpers/github.ts";
import { selectProfile, upsertProfile, useProfile } from "../../lib/config/profiles.ts";
import { emptyConfig } from "../../lib/config/schema.ts";

async function readConfig(file: string) {
  return JSON.parse(await Deno.readTextFile(file));
}

Deno.test("profiles: each provider keeps its own default", () => {
  const doc = emptyConfig();
  upsertProfile(doc, { name: "work", provider: "azure" });
  upsertProfile(doc, { name: "gh", provider: "github" }, { setDefault: true });
  assertEquals([doc.default, doc.default_github], ["work", "gh"]);
  assertEquals(selectProfile(doc, undefined, "azure")?.name, "work");
  assertEquals(selectProfile(doc, undefined, "github")?.name, "gh");
  upsertProfile(doc, { name: "gh2", provider: "github" });
  assertEquals(doc.default_github, "gh", "a second profile does not take over");
  useProfile(doc, "gh2");
  assertEquals([doc.default, doc.default_github], ["work", "gh2"]);
  // An older file kept a GitHub profile in `default`: it is the GitHub default, not an Azure one.
  const legacy = emptyConfig();
  upsertProfile(legacy, { name: "old", provider: "github" });
  legacy.default = "old";
  delete legacy.default_github;
  assertEquals(selectProfile(legacy, undefined, "azure"), undefined);
  assertEquals(selectProfile(legacy, undefined, "github")?.name, "old");
});

Deno.test("auth github keeps the Azure default; auth token and dv pick the default of their provider", async () => {
  await using fx = await startGitHub({ approveAfterPolls: 0 });
  await using cfg = await tempConfig();
  const env = { PATH: "", PPX_CONFIG_DIR: cfg.dir, PPX_CONFIG_ENCRYPTION_KEY: "k" };
  // Only a GitHub profile: `auth token` without a name uses it (was: "no profile is selected").
  const gh = ["--client-id", OAUTH_APP.clientId, "--hostname", fx.url];
  assertEquals((await runPpx(["auth", "github", "gh", ...gh], { env, clock: fx.clock })).code, 0);
  const token = await runPpx(["auth", "token"], { env, clock: fx.clock });
  assertEquals(token.code, 0, token.stderr);
  assert(fx.github.tokenInfo(token.stdout.trim()));
  // Dataverse with only a GitHub profile names the real cause.
  const dv = await runPpx(["dv", "whoami"], { env: { ...env, DATAVERSE_HOST: "http://127.0.0.1:9" } });
  assertEquals(dv.code, 4, dv.stderr);
  assertIncludes(dv.stderr, "'gh' signs in with GitHub");

  // Without any host at all, the missing host names the real cause too.
  const noHost = await runPpx(["dv", "whoami"], { env });
  assertIncludes(noHost.stderr, "No Dataverse host is set");
  assertIncludes(noHost.stderr, "'gh' signs in with GitHub");

  const created = await runPpx(
    ["auth", "create", "work", "--no-login", "--tenant-id", "t", "--environment", "http://127.0.0.1:9"],
    { env },
  );
  assertEquals(created.code, 0, created.stderr);
  assertEquals((await runPpx(["auth", "github", "gh2", ...gh], { env, clock: fx.clock })).code, 0);
  const doc = await readConfig(cfg.file);
  assertEquals([doc.default, doc.default_github], ["work", "gh2"]);
  // dv uses the Azure default and its host: the error is about signing in, not a missing host.
  const whoami = await runPpx(["dv", "whoami"], { env });
  assertNotIncludes(whoami.stderr, "No Dataverse host is set");
  assertIncludes(whoami.stderr, "work");
  const list = await runPpx(["profile", "list", "--json"], { env });
  const rows = JSON.parse(list.stdout) as { name: string; default: boolean }[];
  assertEquals(rows.filter((r) => r.default).map((r) => r.name).sort(), ["gh2", "work"]);
});

Deno.test("a denied interactive GitHub sign-in ends with the command that signs in again (exit 4)", async () => {
  await using fx = await startGitHub({ denyAfterPolls: 0, approveAfterPolls: undefined });
  await using cfg = await tempConfig();
  const env = { PATH: "", PPX_CONFIG_DIR: cfg.dir, PPX_CONFIG_ENCRYPTION_KEY: "k" };
  const r = await runPpx([
    "auth",
    "github",
    "work",
    "--client-id",
    OAUTH_APP.clientId,
    "--hostname",
    fx.url,
  ], {
    env,
    clock: fx.clock,
  });
  assertEquals(r.code, 4, r.stderr);
  const message = r.stderr.split("\n").find((line) => line.startsWith("error:"))!;
  assert(message.endsWith("Run `ppx auth github work` to (re)authenticate."), r.stderr);
  assertNotIncludes(r.stderr, "Run the sign-in again");
});
