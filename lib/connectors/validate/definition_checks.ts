/**
 * The certification rules on `apiDefinition.swagger.json`: root fields, paths and operations, parameters,
 * responses, references and schemas.
 *
 * Permissions: none.
 *
 * @module
 */

import { type Findings, type JsonPath, obj, str } from "./findings.ts";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"];
const KNOWN_FORMATS: Record<string, string[]> = {
  integer: ["int32", "int64"],
  number: ["float", "double", "decimal"],
  string: [
    "byte",
    "binary",
    "date",
    "date-time",
    "date-no-tz",
    "password",
    "email",
    "uri",
    "uuid",
    "html",
    "time",
    "duration",
  ],
  boolean: [],
  array: [],
  object: [],
  file: [],
};

/** Runs every definition rule. */
export function checkDefinition(def: Record<string, unknown>, out: Findings): void {
  if (def.swagger !== "2.0") {
    out.add(
      "SpecificationVersionIncorrect",
      ["swagger"],
      `"swagger" is ${JSON.stringify(def.swagger)}, not "2.0".`,
    );
  }
  checkRoot(def, out);
  const operationIds = new Map<string, JsonPath>();
  const paths = obj(def.paths) ?? {};
  const lowered = new Map<string, string>();
  const templates: { key: string; path: string; id: string }[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (path.startsWith("x-")) continue;
    const at: JsonPath = ["paths", path];
    checkPathText(path, at, out);
    const low = path.toLowerCase();
    if (lowered.has(low) && lowered.get(low) !== path) {
      out.add(
        "PathRedefined",
        at,
        `The path '${path}' is also defined as '${lowered.get(low)}' (paths must differ case-insensitively).`,
      );
    }
    lowered.set(low, path);
    const pathItem = obj(item) ?? {};
    const shared = Array.isArray(pathItem.parameters) ? pathItem.parameters : [];
    for (const method of METHODS) {
      const op = obj(pathItem[method]);
      if (!op) continue;
      const opAt: JsonPath = [...at, method];
      const id = str(op.operationId);
      checkOperationId(id, opAt, operationIds, out);
      const key = `${method} ${path.replace(/\{[^}]*\}/g, "{}").toLowerCase()}`;
      const twin = templates.find((t) => t.key === key && t.path !== path);
      if (twin) {
        out.add(
          "DuplicateOperationPath",
          opAt,
          `The operations '${twin.id}' and '${
            id ?? "?"
          }' have the path templates '${twin.path}' and '${path}', which are indistinguishable.`,
        );
      }
      templates.push({ key, path, id: id ?? "?" });
      checkParameters(
        def,
        path,
        method,
        [...resolveAll(def, shared), ...resolveAll(def, op.parameters)],
        opAt,
        op,
        out,
      );
      checkResponses(def, op, opAt, out);
      checkTexts(op, opAt, out);
      const pageable = obj(op["x-ms-pageable"]);
      if (
        pageable && pageable.nextLinkName !== undefined &&
        !["nextLink", "@odata.nextLink"].includes(String(pageable.nextLinkName))
      ) {
        out.add(
          "InvalidNextLinkNameValue",
          [...opAt, "x-ms-pageable", "nextLinkName"],
          `The nextLinkName '${pageable.nextLinkName}' of '${
            id ?? path
          }' is not 'nextLink' or '@odata.nextLink'.`,
        );
      }
      checkSecurity(def, op.security, [...opAt, "security"], out);
    }
  }
  checkSecurity(def, def.security, ["security"], out);
  walkRefsAndSchemas(def, def, [], out);
}

