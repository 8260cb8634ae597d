// The Linux keyring against the real secret-tool and a real (private) Secret Service.
import { assert, assertEquals, assertIncludes, assertRejects } from "../../../helpers/assert.ts";
import { secretServiceMissing, startSecretService } from "../../../helpers/secret_service.ts";
import { secretServiceKeyring, secretToolError } from "../../../../lib/auth/keyring/linux.ts";
import { type CommandRequest, denoRunner } from "../../../../lib/auth/keyring/runner.ts";
import { KeyringError } from "../../../../lib/auth/keyring/errors.ts";
import { envFrom } from "../../../../lib/env.ts";

const missing = secretServiceMissing();
if (missing) console.warn(`keyring tests: ${missing}`);

Deno.test({
  name: "secret-tool: store, look up, replace and clear a secret in a real Secret Service",
  ignore: missing !== undefined,
  fn: async () => {
    await using service = await startSecretService();
    const seen: CommandRequest[] = [];
    const real = denoRunner(service.env);
    const keyring = secretServiceKeyring((request) => {
      seen.push(request);
      return real(request);
    });
    const secret = "rt-0.AVYA multi\nline ünïcode ✓";
    assertEquals(await keyring.get("ppx", "refresh-token:work"), undefined);
    await keyring.set("ppx", "refresh-token:work", secret);
    assertEquals(await keyring.get("ppx", "refresh-token:work"), secret);
    await keyring.set("ppx", "refresh-token:work", "second");
    assertEquals(await keyring.get("ppx", "refresh-token:work"), "second");
    assertEquals(await keyring.delete("ppx", "refresh-token:work"), true);
    assertEquals(await keyring.delete("ppx", "refresh-token:work"), false);
    assertEquals(await keyring.get("ppx", "refresh-token:work"), undefined);

    const store = seen.find((r) => r.args[0] === "store")!;
    assertEquals(store.args, [
      "store",
      "--label=ppx:refresh-token:work",
      "service",
      "ppx",
      "username",
      "refresh-token:work",
    ]);
    assertEquals(store.stdin, secret);
    for (const r of seen) {
      assert(!r.args.join(" ").includes("rt-0") && !r.args.includes("second"), "no secret in argv");
    }
    assert(seen.every((r) => r.timeoutMs === 3_000), "every call has the 3 s timeout");
  },
});

Deno.test({
  name: "secret-tool: no Secret Service on the session bus is a specific error",
  ignore: missing !== undefined,
  fn: async () => {
    const env = envFrom({
      PATH: Deno.env.get("PATH"),
      HOME: "/nonexistent",
      DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/bus",
    });
    const keyring = secretServiceKeyring(denoRunner(env));
    const error = await assertRejects(
      () => keyring.set("ppx", "a", "s"),
      KeyringError,
      "no Secret Service on the session bus",
    );
    assertEquals(error.reason, "no-service");
  },
});

Deno.test({
  name: "secret-tool: a keyring that is not unlocked is reported as locked",
  ignore: missing !== undefined,
  fn: async () => {
    await using service = await startSecretService({ unlock: false });
    const keyring = secretServiceKeyring(denoRunner(service.env));
    const error = await assertRejects(() => keyring.set("ppx", "a", "s"), KeyringError);
    assertEquals(error.reason, "locked");
    assertIncludes(error.hint!, "unlock");
  },
});

Deno.test("secret-tool missing from PATH: 'secret-tool not found: install libsecret-tools'", async () => {
  const keyring = secretServiceKeyring(denoRunner(envFrom({ PATH: "/nonexistent" })));
  const error = await assertRejects(() => keyring.get("ppx", "a"), KeyringError);
  assertEquals(error.message, "secret-tool not found: install libsecret-tools");
  assertEquals(error.reason, "helper-missing");
});

Deno.test({
  name: "the runner kills a helper at its timeout and the keyring says it did not answer",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    const run = denoRunner(envFrom({ PATH: Deno.env.get("PATH") }));
    const started = Date.now();
    const result = await run({ command: "sleep", args: ["10"], timeoutMs: 200 });
    assert(result.timedOut && Date.now() - started < 5_000);
    assertIncludes(secretToolError(result).message, "did not answer within 3 s");
  },
});
