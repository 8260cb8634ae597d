/**
 * `ppx connector init`: a new connector folder from a template (no auth, basic, API key, generic OAuth 2.0,
 * Microsoft Entra ID OAuth) that passes `ppx connector validate` as it is. pac's template names
 * (NoAuth, BasicAuth, ApiKey, OAuthGeneric, OAuthAAD) are accepted too.
 *
 * Permissions: none (the caller writes the files).
 *
 * @module
 */

import { UsageError } from "../errors.ts";

/** The templates. */
export const TEMPLATES = ["noauth", "basic", "apikey", "oauth2", "aad"] as const;

/** One of {@link TEMPLATES}. */
export type TemplateName = typeof TEMPLATES[number];

const ALIASES: Record<string, TemplateName> = {
  noauth: "noauth",
  none: "noauth",
  basic: "basic",
  basicauth: "basic",
  apikey: "apikey",
  "api-key": "apikey",
  oauth2: "oauth2",
  oauth: "oauth2",
  oauthgeneric: "oauth2",
  aad: "aad",
  entra: "aad",
  oauthaad: "aad",
};

/** Resolves a template name (ours or pac's, any case). */
export function templateName(value: string): TemplateName {
  const found = ALIASES[value.toLowerCase()];
  if (!found) {
    throw new UsageError(`Unknown connector template "${value}".`, {
      hint: `Use one of: ${
        TEMPLATES.join(", ")
      } (pac's NoAuth, BasicAuth, ApiKey, OAuthGeneric, OAuthAAD work too).`,
    });
  }
  return found;
}

/** What a new connector is built from. */
export interface TemplateInput {
  template: TemplateName;
  /** The connector's display name (the definition's info.title). */
  title: string;
  /** The API's host, e.g. api.contoso.com. */
  host: string;
  /** The publisher shown for the connector. */
  publisher: string;
}

/** The files of a new connector folder, as text (four-space indentation, as the coding standards ask). */
export function renderTemplate(input: TemplateInput): Record<string, string> {
  const { template, title, host, publisher } = input;
  if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(host)) {
    throw new UsageError(`"${host}" is not a host name.`, {
      hint: "Give the API's host without scheme or path, e.g. api.contoso.com.",
    });
  }
  const security = securityFor(template, host);
  const definition = {
    swagger: "2.0",
    info: {
      title,
      description: `${title} connector. Describe what the API does here.`,
      version: "1.0",
      contact: { name: publisher, url: `https://${host}`, email: "support@example.com" },
    },
    host,
    basePath: "/",
    schemes: ["https"],
    consumes: ["application/json"],
    produces: ["application/json"],
    paths: {
      "/items": {
        get: {
          operationId: "ListItems",
          summary: "List items",
          description: "Lists the items, newest first.",
          parameters: [{
            name: "top",
            in: "query",
            type: "integer",
            format: "int32",
            required: false,
            description: "How many items to return.",
            "x-ms-summary": "Top",
          }],
          responses: { "200": { description: "The items.", schema: { $ref: "#/definitions/ItemList" } } },
        },
      },
      "/items/{id}": {
        get: {
          operationId: "GetItem",
          summary: "Get an item",
          description: "Gets one item by its id.",
          parameters: [{
            name: "id",
            in: "path",
            type: "string",
            required: true,
            description: "The item's id.",
            "x-ms-summary": "Item id",
            "x-ms-url-encoding": "single",
          }],
          responses: { "200": { description: "The item.", schema: { $ref: "#/definitions/Item" } } },
        },
      },
    },
    definitions: {
      Item: {
        type: "object",
        properties: {
          id: { type: "string", description: "The item's id.", "x-ms-summary": "Id" },
          name: { type: "string", description: "The item's name.", "x-ms-summary": "Name" },
        },
      },
      ItemList: {
        type: "object",
        properties: { value: { type: "array", items: { $ref: "#/definitions/Item" } } },
      },
    },
    parameters: {},
    responses: {},
    securityDefinitions: security.definitions,
    security: security.requirement,
    tags: [],
    "x-ms-connector-metadata": [
      { propertyName: "Website", propertyValue: `https://${host}` },
      { propertyName: "Privacy policy", propertyValue: `https://${host}/privacy` },
      { propertyName: "Categories", propertyValue: "Productivity" },
    ],
  };
  const properties = {
    properties: {
      connectionParameters: security.parameters,
      iconBrandColor: "#da3b01",
      capabilities: [],
      publisher,
      stackOwner: publisher,
    },
  };
  return {
    "apiDefinition.swagger.json": JSON.stringify(definition, null, 4) + "\n",
    "apiProperties.json": JSON.stringify(properties, null, 4) + "\n",
    "README.md": readme(title, template),
  };
}

