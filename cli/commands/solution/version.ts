/** `ppx solution version`: bump or set a solution's version in an unpacked folder and/or on the server. */

import { Command, Option } from "@commander-js/extra-typings";
import { UsageError } from "../../../lib/errors.ts";
import type { ChangeVersionOptions } from "../../../lib/solutions/lifecycle/set_version.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { type HostFlag, hostFlags, hostOf } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";
import { worded } from "./advice.ts";

/** The options `solution version` parses its argv into (the folder resolved against the cwd). */
export interface SolutionVersionOptions extends ChangeVersionOptions {
  /** The org, when given (used only with `name`). */
  host?: HostFlag;
}

/** Builds `solution version`; `runF` receives the parsed options (tests capture them). */
export default function versionCommand(app: App, runF: RunF<SolutionVersionOptions> = runVersion) {
  return hostFlags(
    new Command("version")
      .description("Bump or set the version in Other/Solution.xml (--folder) and/or on the server (--name)")
      .option("-f, --folder <folder>", "the unpacked solution (the folder that holds Other/)")
      .option("-n, --name <uniquename>", "the solution on the server")
      .addOption(
        new Option("--bump <part>", "increment major, minor, build or revision").choices(
          [
            "major",
            "minor",
            "build",
            "revision",
          ] as const,
        ),
      )
      .option("--set <version>", "set this exact version")
      .addHelpText(
        "after",
        "\nExamples:\n  ppx solution version --folder src/Contoso --bump build\n" +
          "  ppx solution version --name Contoso --set 1.4.0.0",
      ),
  ).action(async (flags, command) => {
    const ctx = app.context(command);
    if (!flags.folder && !flags.name) {
      throw new UsageError("Pass --folder, --name or both.", { hint: "--folder src/Contoso --bump build" });
    }
    if (!flags.bump === !flags.set) {
      throw new UsageError("Pass exactly one of --bump and --set.", {
        hint: "--bump revision or --set 1.2.0.0",
      });
    }
    // The version module (and node:path) load when a command runs, not for `--help` (ADR 0023).
    const { checkVersion } = await import("../../../lib/solutions/lifecycle/version.ts");
    await runF({
      folder: flags.folder ? ctx.input.path(flags.folder) : undefined,
      name: flags.name || undefined,
      change: flags.set ? { set: checkVersion(flags.set, "--set value") } : { bump: flags.bump! },
      host: hostOf(flags),
    }, ctx);
  });
}

/** Changes the version(s) and prints one row per place changed. */
export async function runVersion(options: SolutionVersionOptions, ctx: Context): Promise<void> {
  const { changeSolutionVersion } = await import("../../../lib/solutions/lifecycle/set_version.ts");
  const results = await worded(changeSolutionVersion(options, {
    client: async () => (await dataverseClient(ctx, options.host)).client,
  }));
  ctx.out.result(results, { columns: ["where", "previous", "version"] });
}
