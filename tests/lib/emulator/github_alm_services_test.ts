/**
 * The emulator services behind `ppx github setup-ci`, on the wire: GitHub REST (scopes, sha checks,
 * sealed secrets), Graph (federated credential rules, 403 without permission) and Dataverse application
 * users (role `$ref`s).
 */

// @ts-types="@types/libsodium-wrappers"
import sodium from "libsodium-wrappers";
import { assert, assertEquals } from "../../helpers/assert.ts";
import {
  appUsersService,
  GitHubEmulator,
  GitHubReposEmulator,
  graphService,
  startEmulator,
} from "@pacx/emulator";

async function setup() {
  const github = new GitHubEmulator();
  const repos = new GitHubReposEmulator(github);
  const repo = repos.store.add("contoso", "crm");
  const graph = graphService();
  const users = appUsersService();
  const emu = await startEmulator({ services: [github, repos, graph, users] });
  const gh = (scopes: string[]) => {
    const token = github.issueToken("Ov23liEmuTest", "octocat", scopes).access_token;
    return (method: string, path: string, body?: unknown) =>
      fetch(`${emu.url}/api/v3/repos/contoso/crm${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
  };
  return { emu, repo, graph, users, gh };
}

Deno.test("GitHub REST: no repo scope is a 404; workflow files need the workflow scope; sha is checked", async () => {
  const { emu, repo, gh } = await setup();
  try {
    assertEquals((await gh(["read:user"])("GET", "")).status, 404);
    const repoOnly = gh(["repo"]);
    const answer = await repoOnly("GET", "");
    assertEquals(answer.headers.get("x-oauth-scopes"), "repo");
    assertEquals((await answer.json()).default_branch, "main");
    const put = { message: "add", content: btoa("on: push\n") };
    const refused = await repoOnly("PUT", "/contents/.github/workflows/a.yml", put);
    assertEquals(refused.status, 404);
    await refused.body?.cancel();
    const full = gh(["repo", "workflow"]);
    assertEquals((await full("PUT", "/contents/.github/workflows/a.yml", put)).status, 201);
    assertEquals(repo.fileText(".github/workflows/a.yml"), "on: push\n");
    const stale = await full("PUT", "/contents/.github/workflows/a.yml", { ...put, sha: "0".repeat(40) });
    assertEquals(stale.status, 409);
    await stale.body?.cancel();
    const got = await (await full("GET", "/contents/.github/workflows/a.yml?ref=main")).json();
    assertEquals(atob(got.content.replace(/\n/g, "")), "on: push\n");
  } finally {
    await emu.close();
  }
});

Deno.test("GitHub REST: secrets sealed to the public key are stored; anything else is refused", async () => {
  const { emu, repo, gh } = await setup();
  try {
    const api = gh(["repo"]);
    const key = await (await api("GET", "/actions/secrets/public-key")).json();
    await sodium.ready;
    const sealed = sodium.to_base64(
      sodium.crypto_box_seal(
        sodium.from_string("v"),
        sodium.from_base64(key.key, sodium.base64_variants.ORIGINAL),
      ),
      sodium.base64_variants.ORIGINAL,
    );
    assertEquals(
      (await api("PUT", "/actions/secrets/my_secret", { encrypted_value: sealed, key_id: key.key_id }))
        .status,
      201,
    );
    assertEquals(repo.openSecret("MY_SECRET"), "v");
    const plain = await api("PUT", "/actions/secrets/OTHER", {
      encrypted_value: btoa("plain"),
      key_id: key.key_id,
    });
    assertEquals(plain.status, 422);
    await plain.body?.cancel();
    assert(!repo.secrets.has("OTHER"));
  } finally {
    await emu.close();
  }
});

Deno.test("Graph: federated credentials are unique by name and by issuer+subject; denyWrites is a 403", async () => {
  const { emu, graph } = await setup();
  try {
    const token = await emu.tokens.issue({ aud: "https://graph.microsoft.com" });
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${emu.url}/v1.0${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const app = await (await call("POST", "/applications", { displayName: "x" })).json();
    const fic = { name: "a", issuer: "https://i", subject: "s", audiences: ["api://AzureADTokenExchange"] };
    assertEquals(
      (await call("POST", `/applications/${app.id}/federatedIdentityCredentials`, fic)).status,
      201,
    );
    const dup = await call("POST", `/applications/${app.id}/federatedIdentityCredentials`, {
      ...fic,
      name: "b",
    });
    assertEquals(dup.status, 409);
    await dup.body?.cancel();
    graph.knobs.denyWrites = true;
    const denied = await call("POST", "/applications", { displayName: "y" });
    assertEquals(denied.status, 403);
    assertEquals((await denied.json()).error.code, "Authorization_RequestDenied");
    const wrongAudience = await fetch(`${emu.url}/v1.0/applications`, {
      headers: { authorization: `Bearer ${await emu.tokens.issue({ aud: emu.url })}` },
    });
    assertEquals(wrongAudience.status, 401);
    await wrongAudience.body?.cancel();
  } finally {
    await emu.close();
  }
});

Deno.test("Dataverse application users: create, role $ref, filter by role", async () => {
  const { emu, users } = await setup();
  try {
    const token = await emu.tokens.issue({ aud: emu.url });
    const base = `${emu.url}/api/data/v9.2`;
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const appId = crypto.randomUUID();
    const created = await fetch(`${base}/systemusers`, {
      method: "POST",
      headers: { ...headers, prefer: "return=representation" },
      body: JSON.stringify({
        applicationid: appId,
        "businessunitid@odata.bind": `/businessunits(${users.businessUnitId})`,
      }),
    });
    assertEquals(created.status, 201);
    const { systemuserid } = await created.json();
    const role = users.roles.get("System Customizer")!;
    const ref = await fetch(`${base}/systemusers(${systemuserid})/systemuserroles_association/$ref`, {
      method: "POST",
      headers,
      body: JSON.stringify({ "@odata.id": `${base}/roles(${role})` }),
    });
    assertEquals(ref.status, 204);
    const list = await (await fetch(
      `${base}/systemusers(${systemuserid})/systemuserroles_association?$filter=roleid eq ${role}`,
      { headers },
    )).json();
    assertEquals(list.value.length, 1);
    const again = await fetch(`${base}/systemusers`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        applicationid: appId,
        "businessunitid@odata.bind": `/businessunits(${users.businessUnitId})`,
      }),
    });
    assertEquals(again.status, 400);
    await again.body?.cancel();
  } finally {
    await emu.close();
  }
});
