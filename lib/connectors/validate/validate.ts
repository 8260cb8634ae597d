/**
 * `ppx connector validate`, offline: the Swagger 2.0 JSON Schema, the certification rules, the
 * apiProperties.json checks and the publishing conventions, over a folder read by `readConnectorFolder`.
 * Findings carry the file, the JSON path and, where the text allows, the line and column.
 *
 * Permissions: none (the folder is read by the caller).
 *
 * @module
 */

// @ts-types="./generated/swagger2_check.d.ts"
import { validate as swaggerSchema } from "./generated/swagger2_check.js";
import { findNodeAtLocation, type Node, parseTree } from "jsonc-parser";
import { basename } from "node:path";
import { lineColumnAt } from "../../config/json_text.ts";
import type { ConnectorFolder } from "../folder.ts";
import { checkDefinition } from "./definition_checks.ts";
import { type Finding, Findings, type JsonPath, obj } from "./findings.ts";
import { checkProperties } from "./properties_checks.ts";
import { checkText } from "./text_checks.ts";

/** The outcome of validating a folder. */
export interface ValidationReport {
  /** Findings, errors first, then by file, line and code. */
  findings: Finding[];
  errors: number;
  warnings: number;
  /** The files that were checked (names within the folder). */
  files: string[];
}

/** Validates a connector folder. */
export function validateConnector(folder: ConnectorFolder): ValidationReport {
  const defName = basename(folder.definition.path);
  const def = folder.definition.value;
  const defFindings = new Findings(defName);
  // The Swagger 2.0 JSON Schema, compiled ahead of time by scripts/gen_swagger_check.ts.
  if (!swaggerSchema(def)) {
    const seen = new Set<string>();
    for (const e of swaggerSchema.errors ?? []) {
      // oneOf/anyOf wrappers repeat what their branches say; one message per location is enough.
      if (e.keyword === "oneOf" || e.keyword === "anyOf" || seen.has(e.instancePath)) continue;
      seen.add(e.instancePath);
      const at = e.instancePath.split("/").slice(1).map((s: string) =>
        s.replace(/~1/g, "/").replace(/~0/g, "~")
      );
      const extra = e.keyword === "additionalProperties"
        ? ` '${(e.params as { additionalProperty?: string }).additionalProperty}'`
        : "";
      defFindings.add("PpxSwaggerSchema", at, `${e.message}${extra} (Swagger 2.0 schema)`);
    }
  }
  checkDefinition(def, defFindings);
  const findings = located(defFindings, folder.definition.text);
  findings.push(...checkText(folder.definition.text, defName));
  const files = [defName];
  if (folder.properties) {
    const propName = basename(folder.properties.path);
    files.push(propName);
    const propFindings = new Findings(propName);
    checkProperties(folder.properties.value, {
      operationIds: operationIds(def),
      hasScript: folder.scriptPath !== undefined,
    }, propFindings);
    findings.push(...located(propFindings, folder.properties.text));
  }
  for (const w of folder.warnings) {
    const slip = w.line !== undefined;
    findings.push({
      level: "Warning",
      code: slip ? "PpxJsonSlip" : "PpxFileName",
      file: w.file,
      path: "$",
      line: w.line,
      column: w.column,
      message: w.message,
    });
  }
  findings.sort((a, b) =>
    (a.level === b.level ? 0 : a.level === "Error" ? -1 : 1) || a.file.localeCompare(b.file) ||
    (a.line ?? 0) - (b.line ?? 0) || a.code.localeCompare(b.code)
  );
  const errors = findings.filter((f) => f.level === "Error").length;
  return { findings, errors, warnings: findings.length - errors, files };
}

/** The operationIds a definition declares. */
export function operationIds(def: Record<string, unknown>): Set<string> {
  const ids = new Set<string>();
  for (const item of Object.values(obj(def.paths) ?? {})) {
    for (const op of Object.values(obj(item) ?? {})) {
      const id = obj(op)?.operationId;
      if (typeof id === "string") ids.add(id);
    }
  }
  return ids;
}

function located(collected: Findings, text: string): Finding[] {
  let tree: Node | undefined;
  return collected.items.map(({ at, ...f }) => {
    tree ??= parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
    const node = tree ? nearest(tree, at) : undefined;
    return node ? { ...f, ...lineColumnAt(text, node.offset) } : f;
  });
}

/** The node at a path, or the closest ancestor that exists. */
function nearest(tree: Node, at: JsonPath): Node | undefined {
  for (let n = at.length; n >= 0; n--) {
    const node = findNodeAtLocation(tree, at.slice(0, n));
    if (node) return node.parent?.type === "property" && n > 0 ? node.parent : node;
  }
  return undefined;
}
