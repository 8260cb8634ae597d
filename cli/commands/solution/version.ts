/** `ppx solution version`: bump or set a solution's version in an unpacked folder and/or on the server. */

import { Command, Option } from "@commander-js/extra-typings";
import { UsageError } from "../../../lib/errors.ts";
import { findSolution, setServerVersion } from "../../../lib/solutions/lifecycle/solutions.ts";
import {
  bumpVersion,
  checkVersion,
  setFolderVersion,
  type VersionPart,
} from "../../../lib/solutions/lifecycle/version.ts";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlag, withHost } from "../dv/shared.ts";

/** Builds `solution version`. */
export default function versionCommand(app: App) {
  return withHost(
    new Command("version")
      .description("Bump or set the version in Other/Solution.xml (--folder) and/or on the server (--name)")
      .option("-f, --folder <folder>", "the unpacked solution (the folder that holds Other/)")
      .option("-n, --name <uniquename>", "the solution on the server")
      .addOption(
        new Option("--bump <part>", "increment major, minor, build or revision").choices([
          "major",
          "minor",
          "build",
          "revision",
        ]),
      )
      .option("--set <version>", "set this exact version")
      .addHelpText(
        "after",
        "\nExamples:\n  ppx solution version --folder src/Contoso --bump build\n" +
          "  ppx solution version --name Contoso --set 1.4.0.0",
      ),
  ).action(async (options, command) => {
    const ctx = app.context(command);
    if (!options.folder && !options.name) {
      throw new UsageError("Pass --folder, --name or both.", { hint: "--folder src/Contoso --bump build" });
    }
    if (!options.bump === !options.set) {
      throw new UsageError("Pass exactly one of --bump and --set.", {
        hint: "--bump revision or --set 1.2.0.0",
      });
    }
    if (options.set) checkVersion(options.set, "--set value");
    const next = (current: string) => options.set ?? bumpVersion(current, options.bump as VersionPart);
    const results: Record<string, unknown>[] = [];
    if (options.folder) {
      const r = await setFolderVersion(ctx.input.path(options.folder), next);
      results.push({ where: r.file, previous: r.previous, version: r.version });
    }
    if (options.name) {
      const { client } = await dataverseClient(ctx, hostFlag(options));
      const current = await findSolution(client, options.name);
      const r = await setServerVersion(client, options.name, next(current.version));
      results.push({ where: options.name, previous: r.previous, version: r.version });
    }
    ctx.out.print(results, { columns: ["where", "previous", "version"] });
  });
}
