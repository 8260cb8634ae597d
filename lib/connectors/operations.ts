/**
 * The connector use-cases against an environment: create, update (push), download. Each returns data
 * and writes files only where its options say.
 *
 * Permissions: net (through the API), read of the folder, write of settings.json / the download folder.
 *
 * @module
 */

import { basename, join } from "node:path";
import { SafeTree } from "../fs/safe_tree.ts";
import { ValidationError } from "../errors.ts";
import { ConnectorUsageError } from "./errors.ts";
import type { ConnectorApi, ConnectorResource } from "./api.ts";
import { type ConnectorFolder, FILES } from "./folder.ts";
import { buildPayload } from "./payload.ts";
import { type ConnectorSettings, POWERAPPS_DEFAULTS, settingsText } from "./settings.ts";

/** What create/update did. */
export interface UpsertResult {
  action: "created" | "updated";
  connectorId: string;
  displayName?: string;
  environment: string;
  /** Whether settings.json was written (after a create, as paconn does). */
  settingsWritten: boolean;
  iconUploaded: boolean;
  scriptUploaded: boolean;
}

/** Options of create/update. */
export interface UpsertOptions {
  folder: ConnectorFolder;
  environment: string;
  /** The connector to update; undefined creates one. */
  connectorId?: string;
  clientSecret?: string;
  displayName?: string;
  /** Write the new connector's id into settings.json after a create (paconn's behaviour; default true). */
  writeSettings?: boolean;
}

const CONTENT_TYPES: Record<string, string> = { png: "image/png", csx: "text/plain", cs: "text/plain" };

/** Creates or updates a connector from a folder, paconn's way. */
export async function upsertConnector(api: ConnectorApi, options: UpsertOptions): Promise<UpsertResult> {
  const { folder } = options;
  const isUpdate = options.connectorId !== undefined;
  let iconUri: string | undefined;
  let scriptUri: string | undefined;
  // Validate the payload before anything is uploaded: a missing secret must not leave blobs behind.
  buildPayload({ ...base(options), isUpdate });
  if (api.deps.endpoint !== "connectivity" && (folder.iconPath || folder.scriptPath)) {
    const sas = await api.resourceStorage();
    if (folder.iconPath) iconUri = await upload(api, sas, folder.iconPath);
    if (folder.scriptPath) scriptUri = await upload(api, sas, folder.scriptPath);
  }
  const payload = buildPayload({ ...base(options), isUpdate, iconUri, scriptUri });
  const resource = isUpdate ? await api.update(options.connectorId!, payload) : await api.create(payload);
  const connectorId = resource?.name ?? options.connectorId;
  if (!connectorId) throw new ValidationError("The service created the connector but did not say its name.");
  let settingsWritten = false;
  if (!isUpdate && options.writeSettings !== false) {
    const settings: ConnectorSettings = {
      ...(folder.settings ?? {}),
      connectorId,
      environment: options.environment,
      apiDefinition: folder.settings?.apiDefinition ?? basename(folder.definition.path),
      apiProperties: folder.settings?.apiProperties ??
        (folder.properties ? basename(folder.properties.path) : undefined),
      icon: folder.settings?.icon ?? (folder.iconPath ? basename(folder.iconPath) : undefined),
      script: folder.settings?.script ?? (folder.scriptPath ? basename(folder.scriptPath) : undefined),
      powerAppsUrl: folder.settings?.powerAppsUrl ?? POWERAPPS_DEFAULTS.url,
      powerAppsApiVersion: folder.settings?.powerAppsApiVersion ?? api.deps.powerAppsApiVersion,
    };
    const tree = await SafeTree.open(folder.dir);
    await tree.writeFile(FILES.settings, new TextEncoder().encode(settingsText(settings)));
    settingsWritten = true;
  }
  return {
    action: isUpdate ? "updated" : "created",
    connectorId,
    displayName: typeof resource?.properties?.displayName === "string"
      ? resource.properties.displayName
      : undefined,
    environment: options.environment,
    settingsWritten,
    iconUploaded: iconUri !== undefined,
    scriptUploaded: scriptUri !== undefined,
  };
}

