/**
 * Catalog: governance (Power Platform API `governance/...`): cross-tenant connection reports and
 * rule-based policies with their environment and environment-group assignments.
 *
 * @module
 */

import type { Operation, OperationParam } from "./types.ts";

const V = "2022-03-01-preview";
const PERM = "the Power Platform administrator role";
const POLICY: OperationParam = {
  name: "policyId",
  in: "path",
  positional: "POLICY_ID",
  required: true,
  description: "rule-based policy id",
};
const ENV_ARG: OperationParam = {
  name: "environmentId",
  in: "path",
  positional: "ENVIRONMENT",
  environment: true,
  description: "the environment (or -e)",
};
const GROUP: OperationParam = {
  name: "groupId",
  in: "path",
  positional: "GROUP_ID",
  required: true,
  description: "environment group id",
};
const OVERRIDES = {
  flag: "--overrides",
  key: "assignmentOverrides",
  type: "json",
  description: "assignment overrides, as a JSON array",
} as const;
const ASSIGNMENT_COLUMNS = [
  { header: "policy", path: "policyId" },
  { header: "resource", path: "resourceId" },
  { header: "type", path: "resourceType" },
  { header: "ruleSets", path: "ruleSetCount" },
];

function op(
  o: Omit<Operation, "api" | "apiVersion" | "permission" | "body"> & Partial<Operation>,
): Operation {
  return { api: "powerplatform", apiVersion: V, permission: PERM, body: { kind: "none" }, ...o };
}

