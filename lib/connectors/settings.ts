/**
 * `settings.json`, paconn's argument store: connector id, environment, file names and the PowerApps API
 * location. Read leniently (unknown keys kept), written as paconn writes it (sorted keys, two-space indent).
 *
 * Permissions: read/write of the file.
 *
 * @module
 */

import { ValidationError } from "../errors.ts";
import { parseConnectorJson } from "./json_file.ts";
import { decodeText, type TextEncodingName } from "./text.ts";

/** paconn's defaults for the PowerApps resource provider. */
export const POWERAPPS_DEFAULTS = { url: "https://api.powerapps.com", apiVersion: "2016-11-01" } as const;

/** settings.json's fields (paconn's names). */
export interface ConnectorSettings {
  connectorId?: string;
  environment?: string;
  apiProperties?: string;
  apiDefinition?: string;
  icon?: string;
  script?: string;
  powerAppsUrl?: string;
  powerAppsApiVersion?: string;
  /** Keys ppx does not know, kept when the file is written back. */
  [other: string]: unknown;
}

/** Reads settings.json. */
export async function readSettings(path: string, encoding?: TextEncodingName): Promise<ConnectorSettings> {
  const text = decodeText(await Deno.readFile(path), "settings.json", encoding).replace(/^\uFEFF/, "");
  const value = parseConnectorJson(text, "settings.json").value as Record<string, unknown>;
  for (const key of ["connectorId", "environment", "apiProperties", "apiDefinition", "icon", "script"]) {
    if (value[key] !== undefined && value[key] !== null && typeof value[key] !== "string") {
      throw new ValidationError(`settings.json: "${key}" must be a string.`);
    }
  }
  const cleaned: ConnectorSettings = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) cleaned[k] = v;
  return cleaned;
}

/** settings.json's text as paconn writes it: keys sorted, two-space indent, no trailing newline. */
export function settingsText(settings: ConnectorSettings): string {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(settings).sort()) {
    if (settings[key] !== undefined) sorted[key] = settings[key];
  }
  return JSON.stringify(sorted, null, 2);
}