function base(options: UpsertOptions) {
  return {
    definition: options.folder.definition.value,
    properties: options.folder.properties?.value,
    environment: options.environment,
    clientSecret: options.clientSecret,
    displayName: options.displayName,
  };
}

async function upload(api: ConnectorApi, sas: string, path: string): Promise<string> {
  const name = basename(path);
  const ext = name.split(".").pop()!.toLowerCase();
  return await api.upload(
    sas,
    name,
    await Deno.readFile(path),
    CONTENT_TYPES[ext] ?? "application/octet-stream",
  );
}

/** paconn keeps these apiProperties fields when it downloads a connector. */
export const DOWNLOADED_PROPERTIES = [
  "connectionParameters",
  "connectionParameterSets",
  "iconBrandColor",
  "scriptOperations",
  "capabilities",
  "policyTemplateInstances",
  "publisher",
  "stackOwner",
] as const;

/** The files of a downloaded connector, as bytes by name (the caller writes them with {@link writeFolder}). */
export async function connectorFiles(
  api: ConnectorApi,
  resource: ConnectorResource,
  environment: string,
): Promise<Map<string, Uint8Array>> {
  const props = resource.properties ?? {};
  const files = new Map<string, Uint8Array>();
  const enc = new TextEncoder();
  const kept: Record<string, unknown> = {};
  for (const key of DOWNLOADED_PROPERTIES) if (props[key] !== undefined) kept[key] = props[key];
  files.set(FILES.properties, enc.encode(JSON.stringify({ properties: kept }, null, 4) + "\n"));
  const swaggerUrl = (props.apiDefinitions as { originalSwaggerUrl?: unknown } | undefined)
    ?.originalSwaggerUrl;
  let definition: unknown = props.openApiDefinition;
  if (typeof swaggerUrl === "string") {
    const text = new TextDecoder().decode(await api.download(swaggerUrl)).replace(/^\uFEFF/, "");
    try {
      definition = JSON.parse(text);
    } catch {
      throw new ValidationError("The connector's definition downloaded from the service is not JSON.");
    }
  }
  if (!definition) throw new ValidationError(`The service returned no definition for '${resource.name}'.`);
  files.set(FILES.definition, enc.encode(JSON.stringify(definition, null, 4) + "\n"));
  if (typeof props.iconUri === "string" && props.iconUri) {
    files.set(FILES.icon, await api.download(props.iconUri));
  }
  const script = typeof props.scriptDefinitionUrl === "string" && props.scriptDefinitionUrl
    ? props.scriptDefinitionUrl
    : undefined;
  if (script) files.set(FILES.script, await api.download(script));
  const settings: ConnectorSettings = {
    connectorId: resource.name,
    environment,
    apiDefinition: FILES.definition,
    apiProperties: FILES.properties,
    icon: files.has(FILES.icon) ? FILES.icon : undefined,
    script: script ? FILES.script : undefined,
    powerAppsUrl: POWERAPPS_DEFAULTS.url,
    powerAppsApiVersion: api.deps.powerAppsApiVersion,
  };
  files.set(FILES.settings, enc.encode(settingsText(settings)));
  return files;
}

/** Refuses to overwrite existing files unless asked. */
export async function checkOverwrite(
  dir: string,
  names: Iterable<string>,
  overwrite: boolean,
): Promise<void> {
  if (overwrite) return;
  const existing: string[] = [];
  for (const name of names) if (await Deno.lstat(join(dir, name)).catch(() => undefined)) existing.push(name);
  if (existing.length) {
    throw new ConnectorUsageError("files-exist", `${dir} already has ${existing.join(", ")}.`, {
      dir,
      files: existing,
    });
  }
}

/**
 * Writes files into a folder (created when missing) through {@link SafeTree}: atomically, and never
 * through a link that already exists there. Existing files are kept unless `overwrite`.
 */
export async function writeFolder(
  dir: string,
  files: Iterable<[string, Uint8Array]>,
  overwrite: boolean,
): Promise<string[]> {
  const entries = [...files];
  await checkOverwrite(dir, entries.map(([name]) => name), overwrite);
  const tree = await SafeTree.open(dir, { create: true });
  for (const [name, bytes] of entries) await tree.writeFile(name, bytes);
  return entries.map(([name]) => name);
}
