/** argv -> options for `ppx auth ...` and `ppx login`: no config, no network, no sign-in. */

import assert from "node:assert/strict";
import { CommanderError } from "@commander-js/extra-typings";
import create from "../../../cli/commands/auth/create.ts";
import { authClient, authDevice } from "../../../cli/commands/auth/deprecated.ts";
import github from "../../../cli/commands/auth/github.ts";
import authLogin from "../../../cli/commands/auth/login.ts";
import logout, { authClear } from "../../../cli/commands/auth/logout.ts";
import status from "../../../cli/commands/auth/status.ts";
import token from "../../../cli/commands/auth/token.ts";
import login from "../../../cli/commands/login.ts";
import { captureOptions } from "../../helpers/leaf.ts";

const usage = (code: string) => (e: unknown) => e instanceof CommanderError && e.code === code;

Deno.test("auth create: canonical flags, pac's aliases folded in, --no-* as false", async () => {
  const o = await captureOptions(create, [
    "ci",
    "--tenant",
    "t1",
    "--applicationId",
    "app",
    "--client-secret-env",
    "SECRET",
    "-s",
    "a/.default",
    "b/.default",
    "--no-login",
    "--no-set-default",
    "--azureDevOpsFederated",
  ]);
  assert.equal(o.name, "ci");
  assert.equal(o.tenantId, "t1");
  assert.equal(o.clientId, "app");
  assert.equal(o.clientSecretEnv, "SECRET");
  assert.deepEqual(o.scope, ["a/.default", "b/.default"]);
  assert.equal(o.login, false);
  assert.equal(o.setDefault, false);
  assert.equal(o.azureDevopsFederated, true);
  // The aliases do not leak into the options under their own names.
  assert.ok(!("tenant" in o) && !("applicationId" in o) && !("azureDevOpsFederated" in o));
  const cert = await captureOptions(create, ["c", "--certificateDiskPath", "app.pfx", "--tenant-id", "t"]);
  assert.deepEqual([cert.certificate, cert.tenantId, cert.azureDevopsFederated], ["app.pfx", "t", false]);
});

Deno.test("auth device / client: auth create's options with the flow and the alias typed", async () => {
  const d = await captureOptions(authDevice, ["old", "--tenant-id", "t"]);
  assert.deepEqual([d.name, d.flow, d.alias, d.tenantId], ["old", "device", "device", "t"]);
  const c = await captureOptions(authClient, ["svc", "--client-secret-env", "S"]);
  assert.deepEqual([c.flow, c.alias, c.clientSecretEnv], ["client-credential", "client", "S"]);
});

Deno.test("auth github: the profile, flags as typed, --no-save-secret/--no-browser as false", async () => {
  const o = await captureOptions(github, [
    "work",
    "--client-id",
    "Iv1.x",
    "--scopes",
    "repo,read:org",
    "--web",
    "--no-save-secret",
    "--no-browser",
    "--hostname",
    "ghe.example",
  ]);
  assert.equal(o.profile, "work");
  assert.equal(o.clientId, "Iv1.x");
  assert.equal(o.scopes, "repo,read:org");
  assert.equal(o.web, true);
  assert.equal(o.saveSecret, false);
  assert.equal(o.browser, false);
  assert.equal(o.hostname, "ghe.example");
  assert.equal((await captureOptions(github, [])).profile, undefined);
});

Deno.test("auth login / logout / status / token: names, flows and --all", async () => {
  assert.deepEqual(await captureOptions(authLogin, ["work", "--flow", "web"]), {
    name: "work",
    flow: "web",
    browser: true,
    secureStorage: undefined,
    insecureStorage: undefined,
  });
  // --no-browser means a device code.
  assert.equal((await captureOptions(authLogin, ["--no-browser", "--flow", "web"])).flow, "device");
  assert.deepEqual(await captureOptions(logout, ["work"]), { name: "work", all: false });
  assert.deepEqual(await captureOptions(logout, ["--all"]), { name: undefined, all: true });
  assert.deepEqual(await captureOptions(authClear, []), {
    name: undefined,
    all: true,
  });
  assert.deepEqual(await captureOptions(status, ["gh"]), { profile: "gh" });
  assert.deepEqual(await captureOptions(token, ["--audience", "dataverse"]), {
    profile: undefined,
    audience: "dataverse",
  });
});

Deno.test("ppx login: --provider (either spelling) is taken out, the rest is kept for the provider's command", async () => {
  assert.deepEqual(await captureOptions(login, ["work", "--provider", "github", "--client-id", "x"]), {
    provider: "github",
    args: ["work", "--client-id", "x"],
  });
  assert.deepEqual(await captureOptions(login, ["--tenant-id", "t", "w"]), {
    provider: undefined,
    args: ["--tenant-id", "t", "w"],
  });
});

Deno.test("auth: bad argv is a usage error before anything runs", async () => {
  await assert.rejects(captureOptions(create, []), usage("commander.missingArgument"));
  await assert.rejects(captureOptions(create, ["x", "--bogus"]), usage("commander.unknownOption"));
  await assert.rejects(
    captureOptions(github, ["w", "--web", "--device"]),
    usage("commander.conflictingOption"),
  );
  await assert.rejects(captureOptions(token, ["--audience"]), usage("commander.optionMissingArgument"));
  await assert.rejects(captureOptions(login, ["--provider", "gitlab"]), usage("commander.invalidArgument"));
  await assert.rejects(captureOptions(status, ["a", "b"]), usage("commander.excessArguments"));
});
