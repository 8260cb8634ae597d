import { tempDir } from "../../../helpers/fixtures.ts";
import { parseCertificate, signClientAssertion } from "../../../../lib/auth/entra/certificate.ts";
import {
  certificateCredential,
  federatedCredential,
  managedIdentityCredential,
} from "../../../../lib/auth/entra/credential.ts";
import { clearDiscoveryCache } from "../../../../lib/auth/entra/discovery.ts";
import {
  azureDevOpsAssertion,
  githubActionsAssertion,
  tokenFileAssertion,
} from "../../../../lib/auth/entra/federated.ts";
import { ManualClock, systemClock } from "../../../../lib/clock.ts";
import { envFrom } from "../../../../lib/env.ts";
import { AuthError, ConfigError } from "../../../../lib/errors.ts";
import { EMULATOR_TENANT_ID } from "@pacx/emulator";
import { assert, assertEquals, assertIncludes } from "../../../helpers/assert.ts";
import { haveOpenssl, makeCertificate, startEntra } from "../../../helpers/entra.ts";

const DV = "https://org.crm.dynamics.com";

function identity(url: string, clientId: string) {
  clearDiscoveryCache();
  return {
    tenant: EMULATOR_TENANT_ID,
    clientId,
    authority: url,
    env: envFrom({}),
    fetch,
    clock: systemClock,
  };
}

Deno.test({
  name:
    "certificate: PEM (PKCS#8 and PKCS#1), encrypted PEM, PFX (OpenSSL 3 and legacy) sign PS256 assertions with x5t#S256",
  ignore: !(await haveOpenssl()),
  async fn(t) {
    await using cert = await makeCertificate();
    await using fixture = await startEntra();
    const { emu, entra } = fixture;
    const app = entra.directory.registerApp();
    const registered = await entra.directory.addCertificate(app.clientId, cert.certPem);
    const files: [string, string | undefined][] = [
      [cert.combinedPath, undefined],
      [cert.encryptedPath, "pem-pass"],
      [cert.pkcs1Path, undefined],
      [cert.pfxPath, "pfx-pass"],
      [cert.legacyPfxPath, "pfx-pass"],
    ];
    for (const [path, password] of files) {
      await t.step(path.slice(cert.dir.length + 1), async () => {
        const loaded = await parseCertificate(await Deno.readFile(path), { path, password });
        assertEquals(loaded.thumbprintSha256, registered.thumbprintSha256, path);
        const credential = certificateCredential(
          identity(emu.url, app.clientId),
          () => Promise.resolve(loaded),
        );
        const token = await credential.acquire(`${DV}/.default`);
        assertEquals((await emu.tokens.verify(token.token, DV))?.appid, app.clientId, path);
      });
    }
    const loaded = await parseCertificate(await Deno.readFile(cert.pfxPath), { password: "pfx-pass" });
    const assertion = await signClientAssertion(loaded, app.clientId, "https://aud.test/token", Date.now());
    const header = JSON.parse(atob(assertion.split(".")[0].replace(/-/g, "+").replace(/_/g, "/")));
    assertEquals(header.alg, "PS256");
    assertEquals(header["x5t#S256"], registered.thumbprintSha256);

    const wrong = await parseCertificate(await Deno.readFile(cert.pfxPath), { password: "nope" }).then(
      () => undefined,
      (e) => e,
    );
    assert(wrong instanceof ConfigError && wrong.message.includes("password"), String(wrong));
    const wrongPem = await parseCertificate(await Deno.readFile(cert.encryptedPath), { password: "nope" })
      .then(() => undefined, (e) => e);
    assert(wrongPem instanceof ConfigError && wrongPem.message.includes("password"), String(wrongPem));
    const mismatched = await parseCertificate(await Deno.readFile(cert.mismatchedPath)).then(
      () => undefined,
      (e) => e,
    );
    assert(
      mismatched instanceof ConfigError && mismatched.message.includes("does not belong"),
      String(mismatched),
    );

    await using other = await makeCertificate();
    const unregistered = await parseCertificate(await Deno.readFile(other.combinedPath));
    const error = await certificateCredential(
      identity(emu.url, app.clientId),
      () => Promise.resolve(unregistered),
    )
      .acquire(`${DV}/.default`).then(() => undefined, (e) => e);
    assert(error instanceof AuthError);
    assertEquals(error.code, "auth.invalid-client-assertion");
  },
});

