/**
 * pac's deployment-settings file: `{ "EnvironmentVariables": [{ "SchemaName", "Value" }],
 * "ConnectionReferences": [{ "LogicalName", "ConnectionId", "ConnectorId" }] }`. Created from a solution,
 * and turned into ImportSolutionAsync's ComponentParameters at import.
 *
 * @module
 */

import { ValidationError } from "../../errors.ts";
import { advised } from "../advice.ts";
import type { SolutionContents } from "./zip_info.ts";

/** The deployment-settings document. */
export interface DeploymentSettings {
  EnvironmentVariables: { SchemaName: string; Value: string }[];
  ConnectionReferences: { LogicalName: string; ConnectionId: string; ConnectorId: string }[];
}

/** An empty settings template for a solution (values to fill in per environment). */
export function settingsTemplate(contents: SolutionContents): DeploymentSettings {
  return {
    EnvironmentVariables: contents.environmentVariables.map((v) => ({ SchemaName: v.schemaName, Value: "" })),
    ConnectionReferences: contents.connectionReferences.map((c) => ({
      LogicalName: c.logicalName,
      ConnectionId: "",
      ConnectorId: c.connectorId,
    })),
  };
}

/** Checks a parsed settings file; ValidationError naming the bad entry. */
export function parseSettings(value: unknown, label: string): DeploymentSettings {
  const bad = (what: string) =>
    advised(
      new ValidationError(`${label}: ${what}.`, {
        hint: 'Expected { "EnvironmentVariables": [{ "SchemaName", "Value" }], "ConnectionReferences": ' +
          '[{ "LogicalName", "ConnectionId", "ConnectorId" }] } (settingsTemplate writes one).',
      }),
      { kind: "settings-shape" },
    );
  if (!value || typeof value !== "object" || Array.isArray(value)) throw bad("not a JSON object");
  const doc = value as Record<string, unknown>;
  const list = (key: string) => {
    const v = doc[key] ?? [];
    if (!Array.isArray(v)) throw bad(`${key} is not an array`);
    return v as Record<string, unknown>[];
  };
  const str = (entry: Record<string, unknown>, key: string, where: string, required: boolean) => {
    const v = entry?.[key];
    if (v === undefined || v === null) {
      if (required) throw bad(`${where} has no ${key}`);
      return "";
    }
    if (typeof v !== "string") throw bad(`${where}.${key} is not a string`);
    return v;
  };
  return {
    EnvironmentVariables: list("EnvironmentVariables").map((e, i) => ({
      SchemaName: str(e, "SchemaName", `EnvironmentVariables[${i}]`, true),
      Value: str(e, "Value", `EnvironmentVariables[${i}]`, false),
    })),
    ConnectionReferences: list("ConnectionReferences").map((c, i) => ({
      LogicalName: str(c, "LogicalName", `ConnectionReferences[${i}]`, true),
      ConnectionId: str(c, "ConnectionId", `ConnectionReferences[${i}]`, false),
      ConnectorId: str(c, "ConnectorId", `ConnectionReferences[${i}]`, false),
    })),
  };
}

/**
 * ComponentParameters for ImportSolutionAsync: one `environmentvariablevalue` per variable with a value and
 * one `connectionreference` per reference with a connection. Empty entries are left out, as pac does, so the
 * target keeps (or asks for) its own value.
 */
export function componentParameters(settings: DeploymentSettings): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const v of settings.EnvironmentVariables) {
    if (v.Value === "") continue;
    out.push({
      "@odata.type": "Microsoft.Dynamics.CRM.environmentvariablevalue",
      schemaname: v.SchemaName,
      value: v.Value,
    });
  }
  for (const c of settings.ConnectionReferences) {
    if (c.ConnectionId === "") continue;
    out.push({
      "@odata.type": "Microsoft.Dynamics.CRM.connectionreference",
      connectionreferencelogicalname: c.LogicalName,
      connectionid: c.ConnectionId,
      ...(c.ConnectorId ? { connectorid: c.ConnectorId } : {}),
    });
  }
  return out;
}