function securityFor(template: TemplateName, host: string): {
  definitions: Record<string, unknown>;
  requirement: Record<string, string[]>[];
  parameters: Record<string, unknown>;
} {
  const ui = (displayName: string, description: string, type = "securestring") => ({
    type,
    uiDefinition: {
      displayName,
      description,
      tooltip: description,
      constraints: { tabIndex: 2, clearText: false, required: "true" },
    },
  });
  switch (template) {
    case "noauth":
      return { definitions: {}, requirement: [], parameters: {} };
    case "basic":
      return {
        definitions: { basic_auth: { type: "basic" } },
        requirement: [{ basic_auth: [] }],
        parameters: {
          username: ui("User name", "The user name for this API.", "securestring"),
          password: ui("Password", "The password for this API."),
        },
      };
    case "apikey":
      return {
        definitions: { api_key: { type: "apiKey", in: "header", name: "X-API-Key" } },
        requirement: [{ api_key: [] }],
        parameters: { api_key: ui("API key", "The API key for this API.") },
      };
    case "oauth2":
      return {
        definitions: {
          oauth2_auth: {
            type: "oauth2",
            flow: "accessCode",
            authorizationUrl: `https://${host}/oauth/authorize`,
            tokenUrl: `https://${host}/oauth/token`,
            scopes: {},
          },
        },
        requirement: [{ oauth2_auth: [] }],
        parameters: {
          token: {
            type: "oauthSetting",
            oAuthSettings: {
              identityProvider: "oauth2",
              clientId: "CLIENT_ID",
              scopes: [],
              redirectMode: "GlobalPerConnector",
              redirectUrl: "https://global.consent.azure-apim.net/redirect",
              properties: { IsFirstParty: "False" },
              customParameters: {
                authorizationUrl: { value: `https://${host}/oauth/authorize` },
                tokenUrl: { value: `https://${host}/oauth/token` },
                refreshUrl: { value: `https://${host}/oauth/token` },
              },
            },
          },
        },
      };
    case "aad":
      return {
        definitions: {
          oauth2_auth: {
            type: "oauth2",
            flow: "accessCode",
            authorizationUrl: "https://login.microsoftonline.com/common/oauth2/authorize",
            tokenUrl: "https://login.windows.net/common/oauth2/authorize",
            scopes: {},
          },
        },
        requirement: [{ oauth2_auth: [] }],
        parameters: {
          token: {
            type: "oauthSetting",
            oAuthSettings: {
              identityProvider: "aad",
              clientId: "CLIENT_ID",
              scopes: [],
              redirectMode: "GlobalPerConnector",
              redirectUrl: "https://global.consent.azure-apim.net/redirect",
              properties: { IsFirstParty: "False", AzureActiveDirectoryResourceId: `https://${host}` },
              customParameters: {
                loginUri: { value: "https://login.microsoftonline.com" },
                tenantId: { value: "common" },
                resourceUri: { value: `https://${host}` },
                enableOnbehalfOfLogin: { value: "false" },
              },
            },
          },
        },
      };
  }
}

function readme(title: string, template: TemplateName): string {
  const secret = template === "oauth2" || template === "aad"
    ? "\nSet `clientId` in apiProperties.json; pass the client secret at create time with `--secret-env VAR`\n(it is never written to a file).\n"
    : "";
  return `# ${title}\n\nA custom connector made with \`ppx connector init --template ${template}\`.\n${secret}
\`\`\`sh
ppx connector validate .            # offline certification checks
ppx connector create . -e ENV       # create it in an environment (writes settings.json)
ppx connector update .              # push changes later
\`\`\`
`;
}
