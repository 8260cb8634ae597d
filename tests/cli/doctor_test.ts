// `ppx doctor` against the Entra emulator and a WhoAmI endpoint that checks the bearer token.
import { EMULATOR_TENANT_ID } from "@pacx/emulator";
import { assertEquals, assertIncludes, assertNotIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { tempConfig } from "../helpers/config.ts";
import { startEntra } from "../helpers/entra.ts";
import { startServer } from "../helpers/server.ts";

Deno.test("doctor: every check passes with a working credential; a wrong secret fails with exit 1", async () => {
  const { emu, entra, close } = await startEntra();
  const cfg = await tempConfig();
  let dataverseUrl = "";
  const dataverse = startServer(async (request) => {
    const token = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    const claims = await emu.tokens.verify(token, dataverseUrl);
    if (!claims) return new Response("", { status: 401 });
    return Response.json({ UserId: claims.oid, BusinessUnitId: "b", OrganizationId: "o" });
  });
  dataverseUrl = dataverse.url;
  try {
    const app = entra.directory.registerApp({ secrets: ["doctor-secret"] });
    const env = {
      PPX_CONFIG_DIR: cfg.dir,
      DBUS_SESSION_BUS_ADDRESS: "disabled:",
      AZURE_TENANT_ID: EMULATOR_TENANT_ID,
      AZURE_CLIENT_ID: app.clientId,
      AZURE_CLIENT_SECRET: "doctor-secret",
      AZURE_AUTHORITY_HOST: emu.url,
    };
    const ok = await runPpx(["doctor", "--host", dataverse.url, "--json"], { env });
    assertEquals(ok.code, 0, ok.stdout + ok.stderr);
    const checks = JSON.parse(ok.stdout) as { check: string; status: string; detail: string }[];
    const by = (name: string) => checks.find((c) => c.check === name)!;
    assertEquals(by("credential").status, "ok");
    assertIncludes(by("credential").detail, "AZURE_CLIENT_SECRET");
    assertEquals(by("clock").status, "ok");
    assertEquals(by(`token ${dataverse.url}`).status, "ok");
    assertEquals(by("dataverse").status, "ok");
    assertIncludes(by("dataverse").detail, "UserId");
    assertNotIncludes(ok.stdout + ok.stderr, "doctor-secret");

    const bad = await runPpx(["doctor", "--host", dataverse.url], {
      env: { ...env, AZURE_CLIENT_SECRET: "nope" },
    });
    assertEquals(bad.code, 1, bad.stdout + bad.stderr);
    assertIncludes(bad.stdout, "FAIL");
    assertIncludes(bad.stdout, "AADSTS7000215");
  } finally {
    await dataverse.close();
    await cfg.cleanup();
    await close();
  }
});
