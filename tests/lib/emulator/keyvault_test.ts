import { startTestEmulator } from "../../helpers/emulator.ts";
// The emulated Key Vault secrets API over HTTP, as a Key Vault client sees it.
import { SignJWT } from "jose";
import { keyVaultService } from "@pacx/emulator";
import type { RunningEmulator } from "@pacx/emulator";
import { EMULATOR_TENANT_ID } from "@pacx/emulator";
import { assert, assertEquals, assertIncludes } from "../../helpers/assert.ts";

const AUD = "https://vault.azure.net";

async function withVault(
  fn: (t: { emu: RunningEmulator; vault: string; token: string; time: { now: number } }) => Promise<void>,
) {
  const time = { now: Date.UTC(2026, 0, 1) };
  const kv = keyVaultService({ retentionDays: 7 });
  await using emu = await startTestEmulator({ services: [kv], now: () => time.now });
  await fn({
    emu,
    vault: kv.vaultUrl("kv1"),
    token: await emu.tokens.issue({ aud: AUD, expiresIn: 86_400 * 30 }),
    time,
  });
}

function call(method: string, url: string, token: string | undefined, body?: unknown) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

Deno.test("keyvault emulator: no, forged, wrong-audience or other-tenant tokens get 401 with the challenge", async () => {
  await withVault(async ({ emu, vault }) => {
    const url = `${vault}/secrets/db?api-version=7.4`;
    const none = await call("GET", url, undefined);
    assertEquals(none.status, 401);
    assertEquals(
      none.headers.get("www-authenticate"),
      `Bearer authorization="${emu.url}/${EMULATOR_TENANT_ID}", resource="https://vault.azure.net"`,
    );
    assertEquals((await none.json()).error, {
      code: "Unauthorized",
      message: "AKV10000: Request is missing a Bearer or PoP token.",
    });

    const { privateKey } = await crypto.subtle.generateKey(
      {
        name: "RSASSA-PKCS1-v1_5",
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: "SHA-256",
      },
      true,
      ["sign", "verify"],
    );
    const forged = await new SignJWT({ tid: EMULATOR_TENANT_ID }).setProtectedHeader({ alg: "RS256" })
      .setAudience(AUD).setExpirationTime("1h").sign(privateKey);
    const bad = await call("GET", url, forged);
    assertEquals(bad.status, 401);
    assertIncludes((await bad.json()).error.message, "signature does not verify");
    assert(bad.headers.get("www-authenticate")?.startsWith("Bearer authorization="));

    const dv = await call("GET", url, await emu.tokens.issue({ aud: "https://org.crm.dynamics.com" }));
    assertEquals(dv.status, 401);
    assertIncludes((await dv.json()).error.message, "AKV10022: Invalid audience");

    const otherTenant = await call(
      "GET",
      url,
      await emu.tokens.issue({ aud: AUD, tid: crypto.randomUUID() }),
    );
    assertEquals(otherTenant.status, 401);
    assertIncludes((await otherTenant.json()).error.message, "AKV10032: Invalid issuer");

    const trailing = await call("GET", url, await emu.tokens.issue({ aud: `${AUD}/` }));
    assertEquals(trailing.status, 404, "the audience with a trailing slash is the same audience");
  });
});

Deno.test("keyvault emulator: api-version is required and secret names are checked", async () => {
  await withVault(async ({ vault, token }) => {
    const missing = await call("PUT", `${vault}/secrets/db`, token, { value: "x" });
    assertEquals([missing.status, (await missing.json()).error.code], [400, "BadParameter"]);
    const unknown = await call("GET", `${vault}/secrets/db?api-version=1.0`, token);
    assertEquals(unknown.status, 400);
    assertIncludes((await unknown.json()).error.message, "(1.0) is not recognized");
    for (const name of ["bad_name", "a.b", "x".repeat(128)]) {
      const r = await call("PUT", `${vault}/secrets/${name}?api-version=7.4`, token, { value: "x" });
      assertEquals([r.status, (await r.json()).error.code], [400, "BadParameter"], name);
    }
    const longest = await call("PUT", `${vault}/secrets/${"x".repeat(127)}?api-version=7.4`, token, {
      value: "x",
    });
    assertEquals(longest.status, 200);
    const noValue = await call("PUT", `${vault}/secrets/db?api-version=7.4`, token, { contentType: "text" });
    assertEquals(noValue.status, 400);
  });
});

