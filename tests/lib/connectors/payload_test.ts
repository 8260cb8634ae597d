import { buildPayload } from "../../../lib/connectors/payload.ts";
import type { ConnectorUsageError } from "../../../lib/connectors/errors.ts";
import { UsageError } from "../../../lib/errors.ts";
import { assertEquals } from "../../helpers/assert.ts";

const definition = {
  swagger: "2.0",
  info: { title: "Contoso Items", description: "Items of Contoso.", version: "1.0" },
  host: "api.contoso.com",
  basePath: "/v2",
  schemes: ["https", "http"],
  paths: {},
};
const oauth = {
  properties: {
    iconBrandColor: "#da3b01",
    connectionParameters: {
      token: { type: "oauthSetting", oAuthSettings: { identityProvider: "oauth2", clientId: "abc" } },
    },
    connectionParameterSets: {
      uiDefinition: {},
      values: [{
        name: "oauth",
        parameters: {
          token: { type: "oauthSetting", oAuthSettings: { identityProvider: "aad", clientId: "def" } },
        },
      }],
    },
  },
};

Deno.test("connector payload: paconn's merge on create (definition, backend, environment, display name, secret, uploads)", () => {
  const body = buildPayload({
    definition,
    properties: oauth,
    environment: "env-1",
    isUpdate: false,
    clientSecret: "s3cret",
    iconUri: "https://blob/icon.png?sig=1",
    scriptUri: "https://blob/script.csx?sig=1",
  });
  // The expectation is written out from paconn's upsert behaviour (wire-and-file-formats 4.8), not derived.
  assertEquals(body, {
    properties: {
      iconBrandColor: "#da3b01",
      connectionParameters: {
        token: {
          type: "oauthSetting",
          oAuthSettings: { identityProvider: "oauth2", clientId: "abc", clientSecret: "s3cret" },
        },
      },
      connectionParameterSets: {
        uiDefinition: {},
        values: [{
          name: "oauth",
          parameters: {
            token: {
              type: "oauthSetting",
              oAuthSettings: { identityProvider: "aad", clientId: "def", clientSecret: "s3cret" },
            },
          },
        }],
      },
      openApiDefinition: definition,
      backendService: { serviceUrl: "https://api.contoso.com/v2" },
      environment: { name: "env-1" },
      displayName: "Contoso Items",
      description: "Items of Contoso.",
      iconUri: "https://blob/icon.png?sig=1",
      scriptDefinitionUrl: "https://blob/script.csx?sig=1",
    },
  });
  assertEquals(oauth.properties.connectionParameters.token.oAuthSettings, {
    identityProvider: "oauth2",
    clientId: "abc",
  });
});

Deno.test("connector payload: update sends no display name and may omit the secret; create without it is refused", () => {
  const body = buildPayload({ definition, properties: oauth, environment: "env-1", isUpdate: true }) as {
    properties: Record<string, unknown>;
  };
  assertEquals(body.properties.displayName, undefined);
  assertEquals(body.properties.scriptDefinitionUrl, "");
  let error: unknown;
  try {
    buildPayload({ definition, properties: oauth, environment: "env-1", isUpdate: false });
  } catch (e) {
    error = e;
  }
  assertEquals(error instanceof UsageError, true);
  assertEquals((error as ConnectorUsageError).reason, "client-secret-required");
});