function checkRoot(def: Record<string, unknown>, out: Findings): void {
  const host = def.host;
  if (host !== undefined && (typeof host !== "string" || !/^[A-Za-z0-9.-]+(:\d+)?$/.test(host))) {
    out.add(
      "HostNameNotValid",
      ["host"],
      `The host '${host}' is not a host name without scheme or path (e.g. api.contoso.com).`,
    );
  }
  if (def.basePath !== undefined && !(typeof def.basePath === "string" && def.basePath.startsWith("/"))) {
    out.add("BasePathNotValid", ["basePath"], `The basePath '${def.basePath}' must start with '/'.`);
  }
  if (Array.isArray(def.schemes)) {
    if (def.schemes.length === 0) {
      out.add("SchemesArrayEmpty", ["schemes"], "The 'schemes' array requires at least one value.");
    }
    def.schemes.forEach((s, i) => {
      if (s === "ws" || s === "wss") {
        out.add("SchemeNotSupported", ["schemes", i], `The scheme '${s}' (WebSocket) is not supported.`);
      } else if (s !== "http" && s !== "https") {
        out.add("SchemeNotValid", ["schemes", i], `The scheme '${s}' is not http or https.`);
      }
    });
  }
  if (Array.isArray(def.tags)) {
    const seen = new Set<string>();
    def.tags.forEach((t, i) => {
      const name = str(obj(t)?.name);
      if (name && seen.has(name)) {
        out.add("TagRedefined", ["tags", i], `The tag '${name}' is defined more than once.`);
      }
      if (name) seen.add(name);
    });
  }
  const meta = def["x-ms-connector-metadata"];
  if (Array.isArray(meta)) {
    const names = new Set(meta.map((m) => str(obj(m)?.propertyName)?.toLowerCase()));
    for (const wanted of ["Website", "Privacy policy", "Categories"]) {
      if (!names.has(wanted.toLowerCase())) {
        out.add(
          "ConnectorMetadataPropertiesMissing",
          ["x-ms-connector-metadata"],
          `The connector metadata property '${wanted}' is required.`,
        );
      }
    }
  }
}

