import { EntraTokens } from "../../../../lib/auth/entra/chain.ts";
import { clearDiscoveryCache } from "../../../../lib/auth/entra/discovery.ts";
import { AADSTS_MAP } from "../../../../lib/auth/entra/errors.ts";
import { hintOf } from "../../../../cli/remedies.ts";
import { ManualClock } from "../../../../lib/clock.ts";
import { ConfigStore } from "../../../../lib/config/store.ts";
import { configPaths } from "../../../../lib/config/paths.ts";
import { KeyringError } from "../../../../lib/auth/keyring/errors.ts";
import { SecretStore } from "../../../../lib/auth/secrets/store.ts";
import { envFrom } from "../../../../lib/env.ts";
import { AuthError } from "../../../../lib/errors.ts";
import { HttpClient } from "../../../../lib/http/client.ts";
import { EMULATOR_TENANT_ID } from "@pacx/emulator";
import { assert, assertEquals, assertIncludes } from "../../../helpers/assert.ts";
import { tempConfig } from "../../../helpers/config.ts";
import { type EntraEmulator, startEntra } from "../../../helpers/entra.ts";
import { stubServer } from "../../../helpers/stub.ts";

const DV = "https://org.crm.dynamics.com";

// A machine without a keyring (CI): the storage policy falls back, access tokens stay in memory.
const noKeyring = () => new KeyringError("no-service", "no Secret Service here", "install one");

function deps(env: Record<string, string>, dir: string, clock = new ManualClock(Date.now())) {
  const e = envFrom({ PPX_CONFIG_DIR: dir, ...env });
  const config = new ConfigStore({ paths: configPaths(e, undefined), env: e });
  const secrets = new SecretStore({
    env: e,
    config,
    keyring: () => ({
      backend: "secret-service",
      get: () => Promise.reject(noKeyring()),
      set: () => Promise.reject(noKeyring()),
      delete: () => Promise.resolve(false),
    }),
  });
  return { env: e, clock, deps: { config, secrets, env: e, fetch, clock } };
}

/** An app registered with a client secret, and the AZURE_* deps that sign in as it through the emulator. */
function secretApp(
  fixture: EntraEmulator,
  dir: string,
  clock?: ManualClock,
) {
  clearDiscoveryCache();
  const app = fixture.entra.directory.registerApp({ secrets: ["sec"] });
  return deps(
    {
      AZURE_TENANT_ID: EMULATOR_TENANT_ID,
      AZURE_CLIENT_ID: app.clientId,
      AZURE_CLIENT_SECRET: "sec",
      AZURE_AUTHORITY_HOST: fixture.emu.url,
    },
    dir,
    clock,
  );
}

Deno.test("resolution order: --profile, PPX_ACCESS_TOKEN, AZURE_* secret, GitHub OIDC, managed identity, default", async () => {
  await using fixture = await startEntra();
  const { emu, entra } = fixture;
  await using cfg = await tempConfig();
  clearDiscoveryCache();
  const app = entra.directory.registerApp({ secrets: ["sec"] });
  entra.directory.addFederatedCredential(app.clientId, {
    issuer: entra.githubIssuer,
    subject: entra.githubActions.subject,
  });
  entra.directory.addManagedIdentity();
  const azure = {
    AZURE_TENANT_ID: EMULATOR_TENANT_ID,
    AZURE_CLIENT_ID: app.clientId,
    AZURE_AUTHORITY_HOST: emu.url,
  };
  const cases: [Record<string, string>, string | undefined, string][] = [
    [{ ...azure, AZURE_CLIENT_SECRET: "sec", PPX_ACCESS_TOKEN: "raw" }, "p1", "profile"],
    [{ ...azure, AZURE_CLIENT_SECRET: "sec", PPX_ACCESS_TOKEN: "raw" }, undefined, "access-token"],
    [{ ...azure, AZURE_CLIENT_SECRET: "sec", PPX_MANAGED_IDENTITY: "1" }, undefined, "environment"],
    [{ ...azure, ...entra.githubActionsEnv(), PPX_MANAGED_IDENTITY: "1" }, undefined, "github-oidc"],
    [{ ...entra.imdsEnv(), PPX_MANAGED_IDENTITY: "system" }, undefined, "managed-identity"],
    [{}, undefined, "default-profile"],
  ];
  const { deps: d } = deps({}, cfg.dir);
  await d.config.update((doc) => {
    doc.profiles.p1 = {
      name: "p1",
      provider: "azure",
      tenant_id: EMULATOR_TENANT_ID,
      client_id: app.clientId,
      flow: "client-credential",
      authority: emu.url,
      secret_refs: { client_secret: "env:P1_SECRET" },
    };
    doc.default = "p1";
  });
  for (const [env, profile, origin] of cases) {
    const x = deps({ ...env, P1_SECRET: "sec" }, cfg.dir);
    const tokens = new EntraTokens({ env: x.env, deps: x.deps, profile });
    assertEquals((await tokens.resolved()).origin, origin, JSON.stringify(env));
    const token = await tokens.token(DV);
    if (origin === "access-token") assertEquals(token, "raw");
    else assert(await emu.tokens.verify(token, DV), `${origin}: token for the Dataverse audience`);
  }
});

