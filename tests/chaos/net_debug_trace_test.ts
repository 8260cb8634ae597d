/**
 * Chaos probe: `--debug` traces under faults (5xx, 429, dropped connections) hold no secret: not the bearer
 * token (nor its signature), not a secret field of a request body. Retries print more trace lines, each one
 * goes through the same redaction. `leaked` counts occurrences of a secret in everything ppx printed.
 */

import { startTestEmulator } from "../helpers/emulator.ts";
import { dataverseService } from "@pacx/emulator";
import { ManualClock } from "../../lib/clock.ts";
import { runPpx } from "../helpers/cli.ts";
import { assertEquals } from "../helpers/assert.ts";
import { chaosScale, recordChaosRow } from "./_rows.ts";

function occurrences(text: string, needle: string): number {
  return needle ? text.split(needle).length - 1 : 0;
}

Deno.test("chaos net: --debug traces under 5xx/429/dropped connections hold no token or body secret", async () => {
  const rows = Math.round(100 * chaosScale());
  const dv = dataverseService();
  await using emu = await startTestEmulator({ services: [dv] });
  const table = dv.store.table("account")!;
  for (let i = 0; i < rows; i++) dv.store.insert(table, crypto.randomUUID(), { name: `Trace ${i}` });
  dv.protection!.configure({
    errorRate: 0.15,
    errorStatuses: [500, 502, 503, 504, 429],
    dropRate: 0.1,
    errorRetryAfterSeconds: 1,
    seed: 11,
  });
  const token = await emu.tokens.issue({ aud: emu.url });
  const signature = token.split(".")[2];
  const bodySecret = "chaos-client-secret-4f1d";
  const env = { DATAVERSE_HOST: emu.url, PPX_ACCESS_TOKEN: token };
  const runs = [
    ["dv", "list", "accounts", "--all", "--page-size", "10", "--json", "--debug"],
    ["dv", "whoami", "--debug"],
    [
      "api",
      "POST",
      "accounts",
      "--data",
      JSON.stringify({ name: "t", client_secret: bodySecret }),
      "--debug",
    ],
  ];
  let printed = "";
  let exit = 0;
  let lines = 0;
  for (const argv of runs) {
    const r = await runPpx(argv, { env, clock: new ManualClock() });
    printed += r.stdout + r.stderr;
    lines += r.stderr.split("\n").length;
    if (argv[0] === "dv") exit = Math.max(exit, r.code);
  }
  const leaked = occurrences(printed, token) + occurrences(printed, signature) +
    occurrences(printed, bodySecret);
  const stats = dv.protection!.stats;
  await recordChaosRow({
    probe: "net: --debug trace under 5xx/429/drops",
    units: stats.handled,
    faults: stats.injectedErrors + stats.droppedConnections,
    lost: 0,
    duplicated: 0,
    leaked,
    exit,
  });
  assertEquals(leaked, 0);
  assertEquals(exit, 0);
  assertEquals(stats.injectedErrors + stats.droppedConnections > 0, true);
  assertEquals(lines > 50, true, "the trace was printed");
});