Deno.test("federated: GitHub Actions OIDC, Azure DevOps and a token file that rotates", async () => {
  await using fixture = await startEntra();
  const { emu, entra } = fixture;
  await using dirFixture = await tempDir();
  const dir = dirFixture.path;
  const app = entra.directory.registerApp();
  entra.directory.addFederatedCredential(app.clientId, {
    issuer: entra.githubIssuer,
    subject: entra.githubActions.subject,
  });
  const ghEnv = envFrom(entra.githubActionsEnv());
  const gh = federatedCredential(identity(emu.url, app.clientId), githubActionsAssertion(ghEnv, fetch));
  assert(await emu.tokens.verify((await gh.acquire(`${DV}/.default`)).token, DV), "GitHub OIDC token");

  const adoEnv = envFrom(entra.azureDevOpsEnv("sc-1", "sc://contoso/proj/conn"));
  entra.directory.addFederatedCredential(app.clientId, {
    issuer: entra.azureDevOpsIssuer,
    subject: "sc://contoso/proj/conn",
  });
  const ado = federatedCredential(
    identity(emu.url, app.clientId),
    azureDevOpsAssertion(adoEnv, fetch, undefined),
  );
  assert(await emu.tokens.verify((await ado.acquire(`${DV}/.default`)).token, DV), "Azure DevOps token");

  // A token file whose subject is not trusted fails with AADSTS70021, and works once rewritten.
  const file = `${dir}/token`;
  await Deno.writeTextFile(
    file,
    await entra.issueExternalToken({ issuer: "https://k8s.test", subject: "system:sa:other" }),
  );
  entra.directory.addFederatedCredential(app.clientId, {
    issuer: "https://k8s.test",
    subject: "system:sa:ppx",
  });
  const fromFile = federatedCredential(identity(emu.url, app.clientId), tokenFileAssertion(file));
  const error = await fromFile.acquire(`${DV}/.default`).then(() => undefined, (e) => e);
  assert(error instanceof AuthError);
  assertEquals(error.code, "auth.no-federated-credential");
  await Deno.writeTextFile(
    file,
    await entra.issueExternalToken({ issuer: "https://k8s.test", subject: "system:sa:ppx" }),
  );
  assert(await emu.tokens.verify((await fromFile.acquire(`${DV}/.default`)).token, DV), "re-read file");

  const denied = await githubActionsAssertion(
    envFrom({ ...entra.githubActionsEnv(), ACTIONS_ID_TOKEN_REQUEST_TOKEN: "x" }),
    fetch,
  )()
    .then(() => undefined, (e) => e);
  assert(denied instanceof AuthError);
  assertIncludes(denied.hint ?? "", "id-token: write");
});

Deno.test("managed identity: IMDS system/user-assigned by client, object and resource id; App Service", async () => {
  await using fixture = await startEntra();
  const { emu, entra } = fixture;
  const system = entra.directory.addManagedIdentity();
  const user = entra.directory.addManagedIdentity({ kind: "user", resourceId: "/subscriptions/s/rg/id1" });
  const deps = { env: envFrom(entra.imdsEnv()), fetch, clock: systemClock };
  const scope = "https://service.powerapps.com//.default";
  const sys = await managedIdentityCredential({}, deps).acquire(scope);
  assertEquals(
    (await emu.tokens.verify(sys.token, "https://service.powerapps.com/"))?.oid,
    system.objectId,
  );
  assert(sys.expiresAt > Date.now() + 3000_000, "expiry from expires_on");
  for (
    const selector of [{ clientId: user.clientId }, { objectId: user.objectId }, {
      resourceId: user.resourceId,
    }]
  ) {
    const t = await managedIdentityCredential(selector, deps).acquire(`${DV}/.default`);
    assertEquals((await emu.tokens.verify(t.token, DV))?.oid, user.objectId);
  }
  const missing = await managedIdentityCredential({ clientId: "nope" }, deps).acquire(`${DV}/.default`)
    .then(
      () => undefined,
      (e) => e,
    );
  assert(missing instanceof AuthError && missing.message.includes("Identity not found"), String(missing));
  const appService = { env: envFrom(entra.appServiceEnv()), fetch, clock: systemClock };
  const t = await managedIdentityCredential({}, appService).acquire(`${DV}/.default`);
  assertEquals((await emu.tokens.verify(t.token, DV))?.oid, system.objectId);
  assertEquals(entra.stats.appService, 1);
  const none = await managedIdentityCredential({}, {
    env: envFrom({ AZURE_POD_IDENTITY_AUTHORITY_HOST: "http://127.0.0.1:9" }),
    fetch,
    clock: systemClock,
  }).acquire(`${DV}/.default`).then(() => undefined, (e) => e);
  assert(none instanceof AuthError);
  assertEquals(none.code, "auth.managed-identity-unavailable");
});

