/** `ppx connector validate [PATH]`: offline certification checks; `--remote` asks the service instead. */

import { Command, Option } from "@commander-js/extra-typings";
import { relative } from "node:path";
import { RULES } from "../../../lib/connectors/validate/rules.ts";
import { toSarif } from "../../../lib/connectors/validate/sarif.ts";
import { validateConnector } from "../../../lib/connectors/validate/validate.ts";
import { VERSION } from "../../../lib/version.ts";
import type { App } from "../../app.ts";
import {
  connectorApi,
  type FileFlags,
  loadFolder,
  type RemoteFlags,
  withFiles,
  withRemote,
} from "./shared.ts";

type Flags = FileFlags & RemoteFlags & {
  format?: "table" | "json" | "sarif";
  strict?: boolean;
  rules?: boolean;
  remote?: boolean;
  name?: string;
};

/** Builds `connector validate`. */
export default function validate(app: App) {
  const command = new Command("validate")
    .description(
      "Check a connector folder offline: Swagger 2.0, certification rules, apiProperties, conventions",
    )
    .argument("[path]", "the connector folder or its definition file (default: the current folder)")
    .addOption(
      new Option("--format <format>", "table, json or sarif (GitHub code scanning)").choices(
        ["table", "json", "sarif"] as const,
      ),
    )
    .option("--strict", "warnings fail too (exit 1)")
    .option("--rules", "list the rules with their level and reference, and exit")
    .option("--remote", "send the definition to the service's validator instead (needs -e)")
    .option("--name <connector>", "the connector, for --remote --endpoint connectivity");
  withRemote(withFiles(command));
  command.addHelpText(
    "after",
    "\nExit codes: 0 valid (warnings allowed), 1 errors found (or warnings with --strict).\n\nExamples:\n" +
      "  ppx connector validate ./MyConnector\n" +
      "  ppx connector validate . --format sarif > connector.sarif   # upload with github/codeql-action/upload-sarif\n",
  );
  return command.action(async (path, options, cmd) => {
    const flags = options as Flags;
    const ctx = app.context(cmd);
    if (flags.rules) {
      const rows = [...RULES.values()].map((r) => ({
        code: r.code,
        level: r.level,
        rule: r.summary,
        reference: r.reference,
      }));
      ctx.out.print(rows, { columns: ["level", "code", "rule", "reference"] });
      return;
    }
    const folder = await loadFolder(ctx, path, flags, true);
    if (flags.remote) {
      const { api } = await connectorApi(ctx, flags, folder.settings);
      ctx.out.print(await api.validateRemote(flags.name, folder.definition.value) ?? {});
      return;
    }
    const report = validateConnector(folder);
    const format = flags.format ?? (ctx.out.machine ? "json" : "table");
    if (format === "sarif") {
      const where = relative(ctx.cwd, folder.dir) || ".";
      ctx.io.stdout.write(JSON.stringify(toSarif(report, where, VERSION), null, 2) + "\n");
    } else if (format === "json") {
      ctx.io.stdout.write(JSON.stringify({ valid: report.errors === 0, ...report }, null, 2) + "\n");
    } else if (report.findings.length === 0) {
      ctx.out.success(`${report.files.join(" and ")}: no problems found.`);
    } else {
      ctx.out.print(
        report.findings.map((f) => ({
          level: f.level,
          code: f.code,
          location: `${f.file}${f.line ? `:${f.line}:${f.column ?? 1}` : ""}`,
          path: f.path,
          message: f.message,
        })),
      );
    }
    const failing = report.errors + (flags.strict ? report.warnings : 0);
    if (failing > 0) {
      // A failed check, not an error of ppx: the findings are the answer; cli/outcome.ts makes it exit 1.
      ctx.out.notice(
        `${plural(report.errors, "error")} and ${plural(report.warnings, "warning")} in ${folder.dir}` +
          (flags.strict && report.errors === 0 ? " (--strict makes warnings fail)." : "."),
      );
      ctx.conclude("failed");
      return;
    }
    if (format === "table" && report.findings.length > 0) {
      ctx.out.notice(`${plural(report.warnings, "warning")}, no errors.`);
    }
  });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
