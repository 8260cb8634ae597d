/** `ppx connector init [DIR]`: a new connector folder from a template, valid as it is. */

import { Command, Option } from "@commander-js/extra-typings";
import { basename, resolve } from "node:path";
import { writeFolder } from "../../../lib/connectors/operations.ts";
import { renderTemplate, templateName, TEMPLATES } from "../../../lib/connectors/templates.ts";
import type { App } from "../../app.ts";

type Flags = {
  template?: string;
  connectionTemplate?: string;
  title?: string;
  host?: string;
  publisher?: string;
  overwrite?: boolean;
  outputDirectory?: string;
};

/** Builds `connector init`. */
export default function init(app: App) {
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
    .action(async (dirArg, options, cmd) => {
      const flags = options as Flags;
      const ctx = app.context(cmd);
      const dir = resolve(ctx.cwd, dirArg ?? flags.outputDirectory ?? ".");
      const template = templateName(flags.connectionTemplate ?? flags.template ?? "noauth");
      const title = flags.title ?? (basename(dir).replace(/[-_]+/g, " ").trim() || "My Connector");
      const files = renderTemplate({
        template,
        title,
        host: flags.host ?? "api.contoso.com",
        publisher: flags.publisher ?? "Contoso",
      });
      const encoder = new TextEncoder();
      await writeFolder(
        dir,
        Object.entries(files).map(([name, text]) => [name, encoder.encode(text)]),
        flags.overwrite === true,
      );
      if (ctx.out.machine) return ctx.out.print({ dir, template, files: Object.keys(files) });
      ctx.out.success(
        `Created ${template} connector '${title}' in ${dir}. Next: ppx connector validate ${dirArg ?? "."}`,
      );
    });
}
