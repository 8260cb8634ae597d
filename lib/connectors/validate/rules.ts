/**
 * The rules `ppx connector validate` checks offline. Codes in PascalCase without a prefix are the public
 * certification Swagger-validator codes (learn.microsoft.com/connectors/custom-connectors/
 * certification-swagger-validator-rules), re-implemented from their published meaning; codes starting with
 * `Ppx` are ours (JSON Schema of Swagger 2.0, apiProperties.json, folder and publishing conventions from
 * learn.microsoft.com/connectors/custom-connectors/coding-standards and the certification submission
 * guidance). The catalogue publishes no levels: structural and routing problems are errors here, style
 * and certification-only expectations are warnings.
 *
 * Permissions: none.
 *
 * @module
 */

/** How serious a finding is: errors fail validation, warnings only with --strict. */
export type RuleLevel = "Error" | "Warning";

/** One rule. */
export interface Rule {
  code: string;
  level: RuleLevel;
  /** What the rule checks, in one line. */
  summary: string;
  /** Where the rule comes from. */
  reference: string;
}

const SWAGGER_RULES =
  "https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules";
const CODING = "https://learn.microsoft.com/connectors/custom-connectors/coding-standards";
const SUBMIT = "https://learn.microsoft.com/connectors/custom-connectors/certification-submission";
const PROPS = "https://learn.microsoft.com/connectors/custom-connectors/paconn-cli";
const SWAGGER2 = "https://swagger.io/specification/v2/";
const EXTENSIONS = "https://learn.microsoft.com/connectors/custom-connectors/openapi-extensions";