/** Governance. */
export const GOVERNANCE_OPERATIONS: Operation[] = [
  op({
    id: "governance.report.submit",
    group: ["governance", "report"],
    name: "submit",
    summary: "Ask for a cross-tenant connection report (--wait to wait for it)",
    method: "POST",
    path: "governance/crossTenantConnectionReports",
    body: { kind: "payload", description: "report options, as JSON (optional)" },
    longRunning: true,
    example: "ppx governance report submit --wait",
    reference: "Cross Tenant Connection Reports - Create Cross Tenant Connection Report",
  }),
  op({
    id: "governance.report.status",
    group: ["governance", "report"],
    name: "status",
    aliases: ["get"],
    summary: "Show a cross-tenant connection report",
    method: "GET",
    path: "governance/crossTenantConnectionReports/{reportId}",
    params: [{
      name: "reportId",
      in: "path",
      positional: "REPORT_ID",
      required: true,
      description: "report id",
    }],
    example: "ppx governance report status d1c2b3a4-9586-4776-8a5b-3c2d1e0f9a8b",
    reference: "Cross Tenant Connection Reports - Get Cross Tenant Connection Report",
  }),
  op({
    id: "governance.report.list",
    group: ["governance", "report"],
    name: "list",
    summary: "List cross-tenant connection reports",
    method: "GET",
    path: "governance/crossTenantConnectionReports",
    list: {},
    columns: [{ header: "id", path: "reportId|id" }, { header: "status", path: "status" }, {
      header: "created",
      path: "createdDate|startDate",
    }],
    example: "ppx governance report list",
    reference: "Cross Tenant Connection Reports - List Cross Tenant Connection Reports",
  }),
  op({
    id: "governance.policy.list",
    group: ["governance", "policy"],
    name: "list",
    summary: "List rule-based policies",
    method: "GET",
    path: "governance/ruleBasedPolicies",
    list: {},
    columns: [{ header: "name", path: "name" }, { header: "id", path: "id" }, {
      header: "ruleSets",
      path: "ruleSetCount",
    }],
    example: "ppx governance policy list",
    reference: "Rule Based Policies - List Rule Based Policies",
  }),
  op({
    id: "governance.policy.get",
    group: ["governance", "policy"],
    name: "get",
    summary: "Show a rule-based policy",
    method: "GET",
    path: "governance/ruleBasedPolicies/{policyId}",
    params: [POLICY],
    example: "ppx governance policy get 4c2e8a10-7b3d-4f59-a6e1-0d9c8b7a6f54",
    reference: "Rule Based Policies - Get Rule Based Policy By Id",
  }),
  op({
    id: "governance.policy.create",
    group: ["governance", "policy"],
    name: "create",
    summary: "Create a rule-based policy (name and rule sets)",
    method: "POST",
    path: "governance/ruleBasedPolicies",
    body: {
      kind: "flags",
      payload: true,
      fields: [
        { flag: "--name", key: "name", type: "string", required: true, description: "policy name" },
        { flag: "--rule-sets", key: "ruleSets", type: "json", description: "rule sets, as a JSON array" },
      ],
    },
    example: `ppx governance policy create --name "Prod guardrails" --rule-sets @rulesets.json`,
    reference: "Rule Based Policies - Create Rule Based Policy",
  }),
  op({
    id: "governance.policy.update",
    group: ["governance", "policy"],
    name: "update",
    summary: "Update a rule-based policy",
    method: "PATCH",
    path: "governance/ruleBasedPolicies/{policyId}",
    params: [POLICY],
    body: {
      kind: "flags",
      payload: true,
      fields: [
        { flag: "--name", key: "name", type: "string", description: "policy name" },
        { flag: "--rule-sets", key: "ruleSets", type: "json", description: "rule sets, as a JSON array" },
      ],
    },
    example: "ppx governance policy update 4c2e8a10-7b3d-4f59-a6e1-0d9c8b7a6f54 --name Guardrails",
    reference: "Rule Based Policies - Update Rule Based Policy",
  }),
  op({
    id: "governance.assignment.create",
    group: ["governance", "assignment"],
    name: "create",
    aliases: ["create-environment"],
    summary: "Assign a rule-based policy to an environment",
    method: "POST",
    path: "governance/ruleBasedPolicies/{policyId}/environments/{environmentId}/assignments",
    params: [POLICY, ENV_ARG],
    body: { kind: "flags", payload: true, fields: [OVERRIDES] },
    example: "ppx governance assignment create 4c2e8a10-7b3d-4f59-a6e1-0d9c8b7a6f54 contoso-dev",
    reference:
      "Rule Based Policies - Create Environment Rule Based Assignment (the earlier CLI posted to .../assignments/environments/{env})",
  }),
  op({
    id: "governance.assignment.create-group",
    group: ["governance", "assignment"],
    name: "create-group",
    summary: "Assign a rule-based policy to an environment group",
    method: "POST",
    path: "governance/ruleBasedPolicies/{policyId}/environmentGroups/{groupId}/assignments",
    params: [POLICY, GROUP],
    body: { kind: "flags", payload: true, fields: [OVERRIDES] },
    example:
      "ppx governance assignment create-group 4c2e8a10-7b3d-4f59-a6e1-0d9c8b7a6f54 6d1b0a39-5d0b-4f25-9d0b-5d0b4f259d0b",
    reference: "Rule Based Policies - Create Environment Group Rule Based Assignment",
  }),
  op({
    id: "governance.assignment.list",
    group: ["governance", "assignment"],
    name: "list",
    summary: "List every rule-based policy assignment of the tenant",
    method: "GET",
    path: "governance/ruleBasedPolicies/assignments",
    list: {},
    columns: ASSIGNMENT_COLUMNS,
    example: "ppx governance assignment list",
    reference: "Rule Based Policies - List Rule Based Assignments",
  }),
  op({
    id: "governance.assignment.list-by-policy",
    group: ["governance", "assignment"],
    name: "list-by-policy",
    summary: "List the assignments of one policy",
    method: "GET",
    path: "governance/ruleBasedPolicies/{policyId}/assignments",
    params: [POLICY],
    list: {},
    columns: ASSIGNMENT_COLUMNS,
    example: "ppx governance assignment list-by-policy 4c2e8a10-7b3d-4f59-a6e1-0d9c8b7a6f54",
    reference: "Rule Based Policies - List Rule Based Assignments By Policy",
  }),
  op({
    id: "governance.assignment.list-by-environment",
    group: ["governance", "assignment"],
    name: "list-by-environment",
    summary: "List the policy assignments of an environment",
    method: "GET",
    path: "governance/environments/{environmentId}/ruleBasedAssignments",
    params: [ENV_ARG],
    list: {},
    columns: ASSIGNMENT_COLUMNS,
    example: "ppx governance assignment list-by-environment contoso-dev",
    reference:
      "Rule Based Policies - List Environment Rule Based Assignments (the earlier CLI used .../assignments/byEnvironment/{env})",
  }),
  op({
    id: "governance.assignment.list-by-group",
    group: ["governance", "assignment"],
    name: "list-by-group",
    summary: "List the policy assignments of an environment group",
    method: "GET",
    path: "governance/environmentGroups/{groupId}/ruleBasedAssignments",
    params: [GROUP],
    list: {},
    columns: ASSIGNMENT_COLUMNS,
    example: "ppx governance assignment list-by-group 6d1b0a39-5d0b-4f25-9d0b-5d0b4f259d0b",
    reference: "Rule Based Policies - List Environment Group Rule Based Assignments",
  }),
];
