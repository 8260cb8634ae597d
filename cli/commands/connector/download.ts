/** `ppx connector download ID`: write a connector's folder (paconn's files and settings.json). */

import { Command, Option } from "@commander-js/extra-typings";
import type { Downloaded } from "../../../lib/connectors/use_cases.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import { UsageError } from "../../../lib/errors.ts";
import { connectorDeps, type RemoteOptions, remoteOptions, withRemote } from "./shared.ts";

/** The options `connector download` parses its argv into. */
export interface ConnectorDownloadOptions extends RemoteOptions {
  /** The connector's name (id). */
  name: string;
  /** The folder to write (absolute; default: a folder named after the connector). */
  dir: string;
  /** Replace files that already exist. */
  overwrite: boolean;
}

/** Builds `connector download`; `runF` receives the parsed options (tests capture them). */
export default function download(app: App, runF: RunF<ConnectorDownloadOptions> = runDownload) {
  const command = withRemote(
    new Command("download")
      .description(
        "Download a custom connector into a folder (definition, properties, icon, script, settings.json)",
      )
      .argument("[connector]", "the connector's name (id)")
      // pac's and paconn's spellings of the argument and of --out.
      .addOption(new Option("--connector-id <id>", "pac name of the argument").hideHelp())
      .addOption(new Option("--cid <id>", "paconn name of the argument").hideHelp())
      .addOption(new Option("--outputDirectory <dir>", "pac name of --out").hideHelp())
      .addOption(
        new Option("--out <dir>", "the folder to write (default: a folder named after the connector)"),
      )
      .addOption(new Option("--output-directory <dir>").hideHelp())
      .addOption(new Option("--dest <dir>").hideHelp())
      .option("--overwrite", "replace files that already exist"),
  );
  command.addHelpText(
    "after",
    "\nExample:\n  ppx connector download shared_contoso-20items-5f1a2b -e contoso-dev --out ./ContosoItems\n",
  );
  return command.action(async (connector, flags, cmd) => {
    const name = connector ?? flags.connectorId ?? flags.cid;
    if (!name) {
      throw new UsageError("Missing the connector to download.", {
        hint: "ppx connector download NAME (see `ppx connector list`).",
      });
    }
    const ctx = app.context(cmd);
    // node:path (and with it the Node layer) loads when a command runs, not for `--help` (ADR 0023).
    const { resolve } = await import("node:path");
    await runF({
      name,
      dir: resolve(ctx.cwd, flags.out ?? flags.outputDirectory ?? flags.dest ?? name),
      overwrite: flags.overwrite === true,
      ...remoteOptions(flags),
    }, ctx);
  });
}

/** Downloads the connector and says where (a record of the files with --json). */
export async function runDownload(options: ConnectorDownloadOptions, ctx: Context): Promise<void> {
  const { downloadConnector } = await import("../../../lib/connectors/use_cases.ts");
  const result = await downloadConnector(options, connectorDeps(ctx, options));
  ctx.out.result(
    result,
    (r: Downloaded, out) => out.success(`Downloaded ${r.connectorId} to ${r.dir} (${r.files.join(", ")}).`),
  );
}
