import { startTestEmulator } from "../helpers/emulator.ts";
// The real CLI as a subprocess against the emulator: `ppx auth github` prints the verification
// instructions, waits, and exits 0 once the code is approved through the emulator's API.
import { assert, assertEquals, assertIncludes } from "../helpers/assert.ts";
import { runPpxProcess } from "../helpers/cli.ts";
import { tempConfig } from "../helpers/config.ts";
import { GitHubEmulator } from "@pacx/emulator";

Deno.test("smoke: ppx auth github (subprocess) prints the code and URL and exits 0 once approved", async () => {
  const github = new GitHubEmulator({
    knobs: { interval: 1 },
    apps: [{ clientId: "Ov23liSmokeTestApp00", kind: "oauth-app" }],
  });
  await using emu = await startTestEmulator({ services: [github] });
  await using cfg = await tempConfig();
  const run = runPpxProcess(
    [
      "auth",
      "github",
      "smoke",
      "--client-id",
      "Ov23liSmokeTestApp00",
      "--scopes",
      "read:user",
      "--hostname",
      emu.url,
    ],
    { env: { PPX_CONFIG_DIR: cfg.dir, PPX_CONFIG_ENCRYPTION_KEY: "smoke test key" } },
  );
  // Approve as the user would, as soon as the CLI has asked GitHub for a code.
  let code: string | undefined;
  for (let i = 0; i < 600 && !code; i++) {
    const pending = github.pendingDevice();
    if (pending) {
      code = pending.userCode;
      github.approveDevice(code, "smoke-user");
    } else await new Promise((r) => setTimeout(r, 50));
  }
  const out = await run;
  const stderr = out.stderr;
  assert(code, `the CLI never asked for a device code: ${stderr}`);
  assertEquals(out.code, 0, stderr);
  assertIncludes(stderr, `First copy your one-time code: ${code}`);
  assertIncludes(stderr, `Open ${emu.url}/login/device in a browser`);
  assertIncludes(out.stdout, "smoke-user");
  const doc = JSON.parse(await Deno.readTextFile(cfg.file));
  assertEquals(doc.profiles.smoke.token.account, "smoke-user");
});
