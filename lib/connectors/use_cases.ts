/**
 * The use-cases behind `ppx connector ...`: each takes its options (already parsed: absolute paths, a
 * known template, a checked encoding) and the few things it needs from outside, and returns data for the
 * command to render. The API is reached through `deps.connect`, because where it points (environment,
 * PowerApps host) may depend on the folder's settings.json, which only the use-case reads.
 *
 * Permissions: net (through the API), read of the folder, write of the folder or settings.json.
 *
 * @module
 */

import { basename } from "node:path";
import type { ConnectorApi, ConnectorResource } from "./api.ts";
import { ConnectorUsageError } from "./errors.ts";
import { type ConnectorFolder, type FILES, readConnectorFolder } from "./folder.ts";
import { connectorFiles, upsertConnector, type UpsertResult, writeFolder } from "./operations.ts";
import { needsClientSecret } from "./payload.ts";
import type { ConnectorSettings } from "./settings.ts";
import { renderTemplate, type TemplateName } from "./templates.ts";
import type { TextEncodingName } from "./text.ts";
import { validateConnector, type ValidationReport } from "./validate/validate.ts";

/** An API for one environment, and that environment's id. */
export interface Connected {
  api: ConnectorApi;
  environment: string;
}

/** How a use-case reaches the connector API (settings.json may say which environment and host). */
export interface ConnectorDeps {
  connect(settings?: ConnectorSettings): Promise<Connected>;
}

/** Where a connector folder is, and the files named explicitly (they win over the folder's). */
export interface FolderSource {
  /** The folder, or a definition file whose folder is read around it (absolute). */
  path: string;
  /** Files named on the command line (absolute). */
  files?: Partial<Record<keyof typeof FILES, string>>;
  /** Read the files in this encoding instead of refusing non-UTF-8 bytes. */
  encoding?: TextEncodingName;
}

/** Reads the folder a {@link FolderSource} names. */
export async function readSource(source: FolderSource, propertiesOptional = false): Promise<ConnectorFolder> {
  return await readConnectorFolder(source.path, {
    encoding: source.encoding,
    propertiesOptional,
    files: source.files,
  });
}

/** One connector, as the service returns it. */
export async function getConnector(
  options: { name: string },
  deps: ConnectorDeps,
): Promise<ConnectorResource> {
  const { api } = await deps.connect();
  return await api.get(options.name);
}

/** The environment's custom connectors, page by page (at most `top`). */
export async function* listConnectors(
  options: { top?: number },
  deps: ConnectorDeps,
): AsyncGenerator<ConnectorResource> {
  const { api } = await deps.connect();
  yield* api.list(options.top);
}

/** What a delete removed. */
export interface Deleted {
  deleted: string;
  environment: string;
}

/** Deletes a connector once `deps.confirm` (told the environment) lets it; a refusal throws there. */
export async function deleteConnector(
  options: { name: string },
  deps: ConnectorDeps & { confirm(environment: string): Promise<void> },
): Promise<Deleted> {
  const { api, environment } = await deps.connect();
  await deps.confirm(environment);
  await api.delete(options.name);
  return { deleted: options.name, environment };
}

/** The connector's runtime status (connectivity API only); `{}` when the service says nothing. */
export async function connectorRuntimeStatus(
  options: { name: string },
  deps: ConnectorDeps,
): Promise<unknown> {
  const { api } = await deps.connect();
  return await api.runtimeStatus(options.name) ?? {};
}

/** What a download wrote. */
export interface Downloaded {
  connectorId: string;
  dir: string;
  files: string[];
}

/** Downloads a connector into `dir` (paconn's files and settings.json); existing files only with `overwrite`. */
export async function downloadConnector(
  options: { name: string; dir: string; overwrite?: boolean },
  deps: ConnectorDeps,
): Promise<Downloaded> {
  const { api, environment } = await deps.connect();
  const resource = await api.get(options.name);
  const files = await connectorFiles(api, resource, environment);
  await writeFolder(options.dir, files, options.overwrite === true);
  return { connectorId: options.name, dir: options.dir, files: [...files.keys()] };
}

/** What `init` is asked to make. */
export interface InitOptions {
  /** The folder to create (absolute). */
  dir: string;
  template: TemplateName;
  /** The display name; default: the folder's name, words apart. */
  title?: string;
  host: string;
  publisher: string;
  overwrite?: boolean;
}

/** What `init` made. */
export interface Initialized {
  dir: string;
  template: TemplateName;
  title: string;
  files: string[];
}

/** Writes a new connector folder from a template (valid as it is). */
export async function initConnector(options: InitOptions): Promise<Initialized> {
  const title = options.title ?? (basename(options.dir).replace(/[-_]+/g, " ").trim() || "My Connector");
  const files = renderTemplate({
    template: options.template,
    title,
    host: options.host,
    publisher: options.publisher,
  });
  const encoder = new TextEncoder();
  await writeFolder(
    options.dir,
    Object.entries(files).map(([name, text]) => [name, encoder.encode(text)]),
    options.overwrite === true,
  );
  return { dir: options.dir, template: options.template, title, files: Object.keys(files) };
}

/** create: always a new connector; update: the known one; push: update when known, create otherwise. */
export type PushMode = "create" | "update" | "push";

/** What create / update / push are asked to do. */
export interface PushOptions {
  mode: PushMode;
  source: FolderSource;
  /** The connector to update (default: settings.json's connectorId). */
  connectorId?: string;
  displayName?: string;
  /** Write the new connector's id into settings.json after a create (default true). */
  writeSettings?: boolean;
}

/** What push needs besides the API: the OAuth client secret, asked for only when a create needs one. */
export interface PushDeps extends ConnectorDeps {
  clientSecret(needed: boolean): Promise<string | undefined>;
}

/** Sends a connector folder to an environment the way paconn does. */
export async function pushConnector(options: PushOptions, deps: PushDeps): Promise<UpsertResult> {
  const folder = await readSource(options.source, options.mode === "push");
  const known = options.connectorId ?? folder.settings?.connectorId;
  if (options.mode === "update" && !known) {
    throw new ConnectorUsageError("no-connector-id", "Which connector? settings.json has no connectorId.");
  }
  const connectorId = options.mode === "create" ? undefined : known;
  const { api, environment } = await deps.connect(folder.settings);
  const secret = await deps.clientSecret(
    connectorId === undefined && needsClientSecret(folder.properties?.value),
  );
  return await upsertConnector(api, {
    folder,
    environment,
    connectorId,
    clientSecret: secret,
    displayName: options.displayName,
    writeSettings: options.writeSettings !== false,
  });
}

/** The answer of a check: the offline report, or the service's own validation. */
export type CheckResult =
  | { kind: "offline"; folder: ConnectorFolder; report: ValidationReport }
  | { kind: "remote"; answer: unknown };

/** Checks a connector folder offline, or (with `remote`) asks the service's validator. */
export async function checkConnector(
  options: { source: FolderSource; remote?: { name?: string } },
  deps: ConnectorDeps,
): Promise<CheckResult> {
  const folder = await readSource(options.source, true);
  if (!options.remote) return { kind: "offline", folder, report: validateConnector(folder) };
  const { api } = await deps.connect(folder.settings);
  return {
    kind: "remote",
    answer: await api.validateRemote(options.remote.name, folder.definition.value) ?? {},
  };
}
