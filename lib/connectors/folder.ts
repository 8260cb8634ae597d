/**
 * A custom connector folder as paconn and `pac connector` use it: `apiDefinition.swagger.json`,
 * `apiProperties.json`, and optionally `icon.png`, `script.csx` and `settings.json`. Files are found
 * case-insensitively; misnamed ones (`apidefinition.swagger.json`, `MyApi.swagger.json`, `Script.cs`) are
 * used with a warning naming them. `settings.json` may point at other file names, as paconn allows.
 *
 * Permissions: read of the folder.
 *
 * @module
 */

import { basename, dirname, join, resolve } from "node:path";
import { NotFoundError, ValidationError } from "../errors.ts";
import { type JsonSlip, parseConnectorJson } from "./json_file.ts";
import { type ConnectorSettings, readSettings } from "./settings.ts";
import { decodeText, type TextEncodingName } from "./text.ts";
import { ConnectorFolderMissingError } from "./errors.ts";

/** A warning found while reading (a forgiven JSON slip or a non-standard file name). */
export interface FolderWarning {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** One JSON file of the folder, parsed. */
export interface ConnectorJsonFile {
  /** Absolute path. */
  path: string;
  value: Record<string, unknown>;
  text: string;
}

/** A connector folder, read. */
export interface ConnectorFolder {
  dir: string;
  definition: ConnectorJsonFile;
  properties?: ConnectorJsonFile;
  settings?: ConnectorSettings;
  iconPath?: string;
  scriptPath?: string;
  warnings: FolderWarning[];
}

/** Standard file names. */
export const FILES = {
  definition: "apiDefinition.swagger.json",
  properties: "apiProperties.json",
  icon: "icon.png",
  script: "script.csx",
  settings: "settings.json",
} as const;

/** Options for reading a folder. */
export interface ReadFolderOptions {
  /** Reads the files in this encoding instead of refusing non-UTF-8 bytes. */
  encoding?: TextEncodingName;
  /** apiProperties.json is optional (validate of a bare definition, push of an OpenAPI file). */
  propertiesOptional?: boolean;
  /** Files named on the command line (pac's --api-definition-file..., paconn's --api-def...): they win. */
  files?: Partial<Record<keyof typeof FILES, string>>;
}

/**
 * Reads a connector folder, or a single definition file (its folder is read around it). Throws
 * NotFoundError when there is no definition, ValidationError for files that cannot be read.
 */
export async function readConnectorFolder(
  path: string,
  options: ReadFolderOptions = {},
): Promise<ConnectorFolder> {
  const info = await Deno.stat(path).catch(() => undefined);
  if (!info) throw new NotFoundError(`${path} does not exist.`, { hint: "Give the connector's folder." });
  const dir = resolve(info.isDirectory ? path : dirname(path));
  const names = [...Deno.readDirSync(dir)].filter((e) => e.isFile).map((e) => e.name);
  const warnings: FolderWarning[] = [];
  const explicit = options.files ?? {};
  const settingsName = find(names, FILES.settings);
  const settingsPath = explicit.settings ?? (settingsName ? join(dir, settingsName) : undefined);
  const settings = settingsPath ? await readSettings(settingsPath, options.encoding) : undefined;

  const pick = (
    kind: keyof typeof FILES,
    fromSettings: string | undefined,
    fallback: (n: string) => boolean,
  ) => {
    if (explicit[kind]) return resolve(explicit[kind]!);
    if (fromSettings) return resolve(dir, fromSettings);
    const exact = find(names, FILES[kind]);
    if (exact) {
      if (exact !== FILES[kind]) {
        warnings.push({ file: exact, message: `non-standard name; paconn expects ${FILES[kind]}` });
      }
      return join(dir, exact);
    }
    const other = names.filter(fallback);
    if (other.length === 1) {
      warnings.push({ file: other[0], message: `used as ${FILES[kind]} (non-standard name)` });
      return join(dir, other[0]);
    }
    return undefined;
  };

  const definitionPath = info.isFile && !explicit.definition
    ? resolve(path)
    : pick("definition", settings?.apiDefinition, (n) =>
      /\.swagger\.json$/i.test(n) || /^apidefin\w*\.json$/i.test(n));
  if (!definitionPath) {
    throw new ConnectorFolderMissingError("no-definition", dir, `No ${FILES.definition} in ${dir}.`);
  }
  const definition = await readJson(definitionPath, options.encoding, warnings);
  const propertiesPath = pick("properties", settings?.apiProperties, (n) => /^apiprop\w*\.json$/i.test(n));
  const properties = propertiesPath ? await readJson(propertiesPath, options.encoding, warnings) : undefined;
  if (!properties && !options.propertiesOptional) {
    throw new ConnectorFolderMissingError("no-properties", dir, `No ${FILES.properties} in ${dir}.`);
  }
  const iconPath = pick("icon", settings?.icon, () => false);
  const scriptPath = pick(
    "script",
    settings?.script,
    (n) => /^(script|connector-script)\.(csx|cs)$/i.test(n),
  );
  return { dir, definition, properties, settings, iconPath, scriptPath, warnings };
}

function find(names: string[], wanted: string): string | undefined {
  return names.find((n) => n === wanted) ?? names.find((n) => n.toLowerCase() === wanted.toLowerCase());
}

async function readJson(
  path: string,
  encoding: TextEncodingName | undefined,
  warnings: FolderWarning[],
): Promise<ConnectorJsonFile> {
  const name = basename(path);
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw new NotFoundError(`${path} does not exist.`);
    throw error;
  }
  const text = decodeText(bytes, name, encoding);
  const doc = parseConnectorJson(text.replace(/^\uFEFF/, ""), name);
  for (const slip of doc.slips as JsonSlip[]) {
    warnings.push({
      file: slip.file,
      line: slip.line,
      column: slip.column,
      message: `${slip.message} (read anyway)`,
    });
  }
  if (typeof doc.value !== "object" || doc.value === null || Array.isArray(doc.value)) {
    throw new ValidationError(`${name} must hold a JSON object.`);
  }
  return { path, value: doc.value as Record<string, unknown>, text: doc.text };
}
