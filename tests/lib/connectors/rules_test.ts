/**
 * Every rule of `ppx connector validate`, each with a failing case (a template connector broken in exactly
 * one way) and the passing case (the same template, untouched, has no finding of that code). A rule added
 * to the catalogue without a case here fails the last test.
 */

import { renderTemplate, type TemplateName } from "../../../lib/connectors/templates.ts";
import { readConnectorFolder } from "../../../lib/connectors/folder.ts";
import { RULES } from "../../../lib/connectors/validate/rules.ts";
import { validateConnector } from "../../../lib/connectors/validate/validate.ts";
import { assert, assertEquals } from "../../helpers/assert.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

interface Case {
  template?: TemplateName;
  /** Changes the definition (parsed). */
  def?: (d: Json) => void;
  /** Changes apiProperties.json (parsed). */
  props?: (p: Json) => void;
  /** Replaces the definition's text after serialising (text-level rules). */
  text?: (t: string) => string;
  /** Extra files or renames. */
  files?: (dir: string) => Promise<void>;
  /** The JSON path the finding must point at (optional). */
  path?: string;
}

const get = (d: Json) => d.paths["/items"].get;
const item = (d: Json) => d.paths["/items/{id}"].get;

const CASES: Record<string, Case> = {
  SpecificationVersionIncorrect: { def: (d) => (d.swagger = "3.0"), path: "$.swagger" },
  PpxSwaggerSchema: { def: (d) => (d.info = { title: "x" }), path: "$.info" },
  HostNameNotValid: { def: (d) => (d.host = "https://api.contoso.com/v1"), path: "$.host" },
  BasePathNotValid: { def: (d) => (d.basePath = "v1"), path: "$.basePath" },
  SchemesArrayEmpty: { def: (d) => (d.schemes = []) },
  SchemeNotSupported: { def: (d) => (d.schemes = ["wss"]) },
  SchemeNotValid: { def: (d) => (d.schemes = ["ftp"]) },
  TagRedefined: { def: (d) => (d.tags = [{ name: "a" }, { name: "a" }]) },
  OperationPathMustStartWithSlash: { def: (d) => (d.paths["items2"] = d.paths["/items"]) },
  OperationPathMayNotContainQueryOrFragment: {
    def: (d) => (d.paths["/search?q=1"] = { get: { ...get(d), operationId: "Search" } }),
  },
  OperationPathContainsUnsupportedCharacters: {
    def: (d) => (d.paths["/files/*"] = { get: { ...get(d), operationId: "Files" } }),
  },
  OperationPathTemplateNotValid: {
    def: (d) => (d.paths["/a{b/c}"] = { get: { ...get(d), operationId: "Abc" } }),
  },
  PathRedefined: { def: (d) => (d.paths["/ITEMS"] = { post: { ...get(d), operationId: "PostItems" } }) },
  DuplicateOperationPath: {
    def: (
      d,
    ) => (d.paths["/items/{key}"] = {
      get: { ...item(d), operationId: "GetByKey", parameters: [{ ...item(d).parameters[0], name: "key" }] },
    }),
  },
  OperationIdRequired: { def: (d) => delete get(d).operationId },
  OperationIdNotUnique: { def: (d) => (item(d).operationId = "ListItems") },
  OperationIdTooLong: { def: (d) => (get(d).operationId = "L" + "x".repeat(130)) },
  OperationIdSanitized: { def: (d) => (get(d).operationId = "List-Items") },
  OperationMissingPathParameter: { def: (d) => (item(d).parameters = []) },
  PathParameterNotDefinedInTemplate: {
    def: (d) => item(d).parameters.push({ name: "other", in: "path", required: true, type: "string" }),
  },
  PathParameterMustBeRequired: { def: (d) => (item(d).parameters[0].required = false) },
  OperationParametersContainDuplicateParameter: {
    def: (d) => get(d).parameters.push({ ...get(d).parameters[0] }),
  },
  OperationParametersContainMultipleBodyParameters: {
    def: (
      d,
    ) => (d.paths["/items"].post = {
      ...get(d),
      operationId: "AddItem",
      parameters: [{ name: "a", in: "body", schema: {} }, { name: "b", in: "body", schema: {} }],
    }),
  },
  ParameterListContainsFormDataAndBody: {
    def: (
      d,
    ) => (d.paths["/items"].post = {
      ...get(d),
      operationId: "AddItem",
      parameters: [{ name: "a", in: "body", schema: {} }, { name: "b", in: "formData", type: "string" }],
    }),
  },
  BodyOrFormDataParameterInFetchOperationNotAllowed: {
    def: (d) => get(d).parameters.push({ name: "b", in: "body", schema: {} }),
  },
  ConnectionIdParameterNotAllowed: {
    def: (d) => get(d).parameters.push({ name: "connectionId", in: "query", type: "string" }),
  },
  FileParameterMustBeInFormData: {
    def: (d) => get(d).parameters.push({ name: "f", in: "query", type: "file" }),
  },
  BodyParameterSchemaRequired: {
    def: (
      d,
    ) => (d.paths["/items"].post = {
      ...get(d),
      operationId: "AddItem",
      parameters: [{ name: "a", in: "body" }],
    }),
  },
  NonBodyParameterSchemaNotValid: { def: (d) => (get(d).parameters[0].schema = { type: "integer" }) },
  ConsumesMissing: {
    def: (d) => {
      delete d.consumes;
      d.paths["/items"].post = {
        ...get(d),
        operationId: "AddItem",
        parameters: [{ name: "a", in: "body", schema: { type: "object" } }],
      };
    },
  },
  OperationMustHaveResponse: { def: (d) => (get(d).responses = {}) },
  ResponseMustBeDefaultOrHttpStatusCode: { def: (d) => (get(d).responses.ok = { description: "x" }) },
  OperationShouldHaveSuccessfulResponse: {
    def: (d) => (get(d).responses = { "404": { description: "missing" } }),
  },
  DefaultResponseHasSchema: {
    def: (d) => (get(d).responses.default = { description: "error", schema: { type: "object" } }),
  },
  OperationSummaryTooLong: { def: (d) => (get(d).summary = "S".repeat(130)) },
  InvalidNextLinkNameValue: { def: (d) => (get(d)["x-ms-pageable"] = { nextLinkName: "next" }) },
  SecurityRequirementMustBeDefined: { def: (d) => (d.security = [{ missing_auth: [] }]) },
  SchemaReferenceNotValid: {
    def: (d) => (get(d).responses["200"].schema = { $ref: "#/components/schemas/X" }),
  },
  SchemaReferenceNotFound: { def: (d) => (get(d).responses["200"].schema = { $ref: "#/definitions/Nope" }) },
  ParameterReferenceNotValid: { def: (d) => get(d).parameters.push({ $ref: "#/definitions/Item" }) },
  ParameterReferenceNotFound: { def: (d) => get(d).parameters.push({ $ref: "#/parameters/nope" }) },
  ResponseReferenceNotValid: { def: (d) => (get(d).responses["404"] = { $ref: "#/definitions/Item" }) },
  ResponseReferenceNotFound: { def: (d) => (get(d).responses["404"] = { $ref: "#/responses/nope" }) },
  EnumMustContainAtLeastOneElement: { def: (d) => (d.definitions.Item.properties.name.enum = []) },
  ArrayHasNoItems: { def: (d) => (d.definitions.Item.properties.tags = { type: "array" }) },
  RequiredPropertyArrayEmpty: { def: (d) => (d.definitions.Item.required = []) },
  RequiredPropertyDefinitionMissing: { def: (d) => (d.definitions.Item.required = ["colour"]) },
  MinLengthShouldBeLessThanOrEqualToMaxLength: {
    def: (d) => Object.assign(d.definitions.Item.properties.name, { minLength: 5, maxLength: 2 }),
  },
  MinimumShouldBeLessThanOrEqualToMaximum: {
    def: (d) => Object.assign(get(d).parameters[0], { minimum: 10, maximum: 1 }),
  },
  MinItemsShouldBeLessThanOrEqualToMaxItems: {
    def: (d) => Object.assign(d.definitions.ItemList.properties.value, { minItems: 3, maxItems: 1 }),
  },
  ExclusiveMaximumRequiresMaximum: { def: (d) => (get(d).parameters[0].exclusiveMaximum = true) },
  ExclusiveMinimumRequiresMinimum: { def: (d) => (get(d).parameters[0].exclusiveMinimum = true) },
  PatternShouldBeValidRegularExpression: { def: (d) => (d.definitions.Item.properties.id.pattern = "([a-z") },
  UnrecognizedTypeFormat: { def: (d) => (d.definitions.Item.properties.id.format = "guidish") },
  ConnectorMetadataPropertiesMissing: { def: (d) => d["x-ms-connector-metadata"].pop() },
  PpxPropertiesRoot: { props: (p) => (p.connectorProperties = p.properties, delete p.properties) },
  PpxIconBrandColor: { props: (p) => (p.properties.iconBrandColor = "orange") },
  PpxConnectionParameterType: { props: (p) => (p.properties.connectionParameters.x = { type: "password" }) },
  PpxOAuthSettings: {
    template: "oauth2",
    props: (p) => delete p.properties.connectionParameters.token.oAuthSettings.clientId,
  },
  PpxClientSecretInFile: {
    template: "oauth2",
    props: (p) => (p.properties.connectionParameters.token.oAuthSettings.clientSecret = "s3cret"),
  },
  PpxScriptOperation: {
    props: (p) => (p.properties.scriptOperations = ["NoSuchOperation"]),
    files: (dir) => Deno.writeTextFile(`${dir}/script.csx`, "// script\n"),
  },
  PpxScriptMissing: { props: (p) => (p.properties.scriptOperations = ["GetItem"]) },
  PpxPolicyTemplate: {
    props: (p) => (p.properties.policyTemplateInstances = [{ title: "x", parameters: {} }]),
  },
  PpxOperationIdPascalCase: { def: (d) => (get(d).operationId = "listItems") },
  PpxSummaryMissing: { def: (d) => delete get(d).summary },
  PpxDescriptionMissing: { def: (d) => delete get(d).description },
  PpxDescriptionPeriod: { def: (d) => (get(d).description = "Lists the items") },
  PpxBrandColorReserved: { props: (p) => (p.properties.iconBrandColor = "#007ee5") },
  PpxIndentation: { text: (t) => t.replace(/^ {4}/gm, "\t") },
  PpxTrailingWhitespace: { text: (t) => t.replace('"swagger": "2.0",', '"swagger": "2.0",   ') },
  PpxJsonSlip: {
    text: (t) =>
      t.replace('"produces": [', '"produces": [\n        "application/xml",').replace(
        /\]\s*,\s*"paths"/,
        ',],\n    "paths"',
      ),
  },
  PpxFileName: {
    files: (dir) => Deno.rename(`${dir}/apiDefinition.swagger.json`, `${dir}/apidefinition.swagger.json`),
  },
  PpxInternalRequiredNoDefault: {
    def: (d) => Object.assign(get(d).parameters[0], { required: true, "x-ms-visibility": "internal" }),
  },
};

