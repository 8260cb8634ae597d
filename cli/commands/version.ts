/** `ppx version`: version, Deno version, target and commit. */

import { Command } from "@commander-js/extra-typings";
import { BUILD, VERSION } from "../../lib/version.ts";
import type { App } from "../app.ts";

/** Version facts of this build. */
export function versionInfo(): Record<string, string> {
  return {
    version: VERSION,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    typescript: Deno.version.typescript,
    target: BUILD.target === "source" ? Deno.build.target : BUILD.target,
    commit: BUILD.commit,
  };
}

/** Builds the version command. */
export default function version(app: App) {
  return new Command("version")
    .description("Print version, Deno version, target and commit")
    .action((_options, command) => {
      app.context(command).out.print(versionInfo());
    });
}