const E = "Error", W = "Warning";
const table: [string, RuleLevel, string, string][] = [
  // Swagger 2.0 itself.
  ["SpecificationVersionIncorrect", E, 'The "swagger" property must be the string "2.0".', SWAGGER_RULES],
  ["PpxSwaggerSchema", E, "The definition follows the Swagger 2.0 JSON Schema.", SWAGGER2],
  ["HostNameNotValid", E, "`host` is a host name (and port) without scheme or path.", SWAGGER_RULES],
  ["BasePathNotValid", E, "`basePath`, when present, starts with '/'.", SWAGGER_RULES],
  ["SchemesArrayEmpty", E, "`schemes`, when present, has at least one value.", SWAGGER_RULES],
  ["SchemeNotSupported", E, "WebSocket schemes (ws, wss) are not supported.", SWAGGER_RULES],
  ["SchemeNotValid", E, "`schemes` holds only http and https.", SWAGGER_RULES],
  ["TagRedefined", E, "Each tag in `tags` is defined once.", SWAGGER_RULES],
  // Paths and operations.
  ["OperationPathMustStartWithSlash", E, "Every path starts with '/'.", SWAGGER_RULES],
  ["OperationPathMayNotContainQueryOrFragment", E, "Paths have no unencoded '?' or '#'.", SWAGGER_RULES],
  ["OperationPathContainsUnsupportedCharacters", E, "Paths have no wildcard '*'.", SWAGGER_RULES],
  [
    "OperationPathTemplateNotValid",
    E,
    "Path template variables are closed and within one segment.",
    SWAGGER_RULES,
  ],
  ["PathRedefined", E, "Paths are unique when compared case-insensitively.", SWAGGER_RULES],
  ["DuplicateOperationPath", E, "No two operations have indistinguishable path templates.", SWAGGER_RULES],
  ["OperationIdRequired", E, "Every operation has an operationId.", SWAGGER_RULES],
  ["OperationIdNotUnique", E, "operationIds are unique.", SWAGGER_RULES],
  ["OperationIdTooLong", E, "operationIds are shorter than 128 characters.", SWAGGER_RULES],
  ["OperationIdSanitized", E, "operationIds use only letters, digits and underscores.", SWAGGER_RULES],
  ["OperationMissingPathParameter", E, "Each {variable} of a path has a path parameter.", SWAGGER_RULES],
  [
    "PathParameterNotDefinedInTemplate",
    E,
    "Each path parameter appears in the path template.",
    SWAGGER_RULES,
  ],
  ["PathParameterMustBeRequired", E, "Path parameters are marked required.", SWAGGER_RULES],
  [
    "OperationParametersContainDuplicateParameter",
    E,
    "No operation repeats a parameter (name + location).",
    SWAGGER_RULES,
  ],
  [
    "OperationParametersContainMultipleBodyParameters",
    E,
    "An operation has at most one body parameter.",
    SWAGGER_RULES,
  ],
  [
    "ParameterListContainsFormDataAndBody",
    E,
    "An operation does not mix body and formData parameters.",
    SWAGGER_RULES,
  ],
  [
    "BodyOrFormDataParameterInFetchOperationNotAllowed",
    E,
    "GET operations have no body or formData parameter.",
    SWAGGER_RULES,
  ],
  ["ConnectionIdParameterNotAllowed", E, "No parameter is named connectionId.", SWAGGER_RULES],
  ["FileParameterMustBeInFormData", E, "Parameters of type file are in formData.", SWAGGER_RULES],
  ["BodyParameterSchemaRequired", E, "Body parameters define a schema.", SWAGGER_RULES],
  ["NonBodyParameterSchemaNotValid", E, "Only body parameters define a schema.", SWAGGER_RULES],
  ["ConsumesMissing", E, "Operations with a body or form data name a MIME type in consumes.", SWAGGER_RULES],
  ["OperationMustHaveResponse", E, "Every operation defines at least one response.", SWAGGER_RULES],
  [
    "ResponseMustBeDefaultOrHttpStatusCode",
    E,
    "Response keys are HTTP status codes or 'default'.",
    SWAGGER_RULES,
  ],
  ["OperationShouldHaveSuccessfulResponse", W, "Every operation defines a 2xx response.", SWAGGER_RULES],
  ["DefaultResponseHasSchema", W, "The default response has no schema.", SWAGGER_RULES],
  ["OperationSummaryTooLong", W, "Operation summaries are fewer than 120 characters.", SWAGGER_RULES],
  [
    "InvalidNextLinkNameValue",
    E,
    "x-ms-pageable nextLinkName is nextLink or @odata.nextLink.",
    SWAGGER_RULES,
  ],
  [
    "SecurityRequirementMustBeDefined",
    E,
    "Security requirements name a securityDefinitions entry.",
    SWAGGER_RULES,
  ],
  // References and schemas.
  ["SchemaReferenceNotValid", E, "Schema $refs start with #/definitions/.", SWAGGER_RULES],
  ["SchemaReferenceNotFound", E, "Schema $refs point at an existing definition.", SWAGGER_RULES],
  ["ParameterReferenceNotValid", E, "Parameter $refs start with #/parameters/.", SWAGGER_RULES],
  ["ParameterReferenceNotFound", E, "Parameter $refs point at an existing parameter.", SWAGGER_RULES],
  ["ResponseReferenceNotValid", E, "Response $refs start with #/responses/.", SWAGGER_RULES],
  ["ResponseReferenceNotFound", E, "Response $refs point at an existing response.", SWAGGER_RULES],
  ["EnumMustContainAtLeastOneElement", E, "An enum has at least one value.", SWAGGER_RULES],
  ["ArrayHasNoItems", E, "Array schemas and parameters define items.", SWAGGER_RULES],
  ["RequiredPropertyArrayEmpty", W, "A 'required' array is not empty.", SWAGGER_RULES],
  ["RequiredPropertyDefinitionMissing", E, "Properties listed in 'required' are defined.", SWAGGER_RULES],
  ["MinLengthShouldBeLessThanOrEqualToMaxLength", E, "minLength <= maxLength.", SWAGGER_RULES],
  ["MinimumShouldBeLessThanOrEqualToMaximum", E, "minimum <= maximum.", SWAGGER_RULES],
  ["MinItemsShouldBeLessThanOrEqualToMaxItems", E, "minItems <= maxItems.", SWAGGER_RULES],
  ["ExclusiveMaximumRequiresMaximum", E, "exclusiveMaximum comes with maximum.", SWAGGER_RULES],
  ["ExclusiveMinimumRequiresMinimum", E, "exclusiveMinimum comes with minimum.", SWAGGER_RULES],
  ["PatternShouldBeValidRegularExpression", E, "'pattern' is a valid regular expression.", SWAGGER_RULES],
  ["UnrecognizedTypeFormat", W, "type/format pairs are ones the platform knows.", SWAGGER_RULES],
  [
    "ConnectorMetadataPropertiesMissing",
    W,
    "x-ms-connector-metadata has Website, Privacy policy and Categories.",
    SWAGGER_RULES,
  ],
  // apiProperties.json.
  ["PpxPropertiesRoot", E, "apiProperties.json holds a top-level 'properties' object.", PROPS],
  ["PpxIconBrandColor", E, "iconBrandColor is a #rrggbb colour.", PROPS],
  ["PpxConnectionParameterType", E, "Connection parameters have a known type.", PROPS],
  [
    "PpxOAuthSettings",
    E,
    "oauthSetting parameters have oAuthSettings with identityProvider and clientId.",
    PROPS,
  ],
  [
    "PpxClientSecretInFile",
    W,
    "No OAuth client secret is kept in apiProperties.json (it ends up in source control).",
    PROPS,
  ],
  ["PpxScriptOperation", E, "Each scriptOperations entry is an operationId of the definition.", PROPS],
  ["PpxScriptMissing", E, "A folder with scriptOperations has script.csx.", PROPS],
  ["PpxPolicyTemplate", E, "policyTemplateInstances entries have a templateId.", PROPS],
  // Conventions for publishing.
  [
    "PpxOperationIdPascalCase",
    W,
    "operationIds are PascalCase (GetMessages, not getMessages or Get-Messages).",
    CODING,
  ],
  ["PpxSummaryMissing", W, "Every operation has a summary.", CODING],
  ["PpxDescriptionMissing", W, "Every operation has a description.", CODING],
  ["PpxDescriptionPeriod", W, "Operation descriptions end with a period.", CODING],
  [
    "PpxBrandColorReserved",
    W,
    "Certified connectors do not use #007ee5 or #ffffff as their brand colour.",
    SUBMIT,
  ],
  ["PpxIndentation", W, "The definition is indented with spaces, not tabs.", CODING],
  ["PpxTrailingWhitespace", W, "No line ends in whitespace.", CODING],
  // The folder.
  ["PpxJsonSlip", W, "The JSON files are strict JSON (no trailing commas, comments or other slips).", PROPS],
  ["PpxFileName", W, "The files have the names paconn expects (apiDefinition.swagger.json, ...).", PROPS],
  [
    "PpxInternalRequiredNoDefault",
    E,
    "Required parameters with x-ms-visibility internal have a default.",
    EXTENSIONS,
  ],
];

/** Every rule, by code. */
export const RULES: ReadonlyMap<string, Rule> = new Map(
  table.map(([code, level, summary, reference]) => [code, { code, level, summary, reference }]),
);

/** The rule with this code (throws for an unknown code: a programming error). */
export function rule(code: string): Rule {
  const found = RULES.get(code);
  if (!found) throw new Error(`unknown connector rule ${code}`);
  return found;
}
