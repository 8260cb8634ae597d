/**
 * `ppx emulator start --persist` as a real process: whatever it acknowledged before SIGTERM or SIGINT
 * is in the file afterwards, and no temporary file remains.
 */

import { assert, assertEquals } from "../helpers/assert.ts";
import { signalWhileWriting } from "../helpers/emulator_process.ts";

for (const [signal, code] of [["SIGTERM", 0], ["SIGINT", 130]] as const) {
  Deno.test(`emulator start --persist: ${signal} mid-stream keeps every acknowledged write, no temp file`, async () => {
    // Several stops at different points of the 200 ms save debounce.
    for (const afterMs of [150, 390, 620]) {
      const r = await signalWhileWriting(signal, afterMs);
      assertEquals(r.code, code, r.stderr);
      assert(r.acknowledged.length > 0, "the writer got answers before the signal");
      const saved = new Set(r.saved);
      assertEquals(r.acknowledged.filter((n) => !saved.has(n)), [], `lost after ${signal} at ${afterMs} ms`);
      assertEquals(r.temps, []);
    }
  });
}