Deno.test("managed identity: IMDS 410, 404, 500 and 429 are retried with backoff; 410 waits at least 70 s in all", async () => {
  await using fixture = await startEntra();
  const { emu, entra } = fixture;
  const system = entra.directory.addManagedIdentity();
  const clock = new ManualClock();
  const deps = { env: envFrom(entra.imdsEnv()), fetch, clock };
  entra.managedIdentityFaults.push({ status: 410 }, { status: 404 }, { status: 500 }, {
    status: 429,
    retryAfter: 30,
  });
  const t = await managedIdentityCredential({}, deps).acquire(`${DV}/.default`);
  assertEquals((await emu.tokens.verify(t.token, DV))?.oid, system.objectId);
  assertEquals(entra.stats.imds, 5, "four faults, then the token");
  assertEquals(clock.sleeps.length, 4);
  assert(clock.sleeps[0] >= 2400 && clock.sleeps[0] <= 3000, `410 starts at 3 s: ${clock.sleeps[0]}`);
  assert(
    clock.sleeps[1] >= 1280 && clock.sleeps[1] <= 1600,
    `404: 800 ms doubled once: ${clock.sleeps[1]}`,
  );
  assertEquals(clock.sleeps[3], 30_000, "Retry-After of the 429 is longer than the backoff");

  // A 410 that never ends: five retries, which wait over 70 s together, then a clear error.
  const gone = new ManualClock();
  entra.managedIdentityFaults.push(...Array.from({ length: 6 }, () => ({ status: 410 })));
  const error = await managedIdentityCredential({}, { ...deps, clock: gone }).acquire(`${DV}/.default`)
    .then(() => undefined, (e) => e);
  assert(error instanceof AuthError, String(error));
  assertIncludes(error.message, "6 attempts");
  assertIncludes(error.hint ?? "", "try again");
  assertEquals(gone.sleeps.length, 5);
  assert(gone.sleeps.reduce((a, b) => a + b, 0) >= 70_000, `waited ${gone.sleeps}`);

  // Retry-After as an HTTP-date counts too; one past the HTTP client's 60 s cap waits only the cap.
  const dated = new ManualClock();
  entra.managedIdentityFaults.push(
    { status: 429, retryAfter: new Date(dated.now() + 45_000).toUTCString() },
    { status: 503, retryAfter: 3600 },
  );
  await managedIdentityCredential({}, { ...deps, clock: dated }).acquire(`${DV}/.default`);
  assertEquals(dated.sleeps[0], 45_000, "HTTP-date Retry-After");
  assertEquals(dated.sleeps[1], 60_000, "an hour's Retry-After is capped");

  // A 400 is an answer, not a hiccup: no retry.
  const before = entra.stats.imds;
  entra.managedIdentityFaults.push({ status: 400 });
  const bad = await managedIdentityCredential({}, deps).acquire(`${DV}/.default`).then(
    () => undefined,
    (e) => e,
  );
  assert(bad instanceof AuthError);
  assertEquals(entra.stats.imds - before, 1);
});