Deno.test("keyvault emulator: set makes versions; get reads the latest or a given one; names ignore case", async () => {
  await withVault(async ({ vault, token, time }) => {
    const first =
      await (await call("PUT", `${vault}/secrets/Db-Password?api-version=7.4`, token, { value: "one" }))
        .json();
    assertEquals(first.value, "one");
    const m = new RegExp(`^${vault}/secrets/Db-Password/([0-9a-f]{32})$`).exec(first.id);
    assert(m, first.id);
    assertEquals(first.attributes, {
      enabled: true,
      created: time.now / 1000,
      updated: time.now / 1000,
      recoveryLevel: "Recoverable+Purgeable",
      recoverableDays: 7,
    });
    time.now += 5_000;
    const second =
      await (await call("PUT", `${vault}/secrets/db-password?api-version=7.4`, token, { value: "two" }))
        .json();
    assert(second.id !== first.id);
    assertEquals(
      (await (await call("GET", `${vault}/secrets/DB-PASSWORD?api-version=7.4`, token)).json()).value,
      "two",
    );
    assertEquals(
      (await (await call("GET", `${vault}/secrets/db-password/?api-version=7.4`, token)).json()).value,
      "two",
    );
    assertEquals(
      (await (await call("GET", `${vault}/secrets/db-password/${m[1]}?api-version=7.4`, token)).json()).value,
      "one",
    );
    const noVersion = await call(
      "GET",
      `${vault}/secrets/db-password/${"0".repeat(32)}?api-version=7.4`,
      token,
    );
    assertEquals([noVersion.status, (await noVersion.json()).error.code], [404, "SecretNotFound"]);
    const absent = await call("GET", `${vault}/secrets/nope?api-version=7.4`, token);
    assertEquals(absent.status, 404);
    assertIncludes(
      (await absent.json()).error.message,
      "A secret with (name/id) nope was not found in this key vault",
    );

    const list = await (await call("GET", `${vault}/secrets?api-version=7.4`, token)).json();
    assertEquals(list.value.map((i: { id: string }) => i.id), [`${vault}/secrets/Db-Password`]);
    assertEquals(list.value[0].value, undefined, "lists never carry values");

    await call("PUT", `${vault}/secrets/off?api-version=7.4`, token, {
      value: "v",
      attributes: { enabled: false },
    });
    const disabled = await call("GET", `${vault}/secrets/off?api-version=7.4`, token);
    assertEquals([disabled.status, (await disabled.json()).error.innererror.code], [403, "SecretDisabled"]);
  });
});

Deno.test("keyvault emulator: delete is soft; the name stays taken until recovered or purged", async () => {
  await withVault(async ({ vault, token, time }) => {
    await call("PUT", `${vault}/secrets/db?api-version=7.4`, token, { value: "v1" });
    const deleted = await call("DELETE", `${vault}/secrets/db?api-version=7.4`, token);
    assertEquals(deleted.status, 200);
    const bundle = await deleted.json();
    assertEquals(bundle.recoveryId, `${vault}/deletedsecrets/db`);
    assertEquals([bundle.deletedDate, bundle.scheduledPurgeDate], [
      time.now / 1000,
      time.now / 1000 + 7 * 86_400,
    ]);
    assertEquals(bundle.value, undefined);
    assert(bundle.id.startsWith(`${vault}/secrets/db/`));

    assertEquals((await call("GET", `${vault}/secrets/db?api-version=7.4`, token)).status, 404);
    assertEquals((await call("DELETE", `${vault}/secrets/db?api-version=7.4`, token)).status, 404);
    const reuse = await call("PUT", `${vault}/secrets/db?api-version=7.4`, token, { value: "v2" });
    assertEquals(reuse.status, 409);
    assertEquals((await reuse.json()).error.innererror.code, "ObjectIsDeletedButRecoverable");
    assertEquals(
      (await (await call("GET", `${vault}/deletedsecrets/db?api-version=7.4`, token)).json()).recoveryId,
      bundle.recoveryId,
    );

    const recovered = await call("POST", `${vault}/deletedsecrets/db/recover?api-version=7.4`, token);
    assertEquals([recovered.status, (await recovered.json()).value], [200, undefined]);
    assertEquals(
      (await (await call("GET", `${vault}/secrets/db?api-version=7.4`, token)).json()).value,
      "v1",
    );

    await call("DELETE", `${vault}/secrets/db?api-version=7.4`, token);
    assertEquals((await call("DELETE", `${vault}/deletedsecrets/db?api-version=7.4`, token)).status, 204);
    assertEquals((await call("GET", `${vault}/deletedsecrets/db?api-version=7.4`, token)).status, 404);
    assertEquals(
      (await call("PUT", `${vault}/secrets/db?api-version=7.4`, token, { value: "v3" })).status,
      200,
    );

    // A deleted secret past its retention is purged by itself.
    await call("DELETE", `${vault}/secrets/db?api-version=7.4`, token);
    time.now += 7 * 86_400_000;
    assertEquals((await call("GET", `${vault}/deletedsecrets/db?api-version=7.4`, token)).status, 404);
    assertEquals(
      (await call("PUT", `${vault}/secrets/db?api-version=7.4`, token, { value: "v4" })).status,
      200,
    );
  });
});
