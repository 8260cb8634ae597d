/** `ppx connector download ID`: write a connector's folder (paconn's files and settings.json). */

import { Command, Option } from "@commander-js/extra-typings";
import { resolve } from "node:path";
import { connectorFiles, writeFolder } from "../../../lib/connectors/operations.ts";
import type { App } from "../../app.ts";
import { connectorApi, type RemoteFlags, withRemote } from "./shared.ts";

type Flags = RemoteFlags & { out?: string; outputDirectory?: string; dest?: string; overwrite?: boolean };

/** Builds `connector download`. */
export default function download(app: App) {
  const command = new Command("download")
    .description(
      "Download a custom connector into a folder (definition, properties, icon, script, settings.json)",
    )
    .argument("<connector>", "the connector's name (id)")
    .addOption(new Option("--out <dir>", "the folder to write (default: a folder named after the connector)"))
    .addOption(new Option("--output-directory <dir>").hideHelp())
    .addOption(new Option("--dest <dir>").hideHelp())
    .option("--overwrite", "replace files that already exist");
  withRemote(command);
  command.addHelpText(
    "after",
    "\nExample:\n  ppx connector download shared_contoso-20items-5f1a2b -e contoso-dev --out ./ContosoItems\n",
  );
  return command.action(async (name, options, cmd) => {
    const flags = options as Flags;
    const ctx = app.context(cmd);
    const { api, environment } = await connectorApi(ctx, flags);
    const resource = await api.get(name);
    const files = await connectorFiles(api, resource, environment);
    const dir = resolve(ctx.cwd, flags.out ?? flags.outputDirectory ?? flags.dest ?? name);
    await writeFolder(dir, files, flags.overwrite === true);
    if (ctx.out.machine) return ctx.out.print({ connectorId: name, dir, files: [...files.keys()] });
    ctx.out.success(`Downloaded ${name} to ${dir} (${[...files.keys()].join(", ")}).`);
  });
}
