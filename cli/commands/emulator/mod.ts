/** `ppx emulator`: the local cloud emulator. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import start from "./start.ts";

/** Builds the `emulator` group. */
export default function emulator(app: App) {
  return new Command("emulator")
    .description("Run the local cloud emulator for offline use, tests and CI")
    .addCommand(start(app));
}
