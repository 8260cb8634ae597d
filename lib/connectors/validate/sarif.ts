/**
 * SARIF 2.1.0 output of a validation report, so GitHub code scanning shows the findings on the pull
 * request (upload with github/codeql-action/upload-sarif).
 *
 * Permissions: none.
 *
 * @module
 */

import { RULES } from "./rules.ts";
import type { ValidationReport } from "./validate.ts";

/** Builds the SARIF log; `folder` is the connector folder relative to the repository root. */
export function toSarif(
  report: ValidationReport,
  folder: string,
  toolVersion: string,
): Record<string, unknown> {
  const used = [...new Set(report.findings.map((f) => f.code))].sort();
  const base = folder.replace(/\\/g, "/").replace(/\/+$/, "");
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{
      tool: {
        driver: {
          name: "ppx connector validate",
          version: toolVersion,
          informationUri:
            "https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules",
          rules: used.map((code) => {
            const r = RULES.get(code)!;
            return {
              id: code,
              shortDescription: { text: r.summary },
              helpUri: r.reference,
              defaultConfiguration: { level: r.level === "Error" ? "error" : "warning" },
            };
          }),
        },
      },
      results: report.findings.map((f) => ({
        ruleId: f.code,
        ruleIndex: used.indexOf(f.code),
        level: f.level === "Error" ? "error" : "warning",
        message: { text: `${f.message} (${f.path})` },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: base && base !== "." ? `${base}/${f.file}` : f.file },
            ...(f.line ? { region: { startLine: f.line, startColumn: f.column ?? 1 } } : {}),
          },
        }],
      })),
    }],
  };
}
