/**
 * ppx run with fewer Deno permissions than it needs (the real process, reduced --allow-* flags): every
 * missing permission is one line at once, naming the permission, what it was for and the flag; read-only
 * commands need no --allow-write.
 */

import { startTestEmulator } from "../helpers/emulator.ts";
import { entraService } from "@pacx/emulator";
import { EMULATOR_TENANT_ID } from "@pacx/emulator";
import { keyringProfileArgs } from "../helpers/entra.ts";
import { assert, assertEquals, assertIncludes, assertNotIncludes } from "../helpers/assert.ts";
import { PPX_PERMISSIONS, runPpx, runPpxProcess } from "../helpers/cli.ts";
import { tempConfig } from "../helpers/config.ts";
import { startOrg } from "../helpers/dataverse.ts";

const without = (flag: string) => PPX_PERMISSIONS.filter((p) => p !== flag);

/** One `error:` line naming the flag, no stack, no retry: asserted on every case. */
function assertOneLine(r: { code: number; stderr: string }, flag: string, ms: number) {
  assertEquals(r.code, 1, r.stderr);
  const lines = r.stderr.trim().split("\n");
  assertEquals(lines.length, 1, `one line, got:\n${r.stderr}`);
  assert(lines[0].startsWith("error: ppx needs " + flag), lines[0]);
  assertIncludes(lines[0], "docs/permissions.md");
  assertNotIncludes(r.stderr, "Uncaught");
  assertNotIncludes(r.stderr, "    at ");
  assertNotIncludes(r.stderr, "retry");
  // "At once": within 3 s of what a run that needs no network takes on this (shared, busy) machine; the
  // retries this replaced took 5 to 10 s more.
  assert(ms < baselineMs + 3000, `answered in ${ms} ms (baseline ${baselineMs} ms)`);
}

/** How long the CLI takes to start and answer a local command here, measured once. */
let baselineMs = 0;
Deno.test("permissions: (baseline) start-up time of a local command", async () => {
  await using cfg = await tempConfig();
  const [r, ms] = await timed(() => runPpxProcess(["config", "list"], { env: { PPX_CONFIG_DIR: cfg.dir } }));
  assertEquals(r.code, 0, r.stderr);
  baselineMs = ms;
});

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, Math.round(performance.now() - started)];
}

Deno.test("permissions: without --allow-env or --allow-net, one line at once", async () => {
  await using org = await startOrg();
  const [noEnv, envMs] = await timed(() =>
    runPpxProcess(["dv", "whoami"], { permissions: without("--allow-env"), env: org.env })
  );
  assertOneLine(noEnv, "--allow-env", envMs);
  assertIncludes(noEnv.stderr, "environment variable");

  const [noNet, netMs] = await timed(() =>
    runPpxProcess(["dv", "whoami"], { permissions: without("--allow-net"), env: org.env })
  );
  assertOneLine(noNet, "--allow-net", netMs);
  assertIncludes(noNet.stderr, `connect to ${new URL(org.emu.url).host}`);
});

Deno.test("permissions: without --allow-read or --allow-write, one line naming the file", async () => {
  await using cfg = await tempConfig();
  const env = { PPX_CONFIG_DIR: cfg.dir };
  const [noRead, readMs] = await timed(() =>
    runPpxProcess(["config", "list"], { permissions: without("--allow-read"), env })
  );
  assertOneLine(noRead, "--allow-read", readMs);
  assertIncludes(noRead.stderr, cfg.dir);

  const [noWrite, writeMs] = await timed(() =>
    runPpxProcess(["config", "set", "cloud", "usgov"], { permissions: without("--allow-write"), env })
  );
  assertOneLine(noWrite, "--allow-write", writeMs);
  assertIncludes(noWrite.stderr, cfg.dir);
});

Deno.test("permissions: without --allow-run, a keyring secret is one line naming the helper", async () => {
  const entra = await entraService();
  await using emu = await startTestEmulator({ services: [entra] });
  await using cfg = await tempConfig();
  const env = { PPX_CONFIG_DIR: cfg.dir };
  const app = entra.directory.registerApp({ secrets: ["s3cret"] });
  const created = await runPpx(keyringProfileArgs("kr", emu.url, app.clientId, "ppx-test:absent"), { env });
  assert(created.code === 0 || created.code === 4, created.stderr);
  // A keychain helper on PATH that ppx would run: only the permission stands in the way.
  const bin = `${cfg.root}/bin`;
  await Deno.mkdir(bin);
  await Deno.writeTextFile(`${bin}/secret-tool`, "#!/bin/sh\nexit 1\n", { mode: 0o755 });
  const [noRun, runMs] = await timed(() =>
    runPpxProcess(["auth", "token", "kr"], {
      permissions: without("--allow-run"),
      env: { ...env, PATH: `${bin}:${Deno.env.get("PATH")}` },
    })
  );
  assertOneLine(noRun, "--allow-run", runMs);
  assertIncludes(noRun.stderr, "secret-tool");
});

Deno.test("permissions: read-only commands work without --allow-write", async () => {
  await using cfg = await tempConfig();
  const env = { PPX_CONFIG_DIR: cfg.dir };
  // Nothing there yet: reading creates nothing.
  for (const argv of [["profile", "list"], ["config", "list"], ["config", "get", "cloud"]]) {
    const r = await runPpxProcess(argv, { permissions: without("--allow-write"), env });
    assertEquals(r.code, 0, `${argv.join(" ")}: ${r.stderr}`);
  }
  assertEquals(await Deno.stat(cfg.dir).then(() => true, () => false), false);
  // With a config and a profile.
  const set = await runPpx(["config", "set", "dataverse_host", "https://org.crm.dynamics.com"], { env });
  assertEquals(set.code, 0, set.stderr);
  const created = await runPpx([
    "auth",
    "create",
    "ro",
    "--flow",
    "client-credential",
    "--tenant-id",
    EMULATOR_TENANT_ID,
    "--client-id",
    "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
    "--dataverse-host",
    "https://org.crm.dynamics.com",
    "--client-secret-env",
    "RO_SECRET",
    "--no-login",
  ], { env });
  assertEquals(created.code, 0, created.stderr);
  const before = await Deno.readTextFile(cfg.file);
  for (
    const argv of [["profile", "list"], ["profile", "show", "ro"], ["config", "list"], [
      "config",
      "get",
      "dataverse_host",
    ]]
  ) {
    const r = await runPpxProcess(argv, { permissions: without("--allow-write"), env });
    assertEquals(r.code, 0, `${argv.join(" ")}: ${r.stderr}`);
    assert(r.stdout.length > 0, argv.join(" "));
  }
  assertEquals(await Deno.readTextFile(cfg.file), before);
});