Deno.test("tokens per audience, renewed ahead of expiry during a long operation, single-flight", async () => {
  const clock = new ManualClock(Date.now());
  await using fixture = await startEntra({ tokenLifetimeSeconds: 3600 }, { now: () => clock.now() });
  const { emu, entra } = fixture;
  await using cfg = await tempConfig();
  const x = secretApp(fixture, cfg.dir, clock);
  const tokens = new EntraTokens({ env: x.env, deps: x.deps });
  const [a, b, c] = await Promise.all([tokens.token(DV), tokens.token(DV), tokens.token(DV)]);
  assertEquals(entra.stats.token.client_credentials, 1, "three concurrent callers, one request");
  assert(a === b && b === c);
  const pp = await tokens.token("https://api.powerplatform.com");
  assert(
    pp !== a && await emu.tokens.verify(pp, "https://api.powerplatform.com"),
    "own token per audience",
  );
  // An "import" that polls for two hours: every call gets a valid token.
  const seen = new Set<string>();
  for (let minute = 0; minute < 120; minute += 5) {
    clock.advance(5 * 60_000);
    const t = await tokens.token(DV);
    assert(await emu.tokens.verify(t, DV), `token valid at minute ${minute + 5}`);
    seen.add(t);
  }
  assert(seen.size >= 2, "renewed ahead of expiry");
  assertEquals(entra.stats.token.client_credentials, 1 + 1 + seen.size - (seen.has(a) ? 1 : 0));
});

Deno.test("a 401 from the service gets one retry with a fresh token", async () => {
  await using fixture = await startEntra();
  const { emu, entra } = fixture;
  await using cfg = await tempConfig();
  const revoked = new Set<string>();
  // A service that revokes a token on demand: the stub, strict (exactly these three requests).
  await using api = stubServer();
  api.on("GET", "/WhoAmI", async (request) => {
    const token = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    if (revoked.has(token) || !(await emu.tokens.verify(token, DV))) return new Response("", { status: 401 });
    return Response.json({ UserId: "u1" });
  }, { times: 3 });
  const x = secretApp(fixture, cfg.dir);
  const tokens = new EntraTokens({ env: x.env, deps: x.deps });
  const http = new HttpClient({ baseUrl: api.url, token: tokens.tokenSource(DV) });
  assertEquals(await http.json("GET", "/WhoAmI"), { UserId: "u1" });
  revoked.add(await tokens.token(DV));
  assertEquals(await http.json("GET", "/WhoAmI"), { UserId: "u1" });
  assertEquals(entra.stats.token.client_credentials, 2);
  assertEquals(api.requests.length, 3);
});

Deno.test("every mapped AADSTS code becomes an actionable AuthError", async () => {
  await using fixture = await startEntra();
  const { entra } = fixture;
  await using cfg = await tempConfig();
  const x = secretApp(fixture, cfg.dir);
  for (const [code, mapping] of Object.entries(AADSTS_MAP)) {
    entra.failNext(Number(code));
    const tokens = new EntraTokens({ env: x.env, deps: x.deps });
    const error = await tokens.token(`${DV}/${code}`).then(() => undefined, (e) => e);
    assert(error instanceof AuthError, `AADSTS${code}: ${error}`);
    assertEquals(error.code, mapping.code, `AADSTS${code}`);
    assertIncludes(error.message, `AADSTS${code}`);
    assert((hintOf(error) ?? "").length > 20, `AADSTS${code} has a hint`);
    assertEquals(error.exitCode, 4);
  }
});