async function folderFor(c: Case): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "ppx-rule-" });
  const files = renderTemplate({
    template: c.template ?? "noauth",
    title: "Contoso Items",
    host: "api.contoso.com",
    publisher: "Contoso",
  });
  const def = JSON.parse(files["apiDefinition.swagger.json"]);
  const props = JSON.parse(files["apiProperties.json"]);
  c.def?.(def);
  c.props?.(props);
  let text = JSON.stringify(def, null, 4) + "\n";
  if (c.text) text = c.text(text);
  await Deno.writeTextFile(`${dir}/apiDefinition.swagger.json`, text);
  await Deno.writeTextFile(`${dir}/apiProperties.json`, JSON.stringify(props, null, 4) + "\n");
  await c.files?.(dir);
  return dir;
}

for (const [code, c] of Object.entries(CASES)) {
  Deno.test(`connector rule ${code}: the broken folder is reported, the template is clean`, async () => {
    const clean = await folderFor({ template: c.template });
    const broken = await folderFor(c);
    try {
      const before = validateConnector(await readConnectorFolder(clean));
      assertEquals(before.findings.filter((f) => f.code === code), [], `the template already has ${code}`);
      const after = validateConnector(await readConnectorFolder(broken));
      const hits = after.findings.filter((f) => f.code === code);
      assert(
        hits.length > 0,
        `${code} not reported; got ${JSON.stringify(after.findings.map((f) => f.code))}`,
      );
      assertEquals(hits[0].level, RULES.get(code)!.level);
      if (c.path) assertEquals(hits[0].path, c.path);
      if (hits[0].level === "Error") assert(after.errors > 0);
    } finally {
      await Deno.remove(clean, { recursive: true });
      await Deno.remove(broken, { recursive: true });
    }
  });
}

Deno.test("every connector rule in the catalogue has a failing case here", () => {
  const missing = [...RULES.keys()].filter((code) => !(code in CASES));
  assertEquals(missing, []);
});
