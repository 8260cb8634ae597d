/**
 * Chaos: `ppx emulator start --persist` is stopped by SIGTERM or SIGINT while a client keeps writing.
 * Every write it acknowledged must be in the file afterwards (lost 0) and no temporary state file may
 * remain (counted under "leaked": state left where it must not be).
 */

import { assert, assertEquals } from "../helpers/assert.ts";
import { signalWhileWriting } from "../helpers/emulator_process.ts";
import { chaosScale, recordChaosRow } from "./_rows.ts";

for (const [signal, code] of [["SIGTERM", 0], ["SIGINT", 130]] as const) {
  Deno.test(`chaos files: emulator --persist stopped by ${signal} with acknowledged writes in flight`, async () => {
    const runs = Math.max(2, Math.round(2 * chaosScale()));
    let units = 0;
    let lost = 0;
    let leaked = 0;
    let exit = 0;
    for (let i = 0; i < runs; i++) {
      // Spread the signal over the 200 ms save debounce.
      const r = await signalWhileWriting(signal, 120 + ((i * 97) % 400));
      assert(r.acknowledged.length > 0, "the writer got answers before the signal");
      units += r.acknowledged.length;
      const saved = new Set(r.saved);
      lost += r.acknowledged.filter((n) => !saved.has(n)).length;
      leaked += r.temps.length;
      if (r.code !== code) exit = r.code;
      else exit ||= r.code;
    }
    await recordChaosRow({
      probe: `files: emulator --persist, ${signal} during writes (${runs} runs)`,
      units,
      faults: runs,
      lost,
      duplicated: 0,
      leaked,
      exit,
    });
    assertEquals({ lost, leaked, exit }, { lost: 0, leaked: 0, exit: code });
  });
}
