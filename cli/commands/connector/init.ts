/** `ppx connector init [DIR]`: a new connector folder from a template, valid as it is. */

import { Command, Option } from "@commander-js/extra-typings";
import { templateName, TEMPLATES } from "../../../lib/connectors/templates.ts";
import type { InitOptions } from "../../../lib/connectors/use_cases.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";

/** The options `connector init` parses its argv into. */
export interface ConnectorInitOptions extends InitOptions {
  /** The folder as typed (for the "next" hint), "." when none was. */
  given: string;
}

/** Builds `connector init`; `runF` receives the parsed options (tests capture them). */
export default function init(app: App, runF: RunF<ConnectorInitOptions> = runInit) {
  return new Command("init")
    .description("Create a new connector folder from a template (passes `ppx connector validate`)")
    .argument("[dir]", "the folder to create (default: the current folder)")
    .addOption(new Option("--template <name>", `authentication: ${TEMPLATES.join(", ")}`).default("noauth"))
    .addOption(new Option("--connection-template <name>", "pac's name for --template").hideHelp())
    .addOption(new Option("--output-directory <dir>").hideHelp())
    .option("--title <title>", "the connector's display name (default: the folder's name)")
    .option("--host <host>", "the API's host", "api.contoso.com")
    .option("--publisher <name>", "the publisher shown for the connector", "Contoso")
    .option("--overwrite", "replace files that already exist")
    .addHelpText(
      "after",
      "\nExample:\n  ppx connector init ./ContosoItems --template oauth2 --host api.contoso.com\n",
    )
    .action(async (dirArg, flags, cmd) => {
      const ctx = app.context(cmd);
      // node:path (and with it the Node layer) loads when a command runs, not for `--help` (ADR 0023).
      const { resolve } = await import("node:path");
      await runF({
        dir: resolve(ctx.cwd, dirArg ?? flags.outputDirectory ?? "."),
        given: dirArg ?? ".",
        template: templateName(flags.connectionTemplate ?? flags.template),
        title: flags.title,
        host: flags.host,
        publisher: flags.publisher,
        overwrite: flags.overwrite === true,
      }, ctx);
    });
}

/** Writes the folder and names the next step (a record of the files with --json). */
export async function runInit(options: ConnectorInitOptions, ctx: Context): Promise<void> {
  const { initConnector } = await import("../../../lib/connectors/use_cases.ts");
  const made = await initConnector(options);
  ctx.out.result(
    { dir: made.dir, template: made.template, files: made.files },
    (_data, out) =>
      out.success(
        `Created ${made.template} connector '${made.title}' in ${made.dir}. ` +
          `Next: ppx connector validate ${options.given}`,
      ),
  );
}