function checkPathText(path: string, at: JsonPath, out: Findings): void {
  if (!path.startsWith("/")) {
    out.add("OperationPathMustStartWithSlash", at, `The path '${path}' must start with '/'.`);
  }
  if (/[?#]/.test(path)) {
    out.add(
      "OperationPathMayNotContainQueryOrFragment",
      at,
      `The path '${path}' contains '?' or '#'; encode them.`,
    );
  }
  if (path.includes("*")) {
    out.add(
      "OperationPathContainsUnsupportedCharacters",
      at,
      `The path '${path}' contains the wildcard '*'.`,
    );
  }
  const stripped = path.replace(/\{[^{}/]+\}/g, "");
  if (/[{}]/.test(stripped)) {
    out.add(
      "OperationPathTemplateNotValid",
      at,
      `The path '${path}' has a '{' or '}' that does not enclose a variable within one segment.`,
    );
  }
}

function checkOperationId(
  id: string | undefined,
  at: JsonPath,
  seen: Map<string, JsonPath>,
  out: Findings,
): void {
  if (!id) return out.add("OperationIdRequired", at, "The operation has no operationId.");
  const idAt = [...at, "operationId"];
  if (seen.has(id)) out.add("OperationIdNotUnique", idAt, `The operationId '${id}' is used more than once.`);
  seen.set(id, at);
  if (id.length >= 128) {
    out.add(
      "OperationIdTooLong",
      idAt,
      `The operationId '${id.slice(0, 40)}…' is ${id.length} characters; keep it under 128.`,
    );
  }
  if (/[^A-Za-z0-9_]/.test(id)) {
    out.add(
      "OperationIdSanitized",
      idAt,
      `The operationId '${id}' differs from its sanitized value '${id.replace(/[^A-Za-z0-9_]/g, "")}'.`,
    );
  } else if (!/^[A-Z][A-Za-z0-9]*$/.test(id)) {
    out.add("PpxOperationIdPascalCase", idAt, `The operationId '${id}' is not PascalCase.`);
  }
}

interface Param {
  at: JsonPath;
  value: Record<string, unknown>;
}

function resolveAll(def: Record<string, unknown>, list: unknown): Param[] {
  if (!Array.isArray(list)) return [];
  return list.map((p, i) => {
    const ref = str(obj(p)?.$ref);
    const target = ref?.startsWith("#/parameters/")
      ? obj(obj(def.parameters)?.[decodePointer(ref.slice(13))])
      : undefined;
    return { at: [i], value: target ?? obj(p) ?? {} };
  });
}

function checkParameters(
  def: Record<string, unknown>,
  path: string,
  method: string,
  params: Param[],
  opAt: JsonPath,
  op: Record<string, unknown>,
  out: Findings,
): void {
  const templateVars = [...path.matchAll(/\{([^{}/]+)\}/g)].map((m) => m[1]);
  const seen = new Set<string>();
  let bodies = 0, forms = 0;
  const at = (p: Param) => [...opAt, "parameters", p.at[0]];
  for (const p of params) {
    const name = str(p.value.name) ?? "";
    const where = str(p.value.in) ?? "";
    const key = `${name}|${where}`;
    if (seen.has(key)) {
      out.add(
        "OperationParametersContainDuplicateParameter",
        at(p),
        `The operation contains duplicate parameters with name '${name}', location '${where}'.`,
      );
    }
    seen.add(key);
    if (name === "connectionId") {
      out.add("ConnectionIdParameterNotAllowed", at(p), "A parameter cannot be named 'connectionId'.");
    }
    if (where === "body") {
      bodies++;
      if (!obj(p.value.schema)) {
        out.add("BodyParameterSchemaRequired", at(p), `The body parameter '${name}' must define a 'schema'.`);
      }
    } else if (p.value.schema !== undefined) {
      out.add(
        "NonBodyParameterSchemaNotValid",
        at(p),
        `The parameter '${name}' cannot define a schema as it is not in the body.`,
      );
    }
    if (where === "formData") forms++;
    if (p.value.type === "file" && where !== "formData") {
      out.add(
        "FileParameterMustBeInFormData",
        at(p),
        `The parameter '${name}' of type 'file' must be in formData.`,
      );
    }
    if (where === "path") {
      if (p.value.required !== true) {
        out.add(
          "PathParameterMustBeRequired",
          at(p),
          `The path parameter '${name}' must be marked required.`,
        );
      }
      if (!templateVars.includes(name)) {
        out.add(
          "PathParameterNotDefinedInTemplate",
          at(p),
          `The path parameter '${name}' is not in the path template '${path}'.`,
        );
      }
    }
    if (
      p.value.required === true && p.value["x-ms-visibility"] === "internal" &&
      p.value.default === undefined && where !== "body"
    ) {
      out.add(
        "PpxInternalRequiredNoDefault",
        at(p),
        `The required internal parameter '${name}' has no default, so no one can supply it.`,
      );
    }
  }
  for (const v of templateVars) {
    if (!params.some((p) => p.value.in === "path" && p.value.name === v)) {
      out.add(
        "OperationMissingPathParameter",
        opAt,
        `The operation '${
          str(op.operationId) ?? path
        }' does not define the '${v}' parameter which is required by the path.`,
      );
    }
  }
  if (bodies > 1) {
    out.add(
      "OperationParametersContainMultipleBodyParameters",
      [...opAt, "parameters"],
      `The operation '${str(op.operationId) ?? path}' contains multiple body parameters.`,
    );
  }
  if (bodies && forms) {
    out.add(
      "ParameterListContainsFormDataAndBody",
      [...opAt, "parameters"],
      "The parameters define both a 'body' and a 'formData' parameter.",
    );
  }
  if (method === "get" && (bodies || forms)) {
    out.add(
      "BodyOrFormDataParameterInFetchOperationNotAllowed",
      [...opAt, "parameters"],
      "Body or form data parameters are not supported in a GET operation.",
    );
  }
  const consumes = Array.isArray(op.consumes) ? op.consumes : Array.isArray(def.consumes) ? def.consumes : [];
  if ((bodies || forms) && consumes.length === 0) {
    out.add(
      "ConsumesMissing",
      opAt,
      `At least one MIME type must be provided in 'consumes' for operation '${str(op.operationId) ?? path}'.`,
    );
  }
}

function checkResponses(
  def: Record<string, unknown>,
  op: Record<string, unknown>,
  opAt: JsonPath,
  out: Findings,
): void {
  const responses = obj(op.responses);
  const keys = responses ? Object.keys(responses).filter((k) => !k.startsWith("x-")) : [];
  if (keys.length === 0) {
    return out.add(
      "OperationMustHaveResponse",
      opAt,
      "The operation must contain at least one response definition.",
    );
  }
  for (const k of keys) {
    if (k !== "default" && !/^[1-5]\d\d$/.test(k)) {
      out.add(
        "ResponseMustBeDefaultOrHttpStatusCode",
        [...opAt, "responses", k],
        `The response '${k}' is not an HTTP status code or 'default'.`,
      );
    }
  }
  if (!keys.some((k) => /^2\d\d$/.test(k))) {
    out.add(
      "OperationShouldHaveSuccessfulResponse",
      [...opAt, "responses"],
      `The operation '${str(op.operationId) ?? "?"}' should have at least one successful (2xx) response.`,
    );
  }
  const fallback = obj(responses!.default);
  const resolved = str(fallback?.$ref)?.startsWith("#/responses/")
    ? obj(obj(def.responses)?.[str(fallback!.$ref)!.slice(12)])
    : fallback;
  if (resolved?.schema !== undefined) {
    out.add(
      "DefaultResponseHasSchema",
      [...opAt, "responses", "default"],
      "The 'default' response should not have a schema.",
    );
  }
}

function checkTexts(op: Record<string, unknown>, opAt: JsonPath, out: Findings): void {
  const summary = str(op.summary);
  if (!summary) {
    out.add("PpxSummaryMissing", opAt, `The operation '${str(op.operationId) ?? "?"}' has no summary.`);
  } else if (summary.length >= 120) {
    out.add(
      "OperationSummaryTooLong",
      [...opAt, "summary"],
      `The summary is ${summary.length} characters; keep it under 120.`,
    );
  }
  const description = str(op.description);
  if (!description) {
    out.add(
      "PpxDescriptionMissing",
      opAt,
      `The operation '${str(op.operationId) ?? "?"}' has no description.`,
    );
  } else if (!/\.\s*$/.test(description)) {
    out.add("PpxDescriptionPeriod", [...opAt, "description"], "The description should end with a period.");
  }
}

function checkSecurity(def: Record<string, unknown>, security: unknown, at: JsonPath, out: Findings): void {
  if (!Array.isArray(security)) return;
  const defined = obj(def.securityDefinitions) ?? {};
  security.forEach((req, i) => {
    for (const name of Object.keys(obj(req) ?? {})) {
      if (!(name in defined)) {
        out.add(
          "SecurityRequirementMustBeDefined",
          [...at, i, name],
          `The security requirement '${name}' is not defined in 'securityDefinitions'.`,
        );
      }
    }
  });
}

function decodePointer(text: string): string {
  return text.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Walks the whole document for $refs and schema keyword problems. */
function walkRefsAndSchemas(
  def: Record<string, unknown>,
  node: unknown,
  at: JsonPath,
  out: Findings,
  inSchema = false,
): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) walkRefsAndSchemas(def, node[i], [...at, i], out, inSchema);
    return;
  }
  const o = obj(node);
  if (!o) return;
  if (typeof o.$ref === "string") checkRef(def, o.$ref, at, out);
  if (inSchema || isSchemaLike(at)) checkSchemaKeywords(o, at, out);
  for (const k in o) {
    // Examples, defaults and enum values are data, not schemas.
    if (k === "example" || k === "examples" || k === "x-ms-test-value" || k === "default" || k === "enum") {
      continue;
    }
    const v = o[k];
    if (v === null || typeof v !== "object") continue;
    const child = inSchema || k === "schema" || k === "items" || k === "properties" ||
      (k === "additionalProperties" && at.length > 0) || (at.length === 0 && k === "definitions");
    walkRefsAndSchemas(def, v, [...at, k], out, child && !(at.length === 0 && k === "definitions"));
  }
}

