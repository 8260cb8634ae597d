/** `ppx connector validate [PATH]`: offline certification checks; `--remote` asks the service instead. */

import { Command, Option } from "@commander-js/extra-typings";
import { RULES } from "../../../lib/connectors/validate/rules.ts";
import { toSarif } from "../../../lib/connectors/validate/sarif.ts";
import type { FolderSource } from "../../../lib/connectors/use_cases.ts";
import { VERSION } from "../../../lib/version.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import {
  connectorDeps,
  folderSource,
  type RemoteOptions,
  remoteOptions,
  withFiles,
  withRemote,
} from "./shared.ts";

/** The options `connector validate` parses its argv into. */
export interface ConnectorValidateOptions extends RemoteOptions {
  /** `--rules`: list the rules instead of checking anything. */
  rules: boolean;
  source: FolderSource;
  /** `--format`; default: json with --json, else table. */
  format?: "table" | "json" | "sarif";
  /** Warnings fail too. */
  strict: boolean;
  /** `--remote` (with `--name` for the connectivity API): the service's validator instead. */
  remote?: { name?: string };
}

/** Builds `connector validate`; `runF` receives the parsed options (tests capture them). */
export default function validate(app: App, runF: RunF<ConnectorValidateOptions> = runValidate) {
  const command = withRemote(withFiles(
    new Command("validate")
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
      .option("--name <connector>", "the connector, for --remote --endpoint connectivity"),
  ));
  command.addHelpText(
    "after",
    "\nExit codes: 0 valid (warnings allowed), 1 errors found (or warnings with --strict).\n\nExamples:\n" +
      "  ppx connector validate ./MyConnector\n" +
      "  ppx connector validate . --format sarif > connector.sarif   # upload with github/codeql-action/upload-sarif\n",
  );
  return command.action(async (path, flags, cmd) => {
    const ctx = app.context(cmd);
    await runF({
      rules: flags.rules === true,
      source: await folderSource(ctx.cwd, path, flags),
      format: flags.format,
      strict: flags.strict === true,
      remote: flags.remote ? { name: flags.name } : undefined,
      ...remoteOptions(flags),
    }, ctx);
  });
}

/**
 * Prints the rules, the service's answer, or the report (table, JSON or SARIF); ends as "failed" (exit 1)
 * when errors, or with --strict warnings, were found: the findings are the answer, not an error of ppx.
 */
export async function runValidate(options: ConnectorValidateOptions, ctx: Context): Promise<void> {
  if (options.rules) {
    const rows = [...RULES.values()].map((r) => ({
      code: r.code,
      level: r.level,
      rule: r.summary,
      reference: r.reference,
    }));
    ctx.out.result(rows, { columns: ["level", "code", "rule", "reference"] });
    return;
  }
  // The checks (jsonc-parser, the schema validator, node:path) load when they run (ADR 0023).
  const { checkConnector } = await import("../../../lib/connectors/use_cases.ts");
  const checked = await checkConnector(options, connectorDeps(ctx, options));
  if (checked.kind === "remote") return ctx.out.result(checked.answer);
  const { report, folder } = checked;
  const format = options.format ?? (ctx.out.machine ? "json" : "table");
  if (format === "sarif") {
    const { relative } = await import("node:path");
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
  const failing = report.errors + (options.strict ? report.warnings : 0);
  if (failing > 0) {
    ctx.out.notice(
      `${plural(report.errors, "error")} and ${plural(report.warnings, "warning")} in ${folder.dir}` +
        (options.strict && report.errors === 0 ? " (--strict makes warnings fail)." : "."),
    );
    ctx.conclude("failed");
    return;
  }
  if (format === "table" && report.findings.length > 0) {
    ctx.out.notice(`${plural(report.warnings, "warning")}, no errors.`);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
