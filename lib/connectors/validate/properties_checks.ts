/**
 * Checks of `apiProperties.json` (paconn's connector properties) against the definition and the folder.
 *
 * Permissions: none.
 *
 * @module
 */

import { type Findings, obj, str } from "./findings.ts";

const PARAMETER_TYPES = [
  "securestring",
  "string",
  "oauthsetting",
  "gatewaysetting",
  "int",
  "bool",
  "object",
  "array",
];

/** Runs every apiProperties rule. */
export function checkProperties(
  doc: Record<string, unknown>,
  context: { operationIds: Set<string>; hasScript: boolean },
  out: Findings,
): void {
  const props = obj(doc.properties);
  if (!props) {
    return out.add("PpxPropertiesRoot", [], "apiProperties.json has no top-level 'properties' object.");
  }
  const color = props.iconBrandColor;
  if (color !== undefined) {
    if (typeof color !== "string" || !/^#[0-9a-fA-F]{6}$/.test(color)) {
      out.add(
        "PpxIconBrandColor",
        ["properties", "iconBrandColor"],
        `The brand colour '${color}' is not a #rrggbb colour.`,
      );
    } else if (["#007ee5", "#ffffff"].includes(color.toLowerCase())) {
      out.add(
        "PpxBrandColorReserved",
        ["properties", "iconBrandColor"],
        `The brand colour ${color} is not accepted for certification (independent publishers use #da3b01).`,
      );
    }
  }
  checkParameters(obj(props.connectionParameters), ["properties", "connectionParameters"], out);
  const sets = obj(props.connectionParameterSets);
  if (Array.isArray(sets?.values)) {
    sets.values.forEach((set, i) => {
      checkParameters(obj(obj(set)?.parameters), [
        "properties",
        "connectionParameterSets",
        "values",
        i,
        "parameters",
      ], out);
    });
  }
  const scriptOps = props.scriptOperations;
  if (Array.isArray(scriptOps)) {
    scriptOps.forEach((id, i) => {
      if (typeof id !== "string" || !context.operationIds.has(id)) {
        out.add(
          "PpxScriptOperation",
          ["properties", "scriptOperations", i],
          `The script operation '${id}' is not an operationId of the definition.`,
        );
      }
    });
    if (scriptOps.length > 0 && !context.hasScript) {
      out.add(
        "PpxScriptMissing",
        ["properties", "scriptOperations"],
        "scriptOperations are listed but the folder has no script.csx.",
      );
    }
  }
  const policies = props.policyTemplateInstances;
  if (Array.isArray(policies)) {
    policies.forEach((p, i) => {
      if (!str(obj(p)?.templateId)) {
        out.add(
          "PpxPolicyTemplate",
          ["properties", "policyTemplateInstances", i],
          "The policy template instance has no templateId.",
        );
      }
    });
  }
}

function checkParameters(
  params: Record<string, unknown> | undefined,
  at: (string | number)[],
  out: Findings,
): void {
  for (const [name, value] of Object.entries(params ?? {})) {
    const p = obj(value) ?? {};
    const type = str(p.type);
    const here = [...at, name];
    if (!type || !PARAMETER_TYPES.includes(type.toLowerCase())) {
      out.add(
        "PpxConnectionParameterType",
        [...here, "type"],
        `The connection parameter '${name}' has the unknown type '${type ?? "(none)"}'.`,
      );
      continue;
    }
    if (type.toLowerCase() !== "oauthsetting") continue;
    const settings = obj(p.oAuthSettings);
    if (!settings || !str(settings.identityProvider) || !str(settings.clientId)) {
      out.add(
        "PpxOAuthSettings",
        here,
        `The OAuth parameter '${name}' needs oAuthSettings with identityProvider and clientId.`,
      );
    }
    if (settings && typeof settings.clientSecret === "string" && settings.clientSecret !== "") {
      out.add(
        "PpxClientSecretInFile",
        [...here, "oAuthSettings", "clientSecret"],
        "A client secret is stored in apiProperties.json; pass it with --secret-env at create/update instead.",
      );
    }
  }
}
