/**
 * The emulator as tests start it: routes it does not know are reported (answered 501 and recorded), and
 * closing or disposing it fails the test when any was requested, instead of the product seeing a plausible
 * 404. Every test fixture that hosts emulated services starts it through here.
 */

import { AssertionError } from "node:assert/strict";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "@pacx/emulator";

/** Fails the test when the emulator saw requests for routes it does not emulate. */
export function failOnUnknownRoutes(emu: RunningEmulator): void {
  if (emu.unknownRoutes.length) {
    throw new AssertionError({ message: `the emulator has no route for:\n${emu.unknownRoutes.join("\n")}` });
  }
}

/** Starts the emulator with `unknownRoutes: "report"`; `close()` and disposal check for unknown routes. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emu = await startEmulator({ ...options, unknownRoutes: "report" });
  const close = emu.close;
  const checked = async () => {
    await close();
    failOnUnknownRoutes(emu);
  };
  return Object.defineProperties(emu, {
    close: { value: checked },
    [Symbol.asyncDispose]: { value: checked },
  });
}
