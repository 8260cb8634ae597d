/**
 * Chaos probe: the real CLI with one Deno permission taken away at a time (env, net, read, write, run),
 * each against a command that needs it. Every run must end at once with one line naming the flag.
 * `faults` counts permissions removed; `lost` counts runs that did not end that way (more than one line,
 * another exit code than 1, or more than 3 s over a local command's run time): it must be 0.
 */

import { startTestEmulator } from "../helpers/emulator.ts";
import { entraService } from "@pacx/emulator";
import { dataverseService } from "@pacx/emulator";
import { keyringProfileArgs } from "../helpers/entra.ts";
import { PPX_PERMISSIONS, runPpx, runPpxProcess } from "../helpers/cli.ts";
import { assertEquals } from "../helpers/assert.ts";
import { tempConfig } from "../helpers/config.ts";
import { recordChaosRow } from "./_rows.ts";

Deno.test("chaos net: every missing permission is one line, at once", async () => {
  const entra = await entraService();
  const dv = dataverseService();
  await using emu = await startTestEmulator({ services: [entra, dv] });
  await using cfg = await tempConfig();
  const token = await emu.tokens.issue({ aud: emu.url });
  const env = { PPX_CONFIG_DIR: cfg.dir, DATAVERSE_HOST: emu.url, PPX_ACCESS_TOKEN: token };
  const app = entra.directory.registerApp({ secrets: ["s"] });
  const made = await runPpx(keyringProfileArgs("kr", emu.url, app.clientId, "ppx-chaos:absent"), {
    env: { PPX_CONFIG_DIR: cfg.dir },
  });
  assertEquals(made.code === 0 || made.code === 4, true, made.stderr);
  const bin = `${cfg.root}/bin`;
  await Deno.mkdir(bin);
  await Deno.writeTextFile(`${bin}/secret-tool`, "#!/bin/sh\nexit 1\n", { mode: 0o755 });
  const cases: [flag: string, argv: string[], extra: Record<string, string>][] = [
    ["--allow-env", ["dv", "whoami"], {}],
    ["--allow-net", ["dv", "whoami"], {}],
    ["--allow-read", ["config", "list"], {}],
    ["--allow-write", ["config", "set", "cloud", "usgov"], {}],
    ["--allow-run", ["auth", "token", "kr"], {
      PATH: `${bin}:${Deno.env.get("PATH")}`,
      PPX_ACCESS_TOKEN: "",
    }],
  ];
  // "At once": within 3 s of a local command's run time here (a shared, busy machine).
  const baseStart = performance.now();
  const base = await runPpxProcess(["config", "list"], { env: { PPX_CONFIG_DIR: cfg.dir } });
  const baselineMs = Math.round(performance.now() - baseStart);
  assertEquals(base.code, 0, base.stderr);
  let slowest = 0;
  const problems: string[] = [];
  let exit = 0;
  for (const [flag, argv, extra] of cases) {
    const started = performance.now();
    const r = await runPpxProcess(argv, {
      permissions: PPX_PERMISSIONS.filter((p) => p !== flag),
      env: { ...env, ...extra },
    });
    const ms = Math.round(performance.now() - started);
    slowest = Math.max(slowest, ms);
    exit = Math.max(exit, r.code);
    const lines = r.stderr.trim().split("\n");
    if (
      r.code !== 1 || lines.length !== 1 || !lines[0].startsWith(`error: ppx needs ${flag}`) ||
      ms > baselineMs + 3000
    ) {
      problems.push(`${flag} (${argv.join(" ")}): exit ${r.code}, ${ms} ms:\n${r.stderr}`);
    }
  }
  await recordChaosRow({
    probe: `net: missing permissions, one line each (slowest ${slowest} ms incl. start-up)`,
    units: cases.length,
    faults: cases.length,
    lost: problems.length,
    duplicated: 0,
    leaked: 0,
    exit,
  });
  assertEquals(problems, []);
});
