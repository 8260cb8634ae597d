/**
 * Catalog: Advisor recommendations (Power Platform API `analytics/advisorRecommendations/...`).
 *
 * @module
 */

import type { BodyField, Operation, OperationParam } from "./types.ts";

const V = "2022-03-01-preview";
const BASE = "analytics/advisorRecommendations";
const PERM = "the Power Platform administrator role and at least one Managed Environment";
const SCENARIO: OperationParam = {
  name: "scenario",
  in: "path",
  positional: "SCENARIO",
  required: true,
  description: "recommendation scenario, e.g. InactiveApps",
};
const SCENARIO_FLAG: OperationParam = { ...SCENARIO, positional: undefined, flag: "--scenario" };
const REC: OperationParam = {
  name: "recommendationId",
  in: "path",
  positional: "RECOMMENDATION_ID",
  required: true,
  description: "recommendation id",
};
const REC_FLAG: OperationParam = { ...REC, positional: undefined, flag: "--recommendation-id" };
const NOTE_FIELDS: BodyField[] = [
  { flag: "--notes", key: "notes", type: "string", description: "why" },
  { flag: "--requested-by", key: "requestedBy", type: "string", description: "who asked" },
];

function read(
  id: string,
  name: string,
  summary: string,
  path: string,
  params: OperationParam[],
  example: string,
  extra: Partial<Operation> = {},
): Operation {
  return {
    id,
    group: ["analytics"],
    name,
    summary,
    api: "powerplatform",
    method: "GET",
    path,
    apiVersion: V,
    params,
    body: { kind: "none" },
    permission: PERM,
    example,
    reference: "Advisor Recommendations (Power Platform API)",
    ...extra,
  };
}

function act(verb: "acknowledge" | "dismiss"): Operation {
  return {
    id: `analytics.${verb}`,
    group: ["analytics"],
    name: verb,
    summary: `${verb === "dismiss" ? "Dismiss" : "Acknowledge"} a recommendation (waits by default)`,
    api: "powerplatform",
    method: "POST",
    path: `${BASE}/{scenario}/recommendations/{recommendationId}:${verb}`,
    apiVersion: V,
    params: [SCENARIO_FLAG, REC_FLAG],
    body: { kind: "flags", fields: NOTE_FIELDS },
    longRunning: true,
    waitByDefault: true,
    permission: PERM,
    example:
      `ppx analytics ${verb} --scenario InactiveApps --recommendation-id 6e5d4c3b-2a19-4087-b6a5-948372615041 --notes "reviewed"`,
    reference: "Advisor Recommendations (Power Platform API)",
  };
}

/** Advisor recommendations. */
export const ADVISOR_OPERATIONS: Operation[] = [
  read(
    "analytics.scenarios",
    "scenarios",
    "List recommendation scenarios",
    `${BASE}/scenarios`,
    [],
    "ppx analytics scenarios",
    {
      list: {},
      columns: [{ header: "scenario", path: "scenario|name" }, {
        header: "name",
        path: "scenarioName|displayName",
      }],
    },
  ),
  read(
    "analytics.actions",
    "actions",
    "List the actions of a scenario",
    `${BASE}/{scenario}/actions`,
    [SCENARIO],
    "ppx analytics actions InactiveApps",
    {
      list: {},
      columns: [{ header: "action", path: "actionName|name" }, { header: "name", path: "displayName" }],
    },
  ),
  read(
    "analytics.resources",
    "resources",
    "List the resources a scenario flags (paged)",
    `${BASE}/{scenario}/resources`,
    [SCENARIO],
    "ppx analytics resources InactiveApps --all",
    {
      list: { topParam: "$top", tokenParam: "$skiptoken" },
      columns: [
        { header: "name", path: "resourceName|resourceId" },
        { header: "id", path: "resourceId" },
        { header: "type", path: "resourceType" },
        { header: "environment", path: "environmentId|environmentName" },
      ],
    },
  ),
  read(
    "analytics.recommendations",
    "recommendations",
    "List the recommendations of a scenario",
    `${BASE}/{scenario}/recommendations`,
    [SCENARIO],
    "ppx analytics recommendations InactiveApps",
    {
      list: {},
      columns: [
        { header: "title", path: "title" },
        { header: "id", path: "id" },
        { header: "severity", path: "severity" },
        { header: "status", path: "status" },
      ],
    },
  ),
  read(
    "analytics.show",
    "show",
    "Show one recommendation",
    `${BASE}/{scenario}/recommendations/{recommendationId}`,
    [SCENARIO, REC],
    "ppx analytics show InactiveApps 6e5d4c3b-2a19-4087-b6a5-948372615041",
  ),
  read(
    "analytics.status",
    "status",
    "Show the status of one recommendation",
    `${BASE}/{scenario}/recommendations/{recommendationId}/status`,
    [SCENARIO, REC],
    "ppx analytics status InactiveApps 6e5d4c3b-2a19-4087-b6a5-948372615041",
  ),
  act("acknowledge"),
  act("dismiss"),
  {
    id: "analytics.execute",
    group: ["analytics"],
    name: "execute",
    summary: "Run a recommendation action on resources",
    api: "powerplatform",
    method: "POST",
    path: "analytics/actions/{actionName}",
    apiVersion: V,
    params: [{
      name: "actionName",
      in: "path",
      positional: "ACTION_NAME",
      required: true,
      description: "the action",
    }],
    body: {
      kind: "flags",
      payload: true,
      fields: [
        { flag: "--scenario", key: "scenario", type: "string", required: true, description: "the scenario" },
        {
          flag: "--parameters",
          key: "actionParameters",
          type: "json",
          description: "action parameters, as a JSON object",
        },
      ],
    },
    permission: PERM,
    example:
      `ppx analytics execute SendEmailToOwner --scenario InactiveApps --parameters '{"resourceIds":["3f1a9b7c-1111-4d2e-8f00-000000000001"]}'`,
    reference: "Advisor Recommendations (Power Platform API)",
  },
];
