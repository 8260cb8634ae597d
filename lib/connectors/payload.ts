/**
 * The create/update request body, merged the way paconn merges it (wire-and-file-formats 4.8): the
 * apiProperties.json document with, under `properties`, the parsed definition (`openApiDefinition`), the
 * backend service URL (`scheme://host` + `basePath`), the environment, the display name (on create only),
 * the description, the OAuth client secret (only in memory, never on disk) and the uploaded icon and
 * script URLs.
 *
 * Permissions: none.
 *
 * @module
 */

import { ConnectorUsageError } from "./errors.ts";

/** What the merged body is made of. */
export interface PayloadInput {
  definition: Record<string, unknown>;
  /** apiProperties.json's whole document (`{ "properties": { ... } }`); a bare definition gets defaults. */
  properties?: Record<string, unknown>;
  environment: string;
  isUpdate: boolean;
  /** The OAuth client secret for `token` parameters. */
  clientSecret?: string;
  iconUri?: string;
  /** The uploaded script's URL; paconn sends "" when there is no script. */
  scriptUri?: string;
  /** A display name that wins over info.title (the earlier CLI's --display-name). */
  displayName?: string;
}

/** The backend URL of a definition: first scheme, host and basePath. */
export function backendServiceUrl(definition: Record<string, unknown>): string {
  const schemes = Array.isArray(definition.schemes) ? definition.schemes : [];
  const scheme = typeof schemes[0] === "string" ? schemes[0] : "https";
  const host = typeof definition.host === "string" ? definition.host : "";
  const basePath = typeof definition.basePath === "string" ? definition.basePath : "";
  return `${scheme}://${host}${basePath}`;
}

/** Whether any OAuth `token` parameter would take a client secret. */
export function needsClientSecret(properties: Record<string, unknown> | undefined): boolean {
  return tokenSettings(properties).length > 0;
}

/** Builds the merged body; a create of an OAuth connector without a secret is refused. */
export function buildPayload(input: PayloadInput): Record<string, unknown> {
  const doc = structuredClone(input.properties ?? { properties: { connectionParameters: {} } });
  const props = (doc.properties ??= {}) as Record<string, unknown>;
  const oauth = tokenSettings(doc);
  if (oauth.length > 0) {
    if (input.clientSecret) { for (const settings of oauth) settings.clientSecret = input.clientSecret; }
    else if (!input.isUpdate) {
      throw new ConnectorUsageError(
        "client-secret-required",
        "The connector signs in with OAuth 2.0 and needs its client secret to be created.",
      );
    }
  }
  const info = (input.definition.info ?? {}) as Record<string, unknown>;
  props.openApiDefinition = input.definition;
  props.backendService = { serviceUrl: backendServiceUrl(input.definition) };
  props.environment = { name: input.environment };
  if (!input.isUpdate || input.displayName) props.displayName = input.displayName ?? info.title;
  if (typeof info.description === "string") props.description = info.description;
  if (input.iconUri) props.iconUri = input.iconUri;
  props.scriptDefinitionUrl = input.scriptUri ?? "";
  return doc;
}

/** The oAuthSettings objects of every `token` parameter (plain and in parameter sets). */
function tokenSettings(doc: Record<string, unknown> | undefined): Record<string, unknown>[] {
  const props = doc?.properties as Record<string, unknown> | undefined;
  const found: Record<string, unknown>[] = [];
  const take = (params: unknown) => {
    const token = (params as Record<string, { oAuthSettings?: Record<string, unknown> }> | undefined)?.token;
    if (token?.oAuthSettings && typeof token.oAuthSettings === "object") found.push(token.oAuthSettings);
  };
  take(props?.connectionParameters);
  const sets = (props?.connectionParameterSets as { values?: { parameters?: unknown }[] } | undefined)
    ?.values;
  for (const set of Array.isArray(sets) ? sets : []) take(set?.parameters);
  return found;
}