/** Top-level definitions, parameters and headers carry type/format/min/max too. */
function isSchemaLike(at: JsonPath): boolean {
  const n = at.length;
  if (n === 0) return false;
  if (n === 2 && (at[0] === "definitions" || at[0] === "parameters")) return true;
  const parent = at[n - 2];
  return parent === "parameters" || parent === "headers";
}

function checkSchemaKeywords(o: Record<string, unknown>, at: JsonPath, out: Findings): void {
  if (Array.isArray(o.enum) && o.enum.length === 0) {
    out.add(
      "EnumMustContainAtLeastOneElement",
      [...at, "enum"],
      "The 'enum' array requires at least one value.",
    );
  }
  if (o.type === "array" && !obj(o.items) && at[at.length - 1] !== "items") {
    out.add("ArrayHasNoItems", at, "The array should have items specified.");
  }
  if (Array.isArray(o.required)) {
    if (o.required.length === 0) {
      out.add("RequiredPropertyArrayEmpty", [...at, "required"], "The 'required' array is empty; remove it.");
    }
    const props = obj(o.properties);
    if (props) {
      for (const name of o.required) {
        if (typeof name === "string" && !(name in props)) {
          out.add(
            "RequiredPropertyDefinitionMissing",
            [...at, "required"],
            `The required property '${name}' is not defined in the object schema.`,
          );
        }
      }
    }
  }
  const pair = (lo: string, hi: string, code: string) => {
    if (typeof o[lo] === "number" && typeof o[hi] === "number" && (o[lo] as number) > (o[hi] as number)) {
      out.add(code, [...at, lo], `The '${lo}' value ${o[lo]} is greater than '${hi}' ${o[hi]}.`);
    }
  };
  pair("minLength", "maxLength", "MinLengthShouldBeLessThanOrEqualToMaxLength");
  pair("minimum", "maximum", "MinimumShouldBeLessThanOrEqualToMaximum");
  pair("minItems", "maxItems", "MinItemsShouldBeLessThanOrEqualToMaxItems");
  if (o.exclusiveMaximum !== undefined && o.maximum === undefined) {
    out.add(
      "ExclusiveMaximumRequiresMaximum",
      [...at, "exclusiveMaximum"],
      "'exclusiveMaximum' needs 'maximum'.",
    );
  }
  if (o.exclusiveMinimum !== undefined && o.minimum === undefined) {
    out.add(
      "ExclusiveMinimumRequiresMinimum",
      [...at, "exclusiveMinimum"],
      "'exclusiveMinimum' needs 'minimum'.",
    );
  }
  if (typeof o.pattern === "string") {
    try {
      new RegExp(o.pattern);
    } catch {
      out.add(
        "PatternShouldBeValidRegularExpression",
        [...at, "pattern"],
        `The pattern '${o.pattern}' is not a valid regular expression.`,
      );
    }
  }
  if (
    typeof o.type === "string" && typeof o.format === "string" && KNOWN_FORMATS[o.type] &&
    !KNOWN_FORMATS[o.type].includes(o.format)
  ) {
    out.add(
      "UnrecognizedTypeFormat",
      [...at, "format"],
      `The type/format '${o.type}/${o.format}' is not recognized.`,
    );
  }
}

function checkRef(def: Record<string, unknown>, ref: string, at: JsonPath, out: Findings): void {
  const kinds: [string, string, string, string][] = [
    ["#/definitions/", "definitions", "SchemaReferenceNotValid", "SchemaReferenceNotFound"],
    ["#/parameters/", "parameters", "ParameterReferenceNotValid", "ParameterReferenceNotFound"],
    ["#/responses/", "responses", "ResponseReferenceNotValid", "ResponseReferenceNotFound"],
  ];
  const inParameters = at[at.length - 2] === "parameters" && at[0] === "paths";
  const inResponses = at[at.length - 2] === "responses";
  const expected = inParameters ? kinds[1] : inResponses ? kinds[2] : kinds[0];
  const [prefix, section, invalid, missing] = expected;
  if (!ref.startsWith(prefix)) {
    out.add(invalid, [...at, "$ref"], `The reference '${ref}' is not valid; it must start with '${prefix}'.`);
    return;
  }
  const name = decodePointer(ref.slice(prefix.length));
  if (!obj(def[section]) || !(name in obj(def[section])!)) {
    out.add(missing, [...at, "$ref"], `The reference '${ref}' could not be found in the swagger document.`);
  }
}
